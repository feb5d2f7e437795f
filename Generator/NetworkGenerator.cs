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
/// Diagnostics travel on a branch of their own, so a diagnostic that moves never re-emits code: nothing
/// that feeds emission holds a location; the problems found while resolving a model file or importing
/// an ONNX graph are joined with their declaration's <see cref="SourceSite"/> on that branch.
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

        // The model-file problems (NG0015–NG0017) are found without a location; the diagnostics branch
        // joins them with where each Weights argument is, so that moving a class re-emits nothing.
        IncrementalValuesProvider<DiagnosticInfo> weightsDiagnostics = Locate(
            resolved,
            parsed.Where(static result => result.Spec?.Weights is not null && result.WeightsSite is not null)
                .Select(static (result, _) => (WeightsResolver.KeyOf(result.Spec!, result.Spec!.Weights!.Name), result.WeightsSite!)))
            .WithTrackingName(StepNames.WeightsDiagnostics);

        // [OnnxModel("…")]: an ONNX file read at compile time and emitted as an inference-only network.
        IncrementalValueProvider<ImmutableArray<OnnxFile>> onnxFiles = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(OnnxResolver.Suffix, StringComparison.OrdinalIgnoreCase))
            .Select(static (text, cancellationToken) => OnnxResolver.Decode(text.Path, text.GetText(cancellationToken)?.ToString()))
            .Collect();

        IncrementalValuesProvider<OnnxParseResult> onnxParsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                OnnxResolver.AttributeName,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (context, cancellationToken) => OnnxModelParser.Parse(context, cancellationToken))
            .WithTrackingName(StepNames.OnnxParse);

        IncrementalValuesProvider<EmitInput> imported = onnxParsed
            .Select(static (result, _) => result.Request)
            .WithTrackingName(StepNames.OnnxRequest)
            .Combine(onnxFiles)
            .Select(static (pair, cancellationToken) => SafeResolve(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(StepNames.OnnxResolve);

        IncrementalValuesProvider<DiagnosticInfo> onnxDiagnostics = Locate(
            imported,
            onnxParsed.Where(static result => result.ClassProblem is null).Select(static (result, _) => (result.Request.Key, result.Site)))
            .WithTrackingName(StepNames.OnnxDiagnostics);

        IncrementalValuesProvider<DiagnosticInfo> onnxClassDiagnostics = onnxParsed
            .Where(static result => result.ClassProblem is not null)
            .Select(static (result, _) => result.ClassProblem!);

        context.RegisterSourceOutput(imported, static (output, input) => Emit(output, input));
        context.RegisterSourceOutput(resolved, static (output, input) => Emit(output, input));
        context.RegisterSourceOutput(weightsDiagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
        context.RegisterSourceOutput(onnxDiagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
        context.RegisterSourceOutput(onnxClassDiagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
        context.RegisterSourceOutput(orphanDense, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
        context.RegisterSourceOutput(orphanTraining, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
    }

    /// <summary>
    /// Joins the problems of the emission branch (no location) with the sites of their declarations,
    /// by key: one diagnostic per site whose declaration has a problem. Only this cheap join re-runs when
    /// a declaration moves; resolving and importing stay cached.
    /// </summary>
    private static IncrementalValuesProvider<DiagnosticInfo> Locate(
        IncrementalValuesProvider<EmitInput> inputs, IncrementalValuesProvider<(string Key, SourceSite Site)> sites) =>
        inputs
            .Where(static input => input.Problem is not null)
            .Select(static (input, _) => (input.Key, input.Problem!))
            .Collect()
            .Combine(sites.Collect())
            .SelectMany(static (pair, _) =>
            {
                var found = ImmutableArray.CreateBuilder<DiagnosticInfo>();
                foreach ((string key, SourceSite site) in pair.Right)
                {
                    foreach ((string problemKey, Problem problem) in pair.Left)
                    {
                        if (problemKey == key)
                        {
                            found.Add(problem.At(site));
                            break;
                        }
                    }
                }

                return found.ToImmutable();
            });

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
            return OnnxResolver.Fail(request, DiagnosticDescriptors.OnnxUnreadable, request.Path, "the importer failed (" + ex.GetType().Name + ": " + ex.Message + ")");
        }
    }

    private static void Emit(SourceProductionContext output, EmitInput input)
    {
        if (input.Spec is null)
        {
            return;
        }

        NetworkSpec spec = input.Spec;
        try
        {
            output.AddSource(NetworkEmitter.HintName(spec), NetworkEmitter.Emit(spec, Version, output.CancellationToken, input.Weights));
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
