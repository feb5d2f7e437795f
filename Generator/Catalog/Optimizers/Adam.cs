using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Optimizers;

/// <summary>Adam (Kingma and Ba) with bias corrections 1/(1 − βᵗ) computed once per step in double.</summary>
internal class Adam : OptimizerDefinition
{
    /// <summary>The moments and the bias-corrected step, shared with AdamW; θ is left to the caller.</summary>
    internal const string Moments = """
        firstMoment = TSimd.MultiplyAdd(TSimd.Broadcast(1f - Beta1), g, TSimd.Multiply(TSimd.Broadcast(Beta1), firstMoment));
        secondMoment = TSimd.MultiplyAdd(TSimd.Broadcast(1f - Beta2), TSimd.Multiply(g, g), TSimd.Multiply(TSimd.Broadcast(Beta2), secondMoment));
        TVector update = TSimd.Divide(TSimd.Multiply(TSimd.Broadcast(LearningRate), TSimd.Multiply(firstMoment, TSimd.Broadcast(Correction1))), TSimd.Add(TSimd.Sqrt(TSimd.Multiply(secondMoment, TSimd.Broadcast(Correction2))), TSimd.Broadcast(Epsilon)));
        """;

    public override Optimizer Kind => Optimizer.Adam;

    public override string Formula => "μ ← β₁·μ + (1 − β₁)·g; ν ← β₂·ν + (1 − β₂)·g²; θ ← θ − α·μ̂/(√ν̂ + ε), μ̂ = μ/(1 − β₁ᵗ), ν̂ = ν/(1 − β₂ᵗ)";

    public override IReadOnlyList<string> State { get; } = new[] { "firstMoment", "secondMoment" };

    public override IReadOnlyList<HyperparameterDefault> Hyperparameters { get; } = new[]
    {
        Use(Hyperparameter.LearningRate, 0.001f),
        Use(Hyperparameter.Beta1, 0.9f),
        Use(Hyperparameter.Beta2, 0.999f),
        Use(Hyperparameter.Epsilon, 1e-8f),
        Use(Hyperparameter.WeightDecay, 0f),
    };

    public override IReadOnlyList<StepValue> StepValues { get; } = new[]
    {
        new StepValue("Correction1", "1/(1 − β₁ᵗ)", v => $"(float)(1.0 / (1.0 - global::System.Math.Pow({v(Hyperparameter.Beta1)}, step)))"),
        new StepValue("Correction2", "1/(1 − β₂ᵗ)", v => $"(float)(1.0 / (1.0 - global::System.Math.Pow({v(Hyperparameter.Beta2)}, step)))"),
    };

    public override string Update => Sgd.CoupledDecay + "\n" + Moments + """

        return TSimd.Subtract(theta, update);
        """;
}
