using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Autodiff;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator;

/// <summary>
/// Compile-time differentiation: every method carrying [NetGen.Differentiate] → <see cref="DiffParser"/>
/// (its computational graph as an equatable <see cref="DiffSpec"/>, or diagnostics) →
/// <see cref="DiffEmitter"/> ({Name}Gradient: value and gradient by reverse mode).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiateGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<DiffParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                DiffParser.AttributeName,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: static (context, cancellationToken) => DiffParser.Parse(context, cancellationToken))
            .WithTrackingName(StepNames.DifferentiateParse);

        IncrementalValuesProvider<DiffSpec> specs = parsed
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!);

        IncrementalValuesProvider<DiagnosticInfo> diagnostics = parsed.SelectMany(static (result, _) => result.Diagnostics);

        context.RegisterSourceOutput(specs, static (output, spec) =>
        {
            try
            {
                output.AddSource(DiffEmitter.HintName(spec), DiffEmitter.Emit(spec, NetworkGenerator.Version));
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception ex)
            {
                output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, spec.FullName, ex.GetType().Name + ": " + ex.Message));
            }
        });
        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
    }
}
