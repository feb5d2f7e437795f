using System;
using System.Globalization;
using System.IO;
using NetGen.Data;
using NetGen.Training;

namespace NetGen.Samples;

/// <summary>
/// A loss written in plain C#: two networks trained with the pinball (quantile) loss, one for the
/// 10th and one for the 90th percentile of a noisy target, give an 80 % prediction interval. The
/// generator differentiates <see cref="QuantileLosses.Pinball10"/> and <see cref="QuantileLosses.Pinball90"/>
/// at compile time (docs/custom-functions.md). The noise grows with x, so the interval must widen.
/// </summary>
public static class QuantileSample
{
    /// <summary>The default number of epochs.</summary>
    public const int DefaultEpochs = 60;

    /// <summary>Trains both networks; returns the held-out coverage of the interval as the test "accuracy" and its half-width change as the loss.</summary>
    public static QuantileResult Run(TextWriter log, SampleOptions? options = null)
    {
        options ??= SampleOptions.Parse(Array.Empty<string>(), out _)!;
        int seed = (int)(options.Seed ?? 11);
        DataSet train = Points(2000, seed);
        DataSet test = Points(2000, seed + 1);
        int epochs = options.Epochs ?? DefaultEpochs;
        var low = new Quantile10Net();
        var high = new Quantile90Net();
        log.WriteLine($"y = sin(2x) + noise growing with x, x in [0, 2]: {train.Count} training and {test.Count} held-out points.");
        log.WriteLine($"Two networks {Quantile90Net.Architecture}, the pinball loss of τ = 0.1 and τ = 0.9 (written in C#), Adam, {epochs} epochs.");
        var trainer = new TrainerOptions { Epochs = epochs, Seed = 3 };
        new Trainer(low, trainer).Fit(train);
        new Trainer(high, trainer).Fit(train);

        int below10 = 0, below90 = 0, inside = 0;
        double narrow = 0, wide = 0;
        int narrowCount = 0, wideCount = 0;
        float[] lowOut = new float[1], highOut = new float[1];
        for (int i = 0; i < test.Count; i++)
        {
            ReadOnlySpan<float> x = test.Features.AsSpan(i, 1);
            low.Predict(x, lowOut);
            high.Predict(x, highOut);
            float y = test.Targets[i];
            below10 += y <= lowOut[0] ? 1 : 0;
            below90 += y <= highOut[0] ? 1 : 0;
            inside += y > lowOut[0] && y <= highOut[0] ? 1 : 0;
            if (x[0] < 0.5f)
            {
                narrow += highOut[0] - lowOut[0];
                narrowCount++;
            }
            else if (x[0] > 1.5f)
            {
                wide += highOut[0] - lowOut[0];
                wideCount++;
            }
        }

        var result = new QuantileResult(
            (float)below10 / test.Count, (float)below90 / test.Count, (float)inside / test.Count,
            (float)(narrow / narrowCount), (float)(wide / wideCount));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"held out: {result.Below10:P1} below the 10th-percentile network, {result.Below90:P1} below the 90th; {result.Coverage:P1} inside the interval (80 % asked)"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"interval width: {result.WidthNearZero:F3} for x < 0.5, {result.WidthNearTwo:F3} for x > 1.5 (the noise's true 80 % widths: {TrueWidth(0.25):F3} and {TrueWidth(1.75):F3})"));
        return result;
    }

    /// <summary>The noise is uniform on ±(0.1 + 0.4x): its 80 % interval is 0.8 of that span.</summary>
    private static double TrueWidth(double x) => 0.8 * 2 * (0.1 + 0.4 * x);

    private static DataSet Points(int count, int seed)
    {
        var random = new Random(seed);
        float[] x = new float[count];
        float[] y = new float[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = (float)(2 * random.NextDouble());
            double spread = 0.1 + 0.4 * x[i];
            y[i] = (float)(Math.Sin(2 * x[i]) + spread * (2 * random.NextDouble() - 1));
        }

        return new DataSet(x, y, count, 1, 1);
    }
}

/// <summary>What the quantile sample measured on held-out points.</summary>
/// <param name="Below10">The fraction of targets at or below the 10th-percentile network's prediction.</param>
/// <param name="Below90">The fraction at or below the 90th-percentile network's prediction.</param>
/// <param name="Coverage">The fraction inside the interval between them.</param>
/// <param name="WidthNearZero">The interval's mean width for x &lt; 0.5.</param>
/// <param name="WidthNearTwo">The interval's mean width for x &gt; 1.5.</param>
public sealed record QuantileResult(float Below10, float Below90, float Coverage, float WidthNearZero, float WidthNearTwo);

/// <summary>The pinball (quantile) loss, written in C#: its minimiser is the τ-quantile of the target.</summary>
public static class QuantileLosses
{
    /// <summary>The pinball loss of τ = 0.1: under-predictions cost 0.1 per unit, over-predictions 0.9.</summary>
    /// <param name="prediction">The network's output.</param>
    /// <param name="target">The observed value.</param>
    public static float Pinball10(float prediction, float target)
    {
        float e = target - prediction;
        return e >= 0f ? 0.1f * e : -0.9f * e;
    }

    /// <summary>The pinball loss of τ = 0.9: under-predictions cost 0.9 per unit, over-predictions 0.1.</summary>
    /// <param name="prediction">The network's output.</param>
    /// <param name="target">The observed value.</param>
    public static float Pinball90(float prediction, float target)
    {
        float e = target - prediction;
        return e >= 0f ? 0.9f * e : -0.1f * e;
    }
}

/// <summary>1 → 32 tanh → 1, trained for the 10th percentile.</summary>
[Network(Inputs = 1, Seed = 21)]
[Dense(32, Activation.Tanh)]
[Dense(1)]
[Training(typeof(QuantileLosses), nameof(QuantileLosses.Pinball10), Optimizer.Adam, LearningRate = 0.01f, BatchSize = 32)]
public partial class Quantile10Net { }

/// <summary>1 → 32 tanh → 1, trained for the 90th percentile.</summary>
[Network(Inputs = 1, Seed = 21)]
[Dense(32, Activation.Tanh)]
[Dense(1)]
[Training(typeof(QuantileLosses), nameof(QuantileLosses.Pinball90), Optimizer.Adam, LearningRate = 0.01f, BatchSize = 32)]
public partial class Quantile90Net { }
