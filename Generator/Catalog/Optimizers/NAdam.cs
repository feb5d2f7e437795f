using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Optimizers;

/// <summary>
/// NAdam in Dozat's form with a constant β₁: Adam's moments, with the Nesterov look-ahead
/// m̂ = β₁·m/(1 − β₁ᵗ⁺¹) + (1 − β₁)·g/(1 − β₁ᵗ).
/// </summary>
internal sealed class NAdam : OptimizerDefinition
{
    public override Optimizer Kind => Optimizer.NAdam;

    public override string Formula => "m ← β₁·m + (1 − β₁)·g; v ← β₂·v + (1 − β₂)·g²; θ ← θ − α·m̂/(√v̂ + ε), m̂ = β₁·m/(1 − β₁ᵗ⁺¹) + (1 − β₁)·g/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)";

    public override IReadOnlyList<string> State { get; } = new[] { "firstMoment", "secondMoment" };

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
        new StepValue("MomentScale", "β₁/(1 − β₁ᵗ⁺¹)", v => $"(float)({v(Hyperparameter.Beta1)} / (1.0 - global::System.Math.Pow({v(Hyperparameter.Beta1)}, step + 1)))"),
        new StepValue("GradientScale", "(1 − β₁)/(1 − β₁ᵗ)", v => $"(float)((1.0 - {v(Hyperparameter.Beta1)}) / (1.0 - global::System.Math.Pow({v(Hyperparameter.Beta1)}, step)))"),
        new StepValue("Correction2", "1/(1 − β₂ᵗ)", v => $"(float)(1.0 / (1.0 - global::System.Math.Pow({v(Hyperparameter.Beta2)}, step)))"),
    };

    public override string Update => Sgd.CoupledDecay + """

        firstMoment = TSimd.MultiplyAdd(TSimd.Broadcast(1f - Beta1), g, TSimd.Multiply(TSimd.Broadcast(Beta1), firstMoment));
        secondMoment = TSimd.MultiplyAdd(TSimd.Broadcast(1f - Beta2), TSimd.Multiply(g, g), TSimd.Multiply(TSimd.Broadcast(Beta2), secondMoment));
        TVector lookAhead = TSimd.MultiplyAdd(TSimd.Broadcast(MomentScale), firstMoment, TSimd.Multiply(TSimd.Broadcast(GradientScale), g)); // m̂
        return TSimd.Subtract(theta, TSimd.Divide(TSimd.Multiply(TSimd.Broadcast(LearningRate), lookAhead), TSimd.Add(TSimd.Sqrt(TSimd.Multiply(secondMoment, TSimd.Broadcast(Correction2))), TSimd.Broadcast(Epsilon))));
        """;
}
