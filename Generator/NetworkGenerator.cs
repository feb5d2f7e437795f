using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator;

/// <summary>
/// The pipeline: every class carrying [NetGen.Network] → <see cref="NetworkParser"/> (symbols to an
/// equatable <see cref="NetworkSpec"/> and diagnostics) → <see cref="NetworkEmitter"/> (model to C#).
/// Diagnostics travel on a branch of their own, so a diagnostic that moves never re-emits code;
/// [Dense] and [Training] without [Network] are found by a second, diagnostics-only branch.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <summary>The version stamped into [GeneratedCode] and the file header.</summary>
    internal static readonly string Version =
        typeof(NetworkGenerator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "NetGenVersion")?.Value ?? "0.0.0";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.NetworkAttributeName,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (context, cancellationToken) => NetworkParser.Parse(context, cancellationToken))
            .WithTrackingName(StepNames.Parse);

        IncrementalValuesProvider<NetworkSpec> models = parsed
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(StepNames.Model);

        IncrementalValuesProvider<DiagnosticInfo> diagnostics = parsed
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(StepNames.Diagnostics);

        IncrementalValuesProvider<DiagnosticInfo> orphanDense = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.DenseAttributeName,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (context, cancellationToken) => OrphanAttributeParser.Parse(context, "Dense", cancellationToken))
            .SelectMany(static (found, _) => found)
            .WithTrackingName(StepNames.OrphanDense);

        IncrementalValuesProvider<DiagnosticInfo> orphanTraining = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkParser.TrainingAttributeName,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (context, cancellationToken) => OrphanAttributeParser.Parse(context, "Training", cancellationToken))
            .SelectMany(static (found, _) => found)
            .WithTrackingName(StepNames.OrphanTraining);

        context.RegisterSourceOutput(models, static (output, spec) => Emit(output, spec));
        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
        context.RegisterSourceOutput(orphanDense, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
        context.RegisterSourceOutput(orphanTraining, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
    }

    private static void Emit(SourceProductionContext output, NetworkSpec spec)
    {
        try
        {
            output.AddSource(NetworkEmitter.HintName(spec), NetworkEmitter.Emit(spec, Version, output.CancellationToken));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Never fail the build with an exception (CS8785): say what happened instead.
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, spec.FullName, ex.GetType().Name + ": " + ex.Message));
        }
    }
}
