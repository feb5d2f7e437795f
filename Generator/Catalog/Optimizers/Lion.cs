using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Optimizers;

/// <summary>
/// Lion (Chen et al., 2023): c = β₁·m + (1 − β₁)·g; θ ← θ·(1 − α·λ) − α·sign(c) with sign(0) = 0
/// and λ decoupled; m ← β₂·m + (1 − β₂)·g.
/// </summary>
internal sealed class Lion : OptimizerDefinition
{
    public override Optimizer Kind => Optimizer.Lion;

    public override string Formula => "c = β₁·m + (1 − β₁)·g; θ ← θ·(1 − α·λ) − α·sign(c); m ← β₂·m + (1 − β₂)·g";

    public override IReadOnlyList<string> State { get; } = new[] { "movingAverage" };

    public override IReadOnlyList<HyperparameterDefault> Hyperparameters { get; } = new[]
    {
        Use(Hyperparameter.LearningRate, 1e-4f),
        Use(Hyperparameter.Beta1, 0.9f),
        Use(Hyperparameter.Beta2, 0.99f),
        Use(Hyperparameter.WeightDecay, 0f),
    };

    public override bool DecoupledWeightDecay => true;

    public override string Update => """
        TVector c = TSimd.MultiplyAdd(TSimd.Broadcast(1f - Beta1), g, TSimd.Multiply(TSimd.Broadcast(Beta1), movingAverage));
        movingAverage = TSimd.MultiplyAdd(TSimd.Broadcast(1f - Beta2), g, TSimd.Multiply(TSimd.Broadcast(Beta2), movingAverage));
        TVector one = TSimd.Broadcast(1f);
        TVector sign = TSimd.Subtract(TSimd.Select(TSimd.LessThan(TSimd.Zero, c), one, TSimd.Zero), TSimd.Select(TSimd.LessThan(c, TSimd.Zero), one, TSimd.Zero)); // sign(c), 0 at 0
        return TSimd.Subtract(TSimd.Multiply(theta, TSimd.Broadcast(1f - LearningRate * WeightDecay)), TSimd.Multiply(TSimd.Broadcast(LearningRate), sign)); // decoupled decay
        """;
}
