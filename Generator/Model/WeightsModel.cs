namespace NetGen.Generator.Model;

/// <summary>
/// [Network(Weights = "…")] as written: the name of the model file. Where the argument is (the
/// diagnostics NG0015–NG0017 point at it) is not here but in <see cref="ParseResult.WeightsSite"/>:
/// this record feeds emission, and a location in it would re-emit the network whenever it moves.
/// </summary>
internal sealed record WeightsReference(string Name);

/// <summary>
/// One model file of the build, as the generator sees it (an additional file written by the build
/// targets, see <see cref="Weights.WeightsFileReader"/>): either its contents or why it is unusable.
/// </summary>
/// <param name="Identity">The model's path as written in the project's NetGenModel item.</param>
/// <param name="Error">Why the file cannot be used, or null.</param>
/// <param name="Architecture">The architecture text saved in the file.</param>
/// <param name="Fingerprint">The architecture fingerprint saved in the file.</param>
/// <param name="ParameterCount">How many parameters it holds.</param>
/// <param name="ParameterBytes">The parameters as stored: little-endian IEEE 754 floats.</param>
/// <param name="Preprocessing">The input scaling and class names of a version-2 file, or null (version 1).</param>
internal sealed record WeightsFile(
    string Identity,
    string? Error,
    string Architecture,
    ulong Fingerprint,
    int ParameterCount,
    EquatableArray<byte> ParameterBytes,
    Preprocessing? Preprocessing = null);

/// <summary>Parameters to compile into a network: where they came from and their bytes.</summary>
internal sealed record EmbeddedWeights(string Identity, ulong Fingerprint, EquatableArray<byte> ParameterBytes, Preprocessing? Preprocessing = null);

/// <summary>What a version-2 model file stores beside the parameters: the input scaling's statistics and the class names.</summary>
/// <param name="InputScaling">The scaling kind as stored (0 none, 1 Standardize, 2 MinMax).</param>
/// <param name="Offsets">The offsets, one per input (empty without scaling).</param>
/// <param name="Divisors">The divisors, one per input (empty without scaling).</param>
/// <param name="ClassNames">The class names (empty when none were saved).</param>
internal sealed record Preprocessing(int InputScaling, EquatableArray<float> Offsets, EquatableArray<float> Divisors, EquatableArray<string> ClassNames);
