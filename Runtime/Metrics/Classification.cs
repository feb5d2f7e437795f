using System;

namespace NetGen.Metrics;

/// <summary>Classification metrics computed by running a network over rows of data.</summary>
public static class Classification
{
    /// <summary>
    /// The fraction of rows classified correctly: the largest output against the largest target
    /// (one-hot classes), or, for a single output, output ≥ 0.5 against target ≥ 0.5.
    /// </summary>
    public static float Accuracy(INeuralNetwork network, ReadOnlySpan<float> features, ReadOnlySpan<float> targets, int count)
    {
        ArgumentNullException.ThrowIfNull(network);
        CheckLengths(network, features, targets, count);
        Span<float> output = network.OutputSize <= 256 ? stackalloc float[network.OutputSize] : new float[network.OutputSize];
        int correct = 0;
        for (int i = 0; i < count; i++)
        {
            network.Predict(features.Slice(i * network.InputSize, network.InputSize), output);
            correct += PredictedClass(output) == PredictedClass(targets.Slice(i * network.OutputSize, network.OutputSize)) ? 1 : 0;
        }

        return (float)correct / count;
    }

    /// <summary>The confusion matrix of the network's predictions on <paramref name="count"/> rows.</summary>
    public static ConfusionMatrix Confusion(INeuralNetwork network, ReadOnlySpan<float> features, ReadOnlySpan<float> targets, int count, string[]? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        CheckLengths(network, features, targets, count);
        int classes = Math.Max(2, network.OutputSize);
        var matrix = new ConfusionMatrix(classes, classNames);
        Span<float> output = network.OutputSize <= 256 ? stackalloc float[network.OutputSize] : new float[network.OutputSize];
        for (int i = 0; i < count; i++)
        {
            network.Predict(features.Slice(i * network.InputSize, network.InputSize), output);
            matrix.Add(PredictedClass(targets.Slice(i * network.OutputSize, network.OutputSize)), PredictedClass(output));
        }

        return matrix;
    }

    /// <summary>The class a row of outputs (or one-hot targets) stands for: the index of the largest value (the first, on ties), or for one value, 1 when it is ≥ 0.5.</summary>
    public static int PredictedClass(ReadOnlySpan<float> values)
    {
        if (values.Length == 1)
        {
            return values[0] >= 0.5f ? 1 : 0;
        }

        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static void CheckLengths(INeuralNetwork network, ReadOnlySpan<float> features, ReadOnlySpan<float> targets, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (features.Length < (long)count * network.InputSize || targets.Length < (long)count * network.OutputSize)
        {
            throw new ArgumentException(
                $"Expected at least {count} rows: {(long)count * network.InputSize} feature and {(long)count * network.OutputSize} target values, but got {features.Length} and {targets.Length}.");
        }
    }
}
