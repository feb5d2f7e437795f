using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Optimizers;

/// <summary>Adam with decoupled weight decay applied first (Loshchilov and Hutter): θ ← θ·(1 − α·λ) − α·μ̂/(√ν̂ + ε).</summary>
internal sealed class AdamW : Adam
{
    public override Optimizer Kind => Optimizer.AdamW;

    public override string Formula => "as Adam, with decoupled decay first: θ ← θ·(1 − α·λ) − α·μ̂/(√ν̂ + ε)";

    public override IReadOnlyList<HyperparameterDefault> Hyperparameters { get; } = new[]
    {
        Use(Hyperparameter.LearningRate, 0.001f),
        Use(Hyperparameter.Beta1, 0.9f),
        Use(Hyperparameter.Beta2, 0.999f),
        Use(Hyperparameter.Epsilon, 1e-8f),
        Use(Hyperparameter.WeightDecay, 0.01f),
    };

    public override bool DecoupledWeightDecay => true;

    public override string Update => Moments + """

        return TSimd.Subtract(TSimd.Multiply(theta, TSimd.Broadcast(1f - LearningRate * WeightDecay)), update); // decoupled decay
        """;
}
