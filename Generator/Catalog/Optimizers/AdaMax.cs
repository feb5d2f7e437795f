using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Optimizers;

/// <summary>AdaMax (Kingma and Ba, §7.1): Adam with the infinity norm, u ← max(β₂·u, |g| + ε).</summary>
internal sealed class AdaMax : OptimizerDefinition
{
    public override Optimizer Kind => Optimizer.AdaMax;

    public override string Formula => "m ← β₁·m + (1 − β₁)·g; u ← max(β₂·u, |g| + ε); θ ← θ − (α/(1 − β₁ᵗ))·m/u";

    public override IReadOnlyList<string> State { get; } = new[] { "firstMoment", "infinityNorm" };

    public override IReadOnlyList<HyperparameterDefault> Hyperparameters { get; } = new[]
    {
        Use(Hyperparameter.LearningRate, 0.002f),
        Use(Hyperparameter.Beta1, 0.9f),
        Use(Hyperparameter.Beta2, 0.999f),
        Use(Hyperparameter.Epsilon, 1e-8f),
        Use(Hyperparameter.WeightDecay, 0f),
    };

    public override IReadOnlyList<StepValue> StepValues { get; } = new[]
    {
        new StepValue("Correction1", "1/(1 − β₁ᵗ)", v => $"(float)(1.0 / (1.0 - global::System.Math.Pow({v(Hyperparameter.Beta1)}, step)))"),
    };

    public override string Update => Sgd.CoupledDecay + """

        firstMoment = TSimd.MultiplyAdd(TSimd.Broadcast(1f - Beta1), g, TSimd.Multiply(TSimd.Broadcast(Beta1), firstMoment));
        TVector decayed = TSimd.Multiply(TSimd.Broadcast(Beta2), infinityNorm);
        TVector magnitude = TSimd.Add(TSimd.Abs(g), TSimd.Broadcast(Epsilon));
        infinityNorm = TSimd.Select(TSimd.LessThan(decayed, magnitude), magnitude, decayed); // max
        return TSimd.Subtract(theta, TSimd.Multiply(TSimd.Broadcast(LearningRate * Correction1), TSimd.Divide(firstMoment, infinityNorm)));
        """;
}
