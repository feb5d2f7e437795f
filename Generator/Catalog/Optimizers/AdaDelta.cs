using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Optimizers;

/// <summary>AdaDelta (Zeiler), scaled by the learning rate α (default 1).</summary>
internal sealed class AdaDelta : OptimizerDefinition
{
    public override Optimizer Kind => Optimizer.AdaDelta;

    public override string Formula => "E_g ← ρ·E_g + (1 − ρ)·g²; Δ = −√(E_Δ + ε)/√(E_g + ε)·g; E_Δ ← ρ·E_Δ + (1 − ρ)·Δ²; θ ← θ + α·Δ";

    public override IReadOnlyList<string> State { get; } = new[] { "meanSquareGradient", "meanSquareDelta" };

    public override IReadOnlyList<HyperparameterDefault> Hyperparameters { get; } = new[]
    {
        Use(Hyperparameter.LearningRate, 1f),
        Use(Hyperparameter.Rho, 0.9f),
        Use(Hyperparameter.Epsilon, 1e-6f),
        Use(Hyperparameter.WeightDecay, 0f),
    };

    public override string Update => Sgd.CoupledDecay + """

        meanSquareGradient = TSimd.MultiplyAdd(TSimd.Broadcast(1f - Rho), TSimd.Multiply(g, g), TSimd.Multiply(TSimd.Broadcast(Rho), meanSquareGradient));
        TVector delta = TSimd.Subtract(TSimd.Zero, TSimd.Multiply(TSimd.Divide(TSimd.Sqrt(TSimd.Add(meanSquareDelta, TSimd.Broadcast(Epsilon))), TSimd.Sqrt(TSimd.Add(meanSquareGradient, TSimd.Broadcast(Epsilon)))), g));
        meanSquareDelta = TSimd.MultiplyAdd(TSimd.Broadcast(1f - Rho), TSimd.Multiply(delta, delta), TSimd.Multiply(TSimd.Broadcast(Rho), meanSquareDelta));
        return TSimd.MultiplyAdd(TSimd.Broadcast(LearningRate), delta, theta);
        """;
}
