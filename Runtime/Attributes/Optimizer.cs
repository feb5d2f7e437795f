// Compiled into the generator too (Generator/NetGen.Generator.csproj links this file): one definition
// of the enum for both. There it is internal and in NetGen.Generator.Model, so that an assembly that
// sees both (the generator's tests) never meets two NetGen.Optimizer.
#if NETGEN_GENERATOR
#pragma warning disable CS1574 // crefs to the runtime's attributes do not resolve in the generator
namespace NetGen.Generator.Model;
#else
namespace NetGen;
#endif

/// <summary>The update rule <c>ApplyGradients</c> performs; the formulas and defaults are in docs/math.md.</summary>
/// <remarks>The numeric values are part of the contract with compiled user code (attribute arguments are stored as numbers); never renumber a member.</remarks>
#if NETGEN_GENERATOR
internal
#else
public
#endif
enum Optimizer
{
    /// <summary>θ ← θ − αg. Full-batch, single-sample and minibatch gradient descent differ only in batch size.</summary>
    Sgd = 0,

    /// <summary>Δ ← ηΔ − αg; θ ← θ + Δ.</summary>
    Momentum = 1,

    /// <summary>v ← ηv + g; θ ← θ − α(g + ηv) (PyTorch's form).</summary>
    Nesterov = 2,

    /// <summary>ν ← ρν + (1−ρ)g²; θ ← θ − αg/√(ν + ε).</summary>
    RmsProp = 3,

    /// <summary>Adam with bias correction 1 − βᵗ (Kingma and Ba).</summary>
    Adam = 4,

    /// <summary>Adam with decoupled weight decay applied first: θ ← θ(1 − αλ) − α·m̂/(√v̂ + ε).</summary>
    AdamW = 5,

    /// <summary>G ← G + g²; θ ← θ − αg/(√G + ε).</summary>
    AdaGrad = 6,

    /// <summary>AdaDelta (Zeiler), scaled by the learning rate α (default 1).</summary>
    AdaDelta = 7,

    /// <summary>Lion (Chen et al.): c = β₁m + (1−β₁)g; θ ← θ(1 − αλ) − α·sign(c); m ← β₂m + (1−β₂)g. λ decoupled; defaults α 1e−4, β₂ 0.99.</summary>
    Lion = 8,

    /// <summary>NAdam (Dozat), with a constant β₁: m̂ = β₁m/(1−β₁ᵗ⁺¹) + (1−β₁)g/(1−β₁ᵗ); θ ← θ − αm̂/(√v̂ + ε). Default α 0.002.</summary>
    NAdam = 9,

    /// <summary>AdaMax (Kingma and Ba): m ← β₁m + (1−β₁)g; u ← max(β₂u, |g| + ε); θ ← θ − (α/(1−β₁ᵗ))·m/u. Default α 0.002.</summary>
    AdaMax = 10,
}
