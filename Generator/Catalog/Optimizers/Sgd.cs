using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Optimizers;

/// <summary>Gradient descent: θ ← θ − α·g (full-batch, single-sample and minibatch differ only in batch size).</summary>
internal sealed class Sgd : OptimizerDefinition
{
    /// <summary>The coupled L2 weight decay every optimizer but the decoupled ones starts with.</summary>
    internal const string CoupledDecay = "g = TSimd.MultiplyAdd(TSimd.Broadcast(WeightDecay), theta, g); // L2 weight decay: g + λθ";

    public override Optimizer Kind => Optimizer.Sgd;

    public override string Formula => "θ ← θ − α·g";

    public override IReadOnlyList<HyperparameterDefault> Hyperparameters { get; } = new[]
    {
        Use(Hyperparameter.LearningRate, 0.01f),
        Use(Hyperparameter.WeightDecay, 0f),
    };

    public override string Update => CoupledDecay + """

        return TSimd.Subtract(theta, TSimd.Multiply(TSimd.Broadcast(LearningRate), g));
        """;
}
