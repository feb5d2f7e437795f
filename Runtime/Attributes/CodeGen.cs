// Compiled into the generator too (Generator/NetGen.Generator.csproj links this file): one definition
// of the enum for both. There it is internal and in NetGen.Generator.Model, so that an assembly that
// sees both (the generator's tests) never meets two NetGen.CodeGen.
#if NETGEN_GENERATOR
#pragma warning disable CS1574 // crefs to the runtime's attributes do not resolve in the generator
namespace NetGen.Generator.Model;
#else
namespace NetGen;
#endif

/// <summary>How the generator writes a layer's code. <see cref="Auto"/> chooses by size.</summary>
/// <remarks>The numeric values are part of the contract with compiled user code (attribute arguments are stored as numbers); never renumber a member.</remarks>
#if NETGEN_GENERATOR
internal
#else
public
#endif
enum CodeGen
{
    /// <summary>
    /// For a trained network whose layers all have at most 256 weights (16×16), no learned α (PReLU) and
    /// a <see cref="TrainingAttribute.BatchSize"/> of at least 4: <see cref="Lanes"/>. Otherwise unrolled
    /// for layers of up to 256 weights, SIMD above.
    /// </summary>
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

    /// <summary>
    /// Training vectorised across the samples of a batch: each vector lane holds one sample
    /// (Vector512, else Vector256, else Vector128, else scalar), so a small layer costs a few vector
    /// multiply-adds per weight for the whole batch instead of one scalar multiply-add per weight and
    /// sample. Single-sample prediction is unrolled. It applies to the whole network and takes effect when
    /// every layer asks for it (or is <see cref="Auto"/>), it is trained and no layer learns α (PReLU);
    /// otherwise these layers are unrolled. Limited to 1,024 weights per layer, as <see cref="Unrolled"/>.
    /// </summary>
    Lanes = 4,
}
