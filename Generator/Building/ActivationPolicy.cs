using NetGen.Generator.Model;

namespace NetGen.Generator.Building;

/// <summary>
/// The per-activation facts the builder asks for: default initialisation, whether α is read, its
/// default and its range. MERGE POINT (issue 16): these are the activation catalog's facts
/// (Generator/Catalog/Activations/*, built in parallel); when the catalog lands, each method here
/// becomes a one-line lookup in it, and nothing else in the builder or the parsers changes.
/// </summary>
internal static class ActivationPolicy
{
    /// <summary>The initialisation <see cref="InitKind.Auto"/> stands for: He for the ReLU family, Glorot otherwise.</summary>
    public static InitKind DefaultInit(ActivationKind kind) =>
        kind is ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.PReLU or ActivationKind.ELU
            ? InitKind.HeUniform
            : InitKind.GlorotUniform;

    /// <summary>Whether the activation reads α (LeakyReLU slope, PReLU initial slope, ELU α).</summary>
    public static bool UsesAlpha(ActivationKind kind) =>
        kind is ActivationKind.LeakyReLU or ActivationKind.PReLU or ActivationKind.ELU;

    /// <summary>α when it is not given (0 for an activation that does not read it).</summary>
    public static float DefaultAlpha(ActivationKind kind) => kind switch
    {
        ActivationKind.LeakyReLU => 0.01f,
        ActivationKind.PReLU => 0.25f,
        ActivationKind.ELU => 1f,
        _ => 0f,
    };

    /// <summary>The range a given (finite) α must be in, as a message says it ("positive"), or null when any value is allowed.</summary>
    public static string? AlphaRange(ActivationKind kind, float alpha) =>
        kind == ActivationKind.ELU && !(alpha > 0f) ? "positive" : null;

    /// <summary>Whether the activation couples the units of its layer (Softmax, LogSoftmax): only an output layer may.</summary>
    public static bool CouplesLayer(ActivationKind kind) => kind.CouplesLayer();

    /// <summary>The output activation a loss needs, or null when any will do.</summary>
    public static ActivationKind? RequiredOutput(LossKind loss) => loss switch
    {
        LossKind.CrossEntropy => ActivationKind.Softmax,
        LossKind.BinaryCrossEntropy => ActivationKind.Sigmoid,
        _ => null,
    };
}
