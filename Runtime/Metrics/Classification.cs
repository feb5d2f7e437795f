using System;
using NetGen.Data;

namespace NetGen.Metrics;

/// <summary>Classification metrics computed by running a network over rows of data.</summary>
/// <remarks>
/// Rows are checked exactly, as by the trainer: a <see cref="DataSet"/> must have the network's
/// InputSize features and OutputSize targets per row; spans must hold exactly count × InputSize
/// and count × OutputSize values (to measure part of the data, pass a slice).
/// </remarks>
public static partial class Classification
{
    /// <summary>
    /// The fraction of the rows of <paramref name="data"/> classified correctly (see
    /// <see cref="Accuracy(INeuralNetwork, ReadOnlySpan{float}, ReadOnlySpan{float}, int)"/>).
    /// </summary>
    /// <param name="network">The network to run.</param>
    /// <param name="data">Rows of the network's widths (FeatureCount = InputSize, TargetCount = OutputSize).</param>
    /// <returns>The fraction in [0, 1].</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The data set's widths are not the network's, or it has no rows.</exception>
    public static float Accuracy(INeuralNetwork network, DataSet data)
    {
        ArgumentNullException.ThrowIfNull(network);
        Shapes.CheckDataSet(network, data, nameof(data));
        return Accuracy(network, data.Features, data.Targets, data.Count);
    }

    /// <summary>
    /// The fraction of rows classified correctly: the largest output against the largest target
    /// (one-hot classes), or, for a single output, output ≥ 0.5 against target ≥ 0.5.
    /// </summary>
    /// <param name="network">The network to run.</param>
    /// <param name="features">Exactly count × InputSize values, row-major.</param>
    /// <param name="targets">Exactly count × OutputSize values, row-major.</param>
    /// <param name="count">The number of rows, at least 1.</param>
    /// <returns>The fraction in [0, 1].</returns>
    /// <exception cref="ArgumentException">A span does not hold exactly <paramref name="count"/> rows of the network's width.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static float Accuracy(INeuralNetwork network, ReadOnlySpan<float> features, ReadOnlySpan<float> targets, int count)
    {
        ArgumentNullException.ThrowIfNull(network);
        Shapes.CheckRows(network, features.Length, targets.Length, count, nameof(features), nameof(targets), nameof(count));
        Span<float> output = network.OutputSize <= 256 ? stackalloc float[network.OutputSize] : new float[network.OutputSize];
        int correct = 0;
        for (int i = 0; i < count; i++)
        {
            network.Predict(features.Slice(i * network.InputSize, network.InputSize), output);
            correct += PredictedClass(output) == PredictedClass(targets.Slice(i * network.OutputSize, network.OutputSize)) ? 1 : 0;
        }

        return (float)correct / count;
    }

    /// <summary>
    /// The confusion matrix of the network's predictions on the rows of <paramref name="data"/>, with
    /// its <see cref="DataSet.ClassNames"/> when there is one per class.
    /// </summary>
    /// <param name="network">The network to run.</param>
    /// <param name="data">Rows of the network's widths (FeatureCount = InputSize, TargetCount = OutputSize).</param>
    /// <returns>The counts of (actual, predicted) classes.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The data set's widths are not the network's, or it has no rows.</exception>
    public static ConfusionMatrix Confusion(INeuralNetwork network, DataSet data)
    {
        ArgumentNullException.ThrowIfNull(network);
        Shapes.CheckDataSet(network, data, nameof(data));
        string[]? names = data.ClassNames is { } classNames && classNames.Length == Math.Max(2, network.OutputSize) ? classNames : null;
        return Confusion(network, data.Features, data.Targets, data.Count, names);
    }

    /// <summary>The confusion matrix of the network's predictions on <paramref name="count"/> rows.</summary>
    /// <param name="network">The network to run.</param>
    /// <param name="features">Exactly count × InputSize values, row-major.</param>
    /// <param name="targets">Exactly count × OutputSize values, row-major.</param>
    /// <param name="count">The number of rows, at least 1.</param>
    /// <param name="classNames">A name per class for display (max(2, OutputSize) of them), or null to number them.</param>
    /// <returns>The counts of (actual, predicted) classes.</returns>
    /// <exception cref="ArgumentException">A span does not hold exactly <paramref name="count"/> rows of the network's width.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static ConfusionMatrix Confusion(INeuralNetwork network, ReadOnlySpan<float> features, ReadOnlySpan<float> targets, int count, string[]? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        Shapes.CheckRows(network, features.Length, targets.Length, count, nameof(features), nameof(targets), nameof(count));
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
}
