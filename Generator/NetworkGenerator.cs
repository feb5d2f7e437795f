using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Onnx;
using NetGen.Generator.Parsing;
using NetGen.Generator.Weights;

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

        // Model files for [Network(Weights = "…")]: the build targets hand each one over as base64 text.
        IncrementalValueProvider<ImmutableArray<WeightsFile>> weightsFiles = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(WeightsFileReader.Suffix, StringComparison.OrdinalIgnoreCase))
            .Select(static (text, cancellationToken) => WeightsFileReader.Read(text.Path, text.GetText(cancellationToken)?.ToString()))
            .WithTrackingName(StepNames.WeightsFiles)
            .Collect();

        IncrementalValuesProvider<EmitInput> resolved = models
            .Combine(weightsFiles)
            .Select(static (pair, _) => WeightsResolver.Resolve(pair.Left, pair.Right))
            .WithTrackingName(StepNames.Resolve);

        // [OnnxModel("…")]: an ONNX file read at compile time and emitted as an inference-only network.
        IncrementalValueProvider<ImmutableArray<OnnxFile>> onnxFiles = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(OnnxResolver.Suffix, StringComparison.OrdinalIgnoreCase))
            .Select(static (text, cancellationToken) => OnnxResolver.Decode(text.Path, text.GetText(cancellationToken)?.ToString()))
            .Collect();

        IncrementalValuesProvider<EmitInput> imported = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                OnnxResolver.AttributeName,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (context, cancellationToken) => OnnxResolver.Parse(context, cancellationToken))
            .WithTrackingName(StepNames.OnnxParse)
            .Combine(onnxFiles)
            .Select(static (pair, cancellationToken) => SafeResolve(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(StepNames.OnnxResolve);

        context.RegisterSourceOutput(imported, static (output, input) =>
        {
            foreach (DiagnosticInfo diagnostic in input.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (input.Spec is not null)
            {
                Emit(output, input.Spec, input.Weights);
            }
        });

        context.RegisterSourceOutput(resolved, static (output, input) =>
        {
            foreach (DiagnosticInfo diagnostic in input.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (input.Spec is not null)
            {
                Emit(output, input.Spec, input.Weights);
            }
        });
        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
        context.RegisterSourceOutput(orphanDense, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
        context.RegisterSourceOutput(orphanTraining, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
    }

    /// <summary>
    /// The importer never throws out of the generator: anything unexpected is NG0021 on the attribute.
    /// Cancellation (the build's token, checked in every loop of the reader and the importer) is not caught.
    /// </summary>
    private static EmitInput SafeResolve(OnnxRequest request, ImmutableArray<OnnxFile> files, System.Threading.CancellationToken cancellationToken)
    {
        try
        {
            return OnnxResolver.Resolve(request, files, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var diagnostic = new DiagnosticInfo(DiagnosticDescriptors.OnnxUnreadable, request.FilePath, request.Span, request.LineSpan,
                new[] { request.Path, "the importer failed (" + ex.GetType().Name + ": " + ex.Message + ")" }.ToEquatableArray());
            return new EmitInput(null, null, new[] { diagnostic }.ToEquatableArray());
        }
    }

    private static void Emit(SourceProductionContext output, NetworkSpec spec, EmbeddedWeights? weights)
    {
        try
        {
            output.AddSource(NetworkEmitter.HintName(spec), NetworkEmitter.Emit(spec, Version, output.CancellationToken, weights));
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
