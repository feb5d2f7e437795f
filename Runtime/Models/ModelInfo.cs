namespace NetGen.Models;

/// <summary>
/// What a model file holds, read by <see cref="ModelFile.ReadInfo(string)"/> without a network:
/// for tools that list, inspect or sort saved models.
/// </summary>
/// <remarks>
/// A <see cref="ModelInfo"/> is only ever made from a file that passed every check a load makes
/// (magic, version, lengths, checksum), so its values are the ones the file was written with.
/// </remarks>
public sealed record ModelInfo
{
    /// <summary>The file's format version (<see cref="ModelFile.FormatVersion"/> for files this runtime writes).</summary>
    public required int FormatVersion { get; init; }

    /// <summary>The architecture of the network that saved the file, e.g. "4 > Dense(16, Tanh) > Dense(3, Softmax)".</summary>
    public required string Architecture { get; init; }

    /// <summary>The saving network's <see cref="INeuralNetwork.ArchitectureFingerprint"/>.</summary>
    public required ulong ArchitectureFingerprint { get; init; }

    /// <summary>The saving network's <see cref="INeuralNetwork.InputSize"/>.</summary>
    public required int InputSize { get; init; }

    /// <summary>The saving network's <see cref="INeuralNetwork.OutputSize"/>.</summary>
    public required int OutputSize { get; init; }

    /// <summary>The number of parameters stored in the file.</summary>
    public required int ParameterCount { get; init; }

    /// <summary>Whether the file holds optimizer state (saved with <c>includeOptimizerState: true</c>).</summary>
    public required bool HasOptimizerState { get; init; }

    /// <summary>The optimizer whose state the file holds; <see langword="null"/> when <see cref="HasOptimizerState"/> is false.</summary>
    public required Optimizer? Optimizer { get; init; }

    /// <summary>The optimizer steps taken when the file was saved; <see langword="null"/> when <see cref="HasOptimizerState"/> is false.</summary>
    public required long? Step { get; init; }

    /// <summary>The number of optimizer state values stored (0 without state, and for SGD).</summary>
    public required int OptimizerStateLength { get; init; }

    /// <summary>The saving network's declared input scaling (<see cref="NetGen.InputScaling.None"/> for version-1 files).</summary>
    public InputScaling InputScaling { get; init; }

    /// <summary>The input scaling's offsets, one per input; <see langword="null"/> without input scaling.</summary>
    public System.Collections.Generic.IReadOnlyList<float>? InputOffsets { get; init; }

    /// <summary>The input scaling's divisors, one per input; <see langword="null"/> without input scaling.</summary>
    public System.Collections.Generic.IReadOnlyList<float>? InputDivisors { get; init; }

    /// <summary>The class names saved with the network (<see cref="INeuralNetwork.ClassNames"/>); <see langword="null"/> when none were (and for version-1 files).</summary>
    public System.Collections.Generic.IReadOnlyList<string>? ClassNames { get; init; }
}
