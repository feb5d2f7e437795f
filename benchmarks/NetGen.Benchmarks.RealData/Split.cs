using System;
using NetGen.Data;

namespace NetGen.Benchmarks.RealData;

/// <summary>The held-out split both sides use, and the standardisation fitted on its training rows.</summary>
/// <remarks>
/// The rows are ordered by a SplitMix64 hash of (seed, row); the first fifth is the test set. The order is a
/// pure function of the seed and the row, so compare.py computes the same split in a few lines of Python
/// (and checks it through <see cref="Checksum"/>). Features are standardised with the training rows' mean
/// and population standard deviation (scikit-learn's StandardScaler); the diabetes target likewise, so the
/// network learns a unit-scale target (R² is the same on either scale).
/// </remarks>
internal sealed class Split
{
    private Split(float[] trainFeatures, float[] trainTargets, float[] testFeatures, double[] testLabels, int width, int outputs, bool regression, long checksum)
    {
        TrainFeatures = trainFeatures;
        TrainTargets = trainTargets;
        TestFeatures = testFeatures;
        TestLabels = testLabels;
        Width = width;
        Outputs = outputs;
        Regression = regression;
        Checksum = checksum;
    }

    internal float[] TrainFeatures { get; }

    internal float[] TrainTargets { get; }

    internal float[] TestFeatures { get; }

    internal double[] TestLabels { get; }

    internal int Width { get; }

    internal int Outputs { get; }

    internal bool Regression { get; }

    internal int TrainCount => TrainTargets.Length / Outputs;

    internal int TestCount => TestLabels.Length;

    /// <summary>Σ (position + 1) · row over the test rows: equal on both sides only for the same split in the same order.</summary>
    internal long Checksum { get; }

    internal static ulong Mix(ulong x)
    {
        unchecked
        {
            x += 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }
    }

    internal static Split Of(DataSets.Table table, int outputs, int seed)
    {
        int n = table.Rows;
        var keys = new ulong[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = Mix(((ulong)(uint)seed << 32) + (ulong)i);
            order[i] = i;
        }

        Array.Sort(keys, order);
        int testCount = n / 5;
        int trainCount = n - testCount;
        int width = table.Width;
        long checksum = 0;
        for (int k = 0; k < testCount; k++)
        {
            checksum += (k + 1L) * order[k];
        }

        float[] Features(int from, int count)
        {
            var result = new float[count * width];
            for (int r = 0; r < count; r++)
            {
                for (int j = 0; j < width; j++)
                {
                    result[r * width + j] = (float)table.Features[order[from + r] * width + j];
                }
            }

            return result;
        }

        float[] trainFeatures = Features(testCount, trainCount);
        float[] testFeatures = Features(0, testCount);
        StandardScaler scaler = StandardScaler.Fit(trainFeatures, width);
        scaler.TransformInPlace(trainFeatures);
        scaler.TransformInPlace(testFeatures);

        var testLabels = new double[testCount];
        var trainTargets = new float[trainCount * outputs];
        if (table.Regression)
        {
            double mean = 0, squares = 0;
            for (int r = 0; r < trainCount; r++)
            {
                mean += table.Labels[order[testCount + r]];
            }

            mean /= trainCount;
            for (int r = 0; r < trainCount; r++)
            {
                double d = table.Labels[order[testCount + r]] - mean;
                squares += d * d;
            }

            double sigma = Math.Sqrt(squares / trainCount);
            for (int r = 0; r < trainCount; r++)
            {
                trainTargets[r] = (float)((table.Labels[order[testCount + r]] - mean) / sigma);
            }

            for (int r = 0; r < testCount; r++)
            {
                testLabels[r] = (table.Labels[order[r]] - mean) / sigma;
            }
        }
        else
        {
            for (int r = 0; r < trainCount; r++)
            {
                int label = (int)table.Labels[order[testCount + r]];
                if (outputs == 1)
                {
                    trainTargets[r] = label;
                }
                else
                {
                    trainTargets[r * outputs + label] = 1f;
                }
            }

            for (int r = 0; r < testCount; r++)
            {
                testLabels[r] = table.Labels[order[r]];
            }
        }

        return new Split(trainFeatures, trainTargets, testFeatures, testLabels, width, outputs, table.Regression, checksum);
    }

    /// <summary>Accuracy in percent (one sigmoid output: p ≥ 0.5 is class 1), or R² in percent for regression.</summary>
    internal double Score(INeuralNetwork network)
    {
        var outputs = new float[TestCount * Outputs];
        network.PredictBatch(TestFeatures, outputs, TestCount);
        if (Regression)
        {
            double mean = 0;
            foreach (double y in TestLabels)
            {
                mean += y;
            }

            mean /= TestCount;
            double residual = 0, total = 0;
            for (int r = 0; r < TestCount; r++)
            {
                residual += (TestLabels[r] - outputs[r]) * (TestLabels[r] - outputs[r]);
                total += (TestLabels[r] - mean) * (TestLabels[r] - mean);
            }

            return 100 * (1 - residual / total);
        }

        int correct = 0;
        for (int r = 0; r < TestCount; r++)
        {
            int predicted;
            if (Outputs == 1)
            {
                predicted = outputs[r] >= 0.5f ? 1 : 0;
            }
            else
            {
                predicted = 0;
                for (int k = 1; k < Outputs; k++)
                {
                    if (outputs[r * Outputs + k] > outputs[r * Outputs + predicted])
                    {
                        predicted = k;
                    }
                }
            }

            correct += predicted == (int)TestLabels[r] ? 1 : 0;
        }

        return 100.0 * correct / TestCount;
    }
}
