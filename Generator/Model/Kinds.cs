namespace NetGen.Generator.Model;

// Activation, Loss, Optimizer, Init, CodeGen and InputScaling are the runtime's own files, compiled in here too
// (Generator/NetGen.Generator.csproj links Runtime/Attributes/*.cs; docs/architecture.md, "Enums").

/// <summary>How the code of one layer is generated.</summary>
internal enum LayerStrategy
{
    /// <summary>Every multiply-add written out with constant indices: no loops.</summary>
    Unrolled,

    /// <summary>Constant-trip-count scalar loops over the layer's exact shape, per sample.</summary>
    Loops,

    /// <summary>Batched, register-blocked SIMD kernels specialised for the shape.</summary>
    Simd,

    /// <summary>
    /// Training across the samples of a batch, one sample per vector lane, for the whole network
    /// (every layer of the network has it, or none); one-sample code is <see cref="Unrolled"/>'s.
    /// </summary>
    Lanes,
}
