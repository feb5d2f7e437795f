namespace NetGen;

/// <summary>How the generator writes a layer's code. <see cref="Auto"/> chooses by size.</summary>
/// <remarks>The numeric values are mirrored by the generator; never renumber a member.</remarks>
public enum CodeGen
{
    /// <summary>Unrolled for layers of up to 256 weights (16×16), SIMD above.</summary>
    Auto = 0,

    /// <summary>
    /// Every multiply-add written out with constant indices, no loops. Fastest for small layers;
    /// limited to 1,024 weights per layer (32×32): past that the unrolled backward method exceeds
    /// what the JIT optimises (measured: a 48×48 layer falls back to MinOpts).
    /// </summary>
    Unrolled = 1,

    /// <summary>Scalar loops with constant trip counts over the layer's exact shape, one sample at a time (the reference path).</summary>
    Loops = 2,

    /// <summary>
    /// Register-blocked SIMD kernels over the whole batch (Vector512, else Vector256, else Vector128,
    /// else scalar), specialised for the layer's shape.
    /// </summary>
    Simd = 3,
}
