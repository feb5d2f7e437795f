using System;

namespace NetGen.Metrics;

/// <summary>Regression metrics over every output of every row.</summary>
/// <param name="MeanSquaredError">Mean of (y − t)².</param>
/// <param name="MeanAbsoluteError">Mean of |y − t|.</param>
/// <param name="RSquared">1 − Σ(y − t)² / Σ(t − mean t)², per output column, averaged over the columns (1 is perfect, 0 predicts the mean).</param>
public sealed record Regression(double MeanSquaredError, double MeanAbsoluteError, double RSquared)
{
    /// <summary>Runs <paramref name="network"/> over <paramref name="count"/> rows and compares with the targets.</summary>
    public static Regression Evaluate(INeuralNetwork network, ReadOnlySpan<float> features, ReadOnlySpan<float> targets, int count)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        int k = network.OutputSize;
        float[] predictions = new float[count * k];
        for (int i = 0; i < count; i++)
        {
            network.Predict(features.Slice(i * network.InputSize, network.InputSize), predictions.AsSpan(i * k, k));
        }

        return Compare(predictions, targets[..(count * k)], k);
    }

    /// <summary>Compares predictions with targets, both rows of <paramref name="width"/> values.</summary>
    public static Regression Compare(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int width)
    {
        if (predictions.Length != targets.Length || predictions.Length == 0 || predictions.Length % width != 0)
        {
            throw new ArgumentException($"Expected predictions and targets of the same non-zero length, a multiple of {width}; got {predictions.Length} and {targets.Length}.");
        }

        int rows = predictions.Length / width;
        double squared = 0;
        double absolute = 0;
        double rSquared = 0;
        for (int c = 0; c < width; c++)
        {
            double mean = 0;
            for (int r = 0; r < rows; r++)
            {
                mean += targets[r * width + c];
            }

            mean /= rows;
            double residual = 0;
            double total = 0;
            for (int r = 0; r < rows; r++)
            {
                double e = predictions[r * width + c] - (double)targets[r * width + c];
                double d = targets[r * width + c] - mean;
                residual += e * e;
                total += d * d;
                absolute += Math.Abs(e);
            }

            squared += residual;
            rSquared += total == 0 ? (residual == 0 ? 1 : 0) : 1 - residual / total;
        }

        int n = predictions.Length;
        return new Regression(squared / n, absolute / n, rSquared / width);
    }
}
