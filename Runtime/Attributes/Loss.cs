// Compiled into the generator too (Generator/NetGen.Generator.csproj links this file): one definition
// of the enum for both. There it is internal and in NetGen.Generator.Model, so that an assembly that
// sees both (the generator's tests) never meets two NetGen.Loss.
#if NETGEN_GENERATOR
#pragma warning disable CS1574 // crefs to the runtime's attributes do not resolve in the generator
namespace NetGen.Generator.Model;
#else
namespace NetGen;
#endif

/// <summary>The loss a training network minimises; the batch reductions are those of docs/math.md.</summary>
/// <remarks>The numeric values are part of the contract with compiled user code (attribute arguments are stored as numbers); never renumber a member.</remarks>
#if NETGEN_GENERATOR
internal
#else
public
#endif
enum Loss
{
    /// <summary>(1/(B·K)) Σ (y − t)² over a batch of B samples with K outputs.</summary>
    MeanSquaredError = 0,

    /// <summary>(1/B) Σ_b ½ Σ_k (y − t)².</summary>
    HalfSquaredError = 1,

    /// <summary>(1/(B·K)) Σ L_δ(y − t) with L_δ(a) = ½a² if |a| ≤ δ, else δ(|a| − ½δ).</summary>
    Huber = 2,

    /// <summary>(1/(B·K)) Σ −[t ln y + (1 − t) ln(1 − y)]; needs a Sigmoid output and is computed from its logits.</summary>
    BinaryCrossEntropy = 3,

    /// <summary>(1/B) Σ_b −Σ_k t_k ln softmax(z)_k; needs a Softmax output and is computed from its logits.</summary>
    CrossEntropy = 4,
}
