using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Optimizers;

/// <summary>AdaGrad: G ← G + g²; θ ← θ − α·g/(√G + ε).</summary>
internal sealed class AdaGrad : OptimizerDefinition
{
    public override Optimizer Kind => Optimizer.AdaGrad;

    public override string Formula => "G ← G + g²; θ ← θ − α·g/(√G + ε)";

    public override IReadOnlyList<string> State { get; } = new[] { "sumSquares" };

    public override IReadOnlyList<HyperparameterDefault> Hyperparameters { get; } = new[]
    {
        Use(Hyperparameter.LearningRate, 0.01f),
        Use(Hyperparameter.Epsilon, 1e-10f),
        Use(Hyperparameter.WeightDecay, 0f),
    };

    public override string Update => Sgd.CoupledDecay + """

        sumSquares = TSimd.MultiplyAdd(g, g, sumSquares);
        return TSimd.Subtract(theta, TSimd.Divide(TSimd.Multiply(TSimd.Broadcast(LearningRate), g), TSimd.Add(TSimd.Sqrt(sumSquares), TSimd.Broadcast(Epsilon))));
        """;
}
