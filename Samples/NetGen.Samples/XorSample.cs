using System;
using System.Globalization;
using System.IO;
using NetGen.Data;
using NetGen.Training;

namespace NetGen.Samples;

/// <summary>
/// XOR, the classic function a single layer cannot learn: the four input pairs in one batch, so
/// every step is full-batch gradient descent on <see cref="XorNet"/>.
/// </summary>
public static class XorSample
{
    private static readonly float[] Inputs = { 0, 0, 0, 1, 1, 0, 1, 1 };
    private static readonly float[] Targets = { 0, 1, 1, 0 };

    /// <summary>Trains and reports the four predictions.</summary>
    public static SampleResult Run(TextWriter log, SampleOptions? options = null)
    {
        options ??= SampleOptions.Parse(Array.Empty<string>(), out _)!;
        var network = new XorNet();
        int epochs = options.Epochs ?? 2000;
        log.WriteLine($"XOR: network {XorNet.Architecture}, {XorNet.ParameterCount} parameters; mean squared error, full-batch gradient descent α = {network.LearningRate.ToString(CultureInfo.InvariantCulture)}, {epochs} epochs.");
        var data = new DataSet(Inputs, Targets, 4, 2, 1);
        var trainer = new Trainer(network, new TrainerOptions { Epochs = epochs, Shuffle = false });
        TrainingResult result = trainer.Fit(data.Features, data.Targets, data.Count);
        for (int e = epochs / 10; e <= epochs; e += Math.Max(1, epochs / 10))
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {e,5}  loss {result.History[e - 1].TrainingLoss:F6}"));
        }

        float[] output = new float[1];
        for (int i = 0; i < 4; i++)
        {
            network.Predict(Inputs.AsSpan(i * 2, 2), output);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Inputs[i * 2]} xor {Inputs[i * 2 + 1]} = {output[0]:F3} (target {Targets[i]})"));
        }

        float accuracy = Metrics.Classification.Accuracy(network, Inputs, Targets, 4);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy {accuracy:P0}"));
        SampleRunner.Finish(options, "XOR: 2-4-1, MSE, full-batch gradient descent", network, result.History, log);
        return new SampleResult(result.History[^1].TrainingLoss, accuracy, accuracy);
    }
}
