using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Building;
using NetGen.Generator.Catalog.Activations;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Weights;

namespace NetGen.Generator.Onnx;

/// <summary>
/// [OnnxModel("…")] as written: the class that receives the network and the file it names. It feeds
/// emission, so it holds no location (see <see cref="OnnxParseResult"/>, from <see cref="Parsing.OnnxModelParser"/>, for where the attribute is).
/// <see cref="Skip"/>: nothing to generate, either because the source is mid-edit (a namespace or type
/// without its name yet: the compiler reports the syntax error) or because the class cannot receive
/// the network (NG0023, reported from <see cref="OnnxParseResult.ClassProblem"/>).
/// </summary>
internal sealed record OnnxRequest(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string ClassName,
    string FullName,
    string Path,
    bool Skip = false)
{
    /// <summary>The join key of this declaration's problems and its site (see <see cref="EmitInput.Key"/>).</summary>
    public string Key => EmitInput.KeyOf(FullName, Path);
}

/// <summary>
/// What the [OnnxModel] parse step finds: the <see cref="Request"/> (the emission branch) and, for the
/// diagnostics branch only, where the file argument is and NG0023 when the class cannot receive a network.
/// </summary>
internal sealed record OnnxParseResult(OnnxRequest Request, SourceSite Site, DiagnosticInfo? ClassProblem);

/// <summary>An ONNX file of the build (a NetGenModel item, handed over as base64 text).</summary>
internal sealed record OnnxFile(string Identity, string? Error, EquatableArray<byte> Bytes);

/// <summary>From [OnnxModel] and the build's ONNX files to a network model with its weights, or diagnostics.</summary>
internal static class OnnxResolver
{
    public const string AttributeName = "NetGen.OnnxModelAttribute";
    public const string Suffix = ".onnx.b64";

    public static OnnxFile Decode(string path, string? text)
    {
        (string identity, byte[]? bytes, string? error) = EncodedModel.Decode(path, text);
        return new OnnxFile(identity, error, bytes is null ? default : new EquatableArray<byte>(bytes));
    }

    /// <summary>Imports the file the request names; <paramref name="cancellationToken"/> (the build's) is checked in every loop of the reader and importer.</summary>
    public static EmitInput Resolve(OnnxRequest request, ImmutableArray<OnnxFile> files, CancellationToken cancellationToken = default)
    {
        if (request.Skip)
        {
            return new EmitInput(request.Key, null, null, null);
        }

        string name = WeightsResolver.Normalize(request.Path);
        OnnxFile[] matches = files.Where(f => WeightsResolver.Normalize(f.Identity) == name).ToArray();
        if (matches.Length == 0)
        {
            matches = files.Where(f => WeightsResolver.Normalize(f.Identity).EndsWith("/" + name, StringComparison.Ordinal) || WeightsResolver.FileName(f.Identity) == name).ToArray();
        }

        if (matches.Length != 1)
        {
            string available = files.IsDefaultOrEmpty ? "none" : string.Join(", ", files.Select(f => "'" + f.Identity + "'").OrderBy(s => s, StringComparer.Ordinal));
            return Fail(request, DiagnosticDescriptors.OnnxNotFound, request.Path, matches.Length == 0
                ? $"no NetGenModel item of the project is '{request.Path}' (ONNX files of this build: {available}); add <NetGenModel Include=\"{request.Path}\" /> to the project"
                : $"'{request.Path}' names {matches.Length} files; give the path as written in the project");
        }

        OnnxFile file = matches[0];
        if (file.Error is not null)
        {
            return Fail(request, DiagnosticDescriptors.OnnxUnreadable, file.Identity, file.Error);
        }

        OnnxGraph graph;
        try
        {
            graph = OnnxGraph.Read(file.Bytes.ToArray(), cancellationToken);
        }
        catch (FormatException ex)
        {
            return Fail(request, DiagnosticDescriptors.OnnxUnreadable, file.Identity, ex.Message + " (corrupt or not an ONNX file)");
        }

        int inputs;
        List<ImportedLayer> layers;
        try
        {
            (inputs, layers) = OnnxImporter.Import(graph, cancellationToken);
        }
        catch (OnnxImportException ex)
        {
            return Fail(request, DiagnosticDescriptors.OnnxUnsupported, file.Identity, ex.Message);
        }

        // The same request a [Network] declaration makes, to the same builder: the layout, strategy and
        // α checks are the builder's (an α of NaN in the file is refused, as it is in an attribute).
        var requested = new List<LayerRequest>();
        var values = new List<float>();
        for (int n = 0; n < layers.Count; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ImportedLayer layer = layers[n];
            requested.Add(new LayerRequest(n + 1, layer.Units, layer.Activation, ActivationCatalog.Get(layer.Activation).Alpha is not null ? layer.Alpha : null));
            values.AddRange(layer.Weights);
            values.AddRange(layer.Bias);
            values.AddRange(layer.Slopes ?? Array.Empty<float>());
        }

        BuildResult built = NetworkBuilder.Build(new NetworkRequest(
            request.Namespace, request.ContainingTypes, request.ClassName, request.FullName, inputs, 0, layers.Count, requested));
        if (built.Spec is not { } network)
        {
            BuildProblem problem = built.Problems.First(p => p.IsError);
            return Fail(request, DiagnosticDescriptors.OnnxUnsupported, file.Identity, problem.Message());
        }

        if (network.ParameterCount != values.Count)
        {
            return Fail(request, DiagnosticDescriptors.OnnxUnsupported, file.Identity,
                $"its tensors hold {values.Count} parameters, but the network they describe has {network.ParameterCount}");
        }

        // The layout of Parameters, as little-endian floats.
        byte[] bytes = new byte[values.Count * sizeof(float)];
        Buffer.BlockCopy(values.ToArray(), 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < bytes.Length; i += 4)
            {
                Array.Reverse(bytes, i, 4);
            }
        }

        ulong fingerprint = Fingerprint.Hash(Fingerprint.Describe(network));
        return new EmitInput(request.Key, network, new EmbeddedWeights(file.Identity, fingerprint, new EquatableArray<byte>(bytes)), null);
    }

    internal static EmitInput Fail(OnnxRequest request, DiagnosticDescriptor descriptor, params string[] args) =>
        new(request.Key, null, null, Problem.Create(descriptor, args));
}
