using System;
using System.Globalization;
using System.IO;
using NetGen;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Training;

namespace NetGen.Samples;

/// <summary>
/// Iris with an activation written in plain C#: <see cref="IrisSwishNet.Swish"/>, x·σ(βx) with a
/// constant β given per layer, which the generator differentiates at compile time (f and f′ become
/// two methods of the network; docs/custom-functions.md). The same seeded split and scaling as the
/// iris sample; Adam, 40 epochs.
/// </summary>
public static class CustomActivationSample
{
    /// <summary>The default number of epochs.</summary>
    public const int DefaultEpochs = 40;

    /// <summary>Trains and evaluates; writes per-epoch loss to <paramref name="log"/>.</summary>
    public static SampleResult Run(TextWriter log, SampleOptions? options = null)
    {
        options ??= SampleOptions.Parse(Array.Empty<string>(), out _)!;
        DataSet iris = IrisSample.LoadDataSet();
        (DataSet train, DataSet test) = iris.Split(trainFraction: 0.8, seed: options.Seed ?? 2024);
        // Raw measurements: the network standardises them itself (InputScaling, fitted by the Trainer).
        var network = new IrisSwishNet();
        int epochs = options.Epochs ?? DefaultEpochs;
        log.WriteLine($"Iris with a custom activation: {train.Count} training and {test.Count} test flowers; network {IrisSwishNet.Architecture}.");
        log.WriteLine($"Cross-entropy, Adam α = {network.LearningRate.ToString(CultureInfo.InvariantCulture)}, batches of {IrisSwishNet.BatchSize}, {epochs} epochs.");
        TrainingResult result = SampleRunner.Train(network, train, test, new TrainerOptions { Epochs = epochs, Seed = 1 }, log);

        float trainAccuracy = Classification.Accuracy(network, train.Features, train.Targets, train.Count);
        float testAccuracy = Classification.Accuracy(network, test.Features, test.Targets, test.Count);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train accuracy {trainAccuracy:P1}, test accuracy {testAccuracy:P1}"));
        SampleRunner.Finish(options, "Iris: 4-16-3, Swish(β = 1.5) written in C#, cross-entropy, Adam", network, result.History, log);
        return new SampleResult(result.History[^1].TrainingLoss, trainAccuracy, testAccuracy);
    }
}

/// <summary>
/// Iris: 4 measurements → 16 units of a hand-written Swish with β = 1.5 → 3 species (softmax). The
/// short form <c>[Dense(16, nameof(Swish))]</c> finds the method in this class; <c>Arguments</c> gives
/// its constant parameter (without it, β takes its default, 1).
/// </summary>
[Network(Inputs = 4, Seed = 7, InputScaling = InputScaling.Standardize)]
[Dense(16, nameof(Swish), Arguments = new[] { 1.5f })]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 16)]
public partial class IrisSwishNet
{
    /// <summary>
    /// Swish, x·σ(βx) (Ramachandran, Zoph and Le, 2017), written so that neither side overflows: only the
    /// branch taken is evaluated, in the forward pass and in the generated derivative.
    /// </summary>
    /// <param name="x">The pre-activation.</param>
    /// <param name="beta">The constant β: 1 is SiLU; larger is closer to ReLU.</param>
    public static float Swish(float x, float beta = 1f) =>
        x >= 0f ? x / (1f + MathF.Exp(-beta * x)) : x * MathF.Exp(beta * x) / (1f + MathF.Exp(beta * x));
}
