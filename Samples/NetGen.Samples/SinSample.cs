using System;
using System.Globalization;
using System.IO;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Training;

namespace NetGen.Samples;

/// <summary>
/// A 1-D regression: <see cref="SinNet"/> learns y = sin x on [−π, π] from 256 evenly spaced
/// points with minibatch SGD, and is tested on 100 points in between them.
/// </summary>
public static class SinSample
{
    /// <summary>Trains and reports the final training loss and the test mean squared error.</summary>
    public static SampleResult Run(TextWriter log, SampleOptions? options = null)
    {
        options ??= SampleOptions.Parse(Array.Empty<string>(), out _)!;
        DataSet train = Points(256, offset: 0);
        DataSet test = Points(100, offset: 0.5);
        var network = new SinNet();
        int epochs = options.Epochs ?? 200;
        log.WriteLine($"sin x on [−π, π]: network {SinNet.Architecture}, {SinNet.ParameterCount} parameters; mean squared error, SGD α = {network.LearningRate.ToString(CultureInfo.InvariantCulture)}, batches of {SinNet.BatchSize}, {epochs} epochs.");
        TrainingResult result = new Trainer(network, new TrainerOptions { Epochs = epochs, Seed = options.Seed ?? 5 })
            .Fit(train.Features, train.Targets, train.Count, test.Features, test.Targets, test.Count);
        for (int e = epochs / 10; e <= epochs; e += Math.Max(1, epochs / 10))
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {e,4}  loss {result.History[e - 1].TrainingLoss:F6}"));
        }

        Regression metrics = Regression.Evaluate(network, test.Features, test.Targets, test.Count);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final training loss {result.History[^1].TrainingLoss:F6}, test mean squared error {metrics.MeanSquaredError:F6}, MAE {metrics.MeanAbsoluteError:F4}, R² {metrics.RSquared:F4}"));
        SampleRunner.Finish(options, "sin x: 1-16-1, MSE, minibatch SGD", network, result.History, log);
        return new SampleResult(result.History[^1].TrainingLoss, float.NaN, float.NaN, (float)metrics.MeanSquaredError);
    }

    /// <summary><paramref name="count"/> points of sin on [−π, π], shifted by <paramref name="offset"/> of a step.</summary>
    private static DataSet Points(int count, double offset)
    {
        float[] x = new float[count];
        float[] y = new float[count];
        double step = 2 * Math.PI / (offset == 0 ? count - 1 : count);
        for (int i = 0; i < count; i++)
        {
            x[i] = (float)(-Math.PI + step * (i + offset));
            y[i] = MathF.Sin(x[i]);
        }

        return new DataSet(x, y, count, 1, 1);
    }
}
