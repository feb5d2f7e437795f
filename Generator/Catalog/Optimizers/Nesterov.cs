using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Optimizers;

/// <summary>Nesterov momentum in PyTorch's form: v ← η·v + g; θ ← θ − α·(g + η·v).</summary>
internal sealed class Nesterov : OptimizerDefinition
{
    public override Optimizer Kind => Optimizer.Nesterov;

    public override string Formula => "v ← η·v + g; θ ← θ − α·(g + η·v)";

    public override IReadOnlyList<string> State { get; } = new[] { "velocity" };

    public override IReadOnlyList<HyperparameterDefault> Hyperparameters { get; } = new[]
    {
        Use(Hyperparameter.LearningRate, 0.01f),
        Use(Hyperparameter.Momentum, 0.9f),
        Use(Hyperparameter.WeightDecay, 0f),
    };

    public override string Update => Sgd.CoupledDecay + """

        velocity = TSimd.MultiplyAdd(TSimd.Broadcast(Momentum), velocity, g);
        return TSimd.Subtract(theta, TSimd.Multiply(TSimd.Broadcast(LearningRate), TSimd.MultiplyAdd(TSimd.Broadcast(Momentum), velocity, g)));
        """;
}
