using System;
using System.Collections.Immutable;
using System.Linq;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Weights;

/// <summary>
/// What to emit for one network once its model file (Weights, or the ONNX file) is resolved. No location:
/// a <see cref="Problem"/> is joined with its declaration's <see cref="SourceSite"/> on the diagnostics
/// branch (<see cref="NetworkGenerator"/>), by <see cref="Key"/>.
/// </summary>
/// <param name="Key">Which declaration this is (<see cref="KeyOf"/>), for that join.</param>
/// <param name="Spec">The network, or null when nothing is emitted (a problem).</param>
/// <param name="Weights">The parameters to compile in, or null for the seeded initialisation.</param>
/// <param name="Problem">NG0015–NG0017 or NG0020/NG0021, if any.</param>
internal sealed record EmitInput(string Key, NetworkSpec? Spec, EmbeddedWeights? Weights, Problem? Problem)
{
    /// <summary>A declaration's class and the file it names: what the problems are joined to their sites by.</summary>
    public static string KeyOf(string fullName, string fileName) => fullName + "\u0000" + fileName;
}

/// <summary>Matches a network's Weights name to the build's model files and checks that the file fits the network.</summary>
internal static class WeightsResolver
{
    public static EmitInput Resolve(NetworkSpec spec, ImmutableArray<WeightsFile> files)
    {
        WeightsReference? reference = spec.Weights;
        if (reference is null)
        {
            return new EmitInput(KeyOf(spec, ""), spec, null, null);
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

        return new EmitInput(KeyOf(spec, reference.Name), spec, new EmbeddedWeights(file.Identity, file.Fingerprint, file.ParameterBytes, file.Preprocessing), null);
    }

    /// <summary>The join key of a [Network] declaration (see <see cref="EmitInput.Key"/>).</summary>
    public static string KeyOf(NetworkSpec spec, string weightsName) => EmitInput.KeyOf(spec.FullName, weightsName);

    private static EmitInput Fail(NetworkSpec spec, WeightsReference reference, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, params string[] args) =>
        new(KeyOf(spec, reference.Name), null, null, Problem.Create(descriptor, args));

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
