namespace NetGen;

/// <summary>How the generator writes a layer's code. <see cref="Auto"/> chooses by size.</summary>
/// <remarks>The numeric values are mirrored by the generator; never renumber a member.</remarks>
public enum CodeGen
{
    /// <summary>Unrolled for layers of up to 256 weights (16×16), loops above.</summary>
    Auto = 0,

    /// <summary>
    /// Every multiply-add written out with constant indices, no loops. Fastest for small layers;
    /// limited to 1,024 weights per layer (32×32): past that the unrolled backward method exceeds
    /// what the JIT optimises (measured: a 48×48 layer falls back to MinOpts).
    /// </summary>
    Unrolled = 1,

    /// <summary>Loops with constant trip counts over the layer's exact shape.</summary>
    Loops = 2,
}
