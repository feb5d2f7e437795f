using System;

namespace NetGen.Metrics;

/// <summary>Regression metrics over every output of every row.</summary>
/// <param name="MeanSquaredError">Mean of (y − t)².</param>
/// <param name="MeanAbsoluteError">Mean of |y − t|.</param>
/// <param name="RSquared">1 − Σ(y − t)² / Σ(t − mean t)², per output column, averaged over the columns (1 is perfect, 0 predicts the mean).</param>
public sealed record Regression(double MeanSquaredError, double MeanAbsoluteError, double RSquared)
{
    /// <summary>Runs <paramref name="network"/> over the rows of <paramref name="data"/> and compares with its targets.</summary>
    /// <param name="network">The network to run.</param>
    /// <param name="data">Rows of the network's widths (FeatureCount = InputSize, TargetCount = OutputSize).</param>
    /// <returns>MSE, MAE and R² over every output of every row.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The data set's widths are not the network's, or it has no rows.</exception>
    public static Regression Evaluate(INeuralNetwork network, NetGen.Data.DataSet data)
    {
        ArgumentNullException.ThrowIfNull(network);
        Shapes.CheckDataSet(network, data, nameof(data));
        return Evaluate(network, data.Features, data.Targets, data.Count);
    }

    /// <summary>Runs <paramref name="network"/> over <paramref name="count"/> rows and compares with the targets.</summary>
    /// <param name="network">The network to run.</param>
    /// <param name="features">Exactly count × InputSize values, row-major (as the trainer and <c>Classification</c> check them).</param>
    /// <param name="targets">Exactly count × OutputSize values, row-major.</param>
    /// <param name="count">The number of rows, at least 1.</param>
    /// <returns>MSE, MAE and R² over every output of every row.</returns>
    /// <exception cref="ArgumentException">A span does not hold exactly <paramref name="count"/> rows of the network's width.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static Regression Evaluate(INeuralNetwork network, ReadOnlySpan<float> features, ReadOnlySpan<float> targets, int count)
    {
        ArgumentNullException.ThrowIfNull(network);
        Shapes.CheckRows(network, features.Length, targets.Length, count, nameof(features), nameof(targets), nameof(count));
        int k = network.OutputSize;
        float[] predictions = new float[count * k];
        for (int i = 0; i < count; i++)
        {
            network.Predict(features.Slice(i * network.InputSize, network.InputSize), predictions.AsSpan(i * k, k));
        }

        return Compare(predictions, targets, k);
    }

    /// <summary>Compares predictions with targets, both rows of <paramref name="width"/> values.</summary>
    public static Regression Compare(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
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
