using System;
using System.Globalization;
using System.IO;

namespace NetGen.Samples;

/// <summary>
/// A 1-D regression: <see cref="SinNet"/> learns y = sin x on [−π, π] from 256 evenly spaced
/// points with minibatch SGD, and is tested on 100 points in between them.
/// </summary>
public static class SinSample
{
    /// <summary>Trains and reports the final training loss and the test mean squared error.</summary>
    public static SampleResult Run(TextWriter log, int epochs = 200)
    {
        const int trainCount = 256;
        float[] x = new float[trainCount];
        float[] y = new float[trainCount];
        for (int i = 0; i < trainCount; i++)
        {
            x[i] = (float)(-Math.PI + 2 * Math.PI * i / (trainCount - 1));
            y[i] = MathF.Sin(x[i]);
        }

        var network = new SinNet();
        var loop = new TrainingLoop(network, x, y, trainCount, seed: 5);
        log.WriteLine($"sin x on [−π, π]: network 1-16-1 (tanh, identity), {SinNet.ParameterCount} parameters; mean squared error, SGD α = {network.LearningRate.ToString(CultureInfo.InvariantCulture)}, batches of {SinNet.BatchSize}.");
        float loss = float.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            loss = loop.RunEpoch();
            if (epoch % (epochs / 10) == 0)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch,4}  loss {loss:F6}"));
            }
        }

        const int testCount = 100;
        double squared = 0;
        float[] output = new float[1];
        for (int i = 0; i < testCount; i++)
        {
            float input = (float)(-Math.PI + 2 * Math.PI * (i + 0.5) / testCount);
            network.Predict(new[] { input }, output);
            double error = output[0] - Math.Sin(input);
            squared += error * error;
        }

        float testError = (float)(squared / testCount);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final training loss {loss:F6}, test mean squared error {testError:F6}"));
        return new SampleResult(loss, float.NaN, float.NaN, testError);
    }
}
