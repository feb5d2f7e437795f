using System;
using System.Globalization;
using System.IO;

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
    public static SampleResult Run(TextWriter log, int epochs = 2000)
    {
        var network = new XorNet();
        log.WriteLine($"XOR: network 2-4-1 (tanh, sigmoid), {XorNet.ParameterCount} parameters; mean squared error, full-batch gradient descent α = {network.LearningRate.ToString(CultureInfo.InvariantCulture)}.");
        float loss = float.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            loss = network.TrainBatch(Inputs, Targets, 4);
            if (epoch % (epochs / 10) == 0)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch,5}  loss {loss:F6}"));
            }
        }

        float[] output = new float[1];
        for (int i = 0; i < 4; i++)
        {
            network.Predict(Inputs.AsSpan(i * 2, 2), output);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Inputs[i * 2]} xor {Inputs[i * 2 + 1]} = {output[0]:F3} (target {Targets[i]})"));
        }

        float accuracy = TrainingLoop.Accuracy(network, Inputs, Targets, 4);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy {accuracy:P0}"));
        return new SampleResult(loss, accuracy, accuracy);
    }
}
