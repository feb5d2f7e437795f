using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Optimizers;

/// <summary>RMSProp: ν ← ρ·ν + (1 − ρ)·g²; θ ← θ − α·g/√(ν + ε).</summary>
internal sealed class RmsProp : OptimizerDefinition
{
    public override Optimizer Kind => Optimizer.RmsProp;

    public override string Formula => "ν ← ρ·ν + (1 − ρ)·g²; θ ← θ − α·g/√(ν + ε)";

    public override IReadOnlyList<string> State { get; } = new[] { "meanSquare" };

    public override IReadOnlyList<HyperparameterDefault> Hyperparameters { get; } = new[]
    {
        Use(Hyperparameter.LearningRate, 0.01f),
        Use(Hyperparameter.Rho, 0.9f),
        Use(Hyperparameter.Epsilon, 1e-7f),
        Use(Hyperparameter.WeightDecay, 0f),
    };

    public override string Update => Sgd.CoupledDecay + """

        meanSquare = TSimd.MultiplyAdd(TSimd.Broadcast(1f - Rho), TSimd.Multiply(g, g), TSimd.Multiply(TSimd.Broadcast(Rho), meanSquare));
        return TSimd.Subtract(theta, TSimd.Divide(TSimd.Multiply(TSimd.Broadcast(LearningRate), g), TSimd.Sqrt(TSimd.Add(meanSquare, TSimd.Broadcast(Epsilon)))));
        """;
}
