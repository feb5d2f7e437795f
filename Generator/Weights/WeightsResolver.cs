using System;
using System.Collections.Immutable;
using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Weights;

/// <summary>What to emit for one network once its [Network(Weights = …)] is matched to a model file.</summary>
/// <param name="Spec">The network, or null when nothing is emitted (a weights diagnostic).</param>
/// <param name="Weights">The parameters to compile in, or null for the seeded initialisation.</param>
/// <param name="Diagnostics">NG0015–NG0017, if any.</param>
internal sealed record EmitInput(NetworkSpec? Spec, EmbeddedWeights? Weights, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Matches a network's Weights name to the build's model files and checks that the file fits the network.</summary>
internal static class WeightsResolver
{
    public static EmitInput Resolve(NetworkSpec spec, ImmutableArray<WeightsFile> files)
    {
        WeightsReference? reference = spec.Weights;
        if (reference is null)
        {
            return new EmitInput(spec, null, default);
        }

        string name = Normalize(reference.Name);
        WeightsFile[] matches = files.Where(f => Normalize(f.Identity) == name).ToArray();
        if (matches.Length == 0)
        {
            matches = files.Where(f => Normalize(f.Identity).EndsWith("/" + name, StringComparison.Ordinal)
                || FileName(f.Identity) == name).ToArray();
        }

        if (matches.Length != 1)
        {
            string available = files.IsDefaultOrEmpty ? "none" : string.Join(", ", files.Select(f => "'" + f.Identity + "'").OrderBy(s => s, StringComparer.Ordinal));
            string reason = matches.Length == 0
                ? $"no NetGenModel item of the project is '{reference.Name}' (model files of this build: {available}); add <NetGenModel Include=\"{reference.Name}\" /> to the project"
                : $"'{reference.Name}' names {matches.Length} model files ({string.Join(", ", matches.Select(f => "'" + f.Identity + "'"))}); give the path as written in the project";
            return Fail(spec, reference, DiagnosticDescriptors.WeightsNotFound, reference.Name, reason);
        }

        WeightsFile file = matches[0];
        if (file.Error is not null)
        {
            return Fail(spec, reference, DiagnosticDescriptors.WeightsCorrupt, file.Identity, file.Error);
        }

        string architecture = Fingerprint.Describe(spec);
        if (file.Architecture != architecture || file.ParameterCount != spec.ParameterCount || file.Fingerprint != Fingerprint.Hash(architecture))
        {
            return Fail(spec, reference, DiagnosticDescriptors.WeightsMismatch, file.Identity,
                $"{file.Architecture} ({file.ParameterCount} parameters)", spec.ClassName, $"{architecture} ({spec.ParameterCount} parameters)");
        }

        return new EmitInput(spec, new EmbeddedWeights(file.Identity, file.Fingerprint, file.ParameterBytes), default);
    }

    private static EmitInput Fail(NetworkSpec spec, WeightsReference reference, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, params string[] args)
    {
        var diagnostic = new DiagnosticInfo(descriptor, reference.FilePath, reference.Span, reference.LineSpan, args.ToEquatableArray());
        return new EmitInput(null, null, new[] { diagnostic }.ToEquatableArray());
    }

    internal static string Normalize(string path)
    {
        string p = path.Replace('\\', '/').Trim();
        while (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p.Substring(2);
        }

        return p;
    }

    internal static string FileName(string path)
    {
        string p = Normalize(path);
        int slash = p.LastIndexOf('/');
        return slash < 0 ? p : p.Substring(slash + 1);
    }
}
