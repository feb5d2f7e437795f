using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Optimizers;

/// <summary>Momentum: Δ ← η·Δ − α·g; θ ← θ + Δ.</summary>
internal sealed class Momentum : OptimizerDefinition
{
    public override Optimizer Kind => Optimizer.Momentum;

    public override string Formula => "Δ ← η·Δ − α·g; θ ← θ + Δ";

    public override IReadOnlyList<string> State { get; } = new[] { "velocity" };

    public override IReadOnlyList<HyperparameterDefault> Hyperparameters { get; } = new[]
    {
        Use(Hyperparameter.LearningRate, 0.01f),
        Use(Hyperparameter.Momentum, 0.9f),
        Use(Hyperparameter.WeightDecay, 0f),
    };

    public override string Update => Sgd.CoupledDecay + """

        velocity = TSimd.Subtract(TSimd.Multiply(TSimd.Broadcast(Momentum), velocity), TSimd.Multiply(TSimd.Broadcast(LearningRate), g));
        return TSimd.Add(theta, velocity);
        """;
}
