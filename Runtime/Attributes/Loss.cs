namespace NetGen;

/// <summary>The loss a training network minimises; the batch reductions are those of docs/math.md.</summary>
/// <remarks>The numeric values are mirrored by the generator; never renumber a member.</remarks>
public enum Loss
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
