using System;

namespace NetGen;

/// <summary>
/// A network that scales its raw inputs itself (declared with
/// <c>[Network(InputScaling = …)]</c>): <c>Predict</c>, <c>PredictBatch</c> and the training methods
/// apply x′ = (x − <see cref="InputOffsets"/>[j]) / <see cref="InputDivisors"/>[j] to every input
/// column j before the first layer. The statistics are fitted from training data, not trained.
/// NetGen generates these members; the runtime's <c>Trainer</c>, model files and ONNX export use them.
/// </summary>
public interface IInputScaled : INeuralNetwork
{
    /// <summary>The declared scaling (never <see cref="NetGen.InputScaling.None"/> on a network that implements this interface).</summary>
    InputScaling InputScaling { get; }

    /// <summary>
    /// Whether the statistics are set (by <see cref="FitInputScaling"/>, <see cref="SetInputScaling"/>,
    /// a model file or embedded weights). Until then <c>Predict</c> and training throw
    /// <see cref="InvalidOperationException"/>.
    /// </summary>
    bool IsInputScalingFitted { get; }

    /// <summary>The value subtracted from each input column (the mean, or the minimum): <see cref="INeuralNetwork.InputSize"/> values.</summary>
    ReadOnlySpan<float> InputOffsets { get; }

    /// <summary>The value each input column is divided by after the subtraction (the standard deviation, or max − min; 1 for a constant column): <see cref="INeuralNetwork.InputSize"/> values.</summary>
    ReadOnlySpan<float> InputDivisors { get; }

    /// <summary>
    /// Fits the statistics of the declared <see cref="InputScaling"/> from <paramref name="count"/> raw
    /// rows: the mean and population standard deviation, or the minimum and max − min, of each column
    /// (computed in double precision, stored as float); a constant column gets the divisor 1.
    /// </summary>
    /// <param name="inputs"><paramref name="count"/> × <see cref="INeuralNetwork.InputSize"/> raw values, row-major.</param>
    /// <param name="count">The number of rows, at least 1.</param>
    /// <exception cref="ArgumentException">The span does not hold <paramref name="count"/> rows, or a column holds a NaN or infinite value; nothing changes.</exception>
    void FitInputScaling(ReadOnlySpan<float> inputs, int count);

    /// <summary>Sets the statistics directly (e.g. from a scaler fitted elsewhere).</summary>
    /// <param name="offsets"><see cref="INeuralNetwork.InputSize"/> finite values.</param>
    /// <param name="divisors"><see cref="INeuralNetwork.InputSize"/> finite, positive values.</param>
    /// <exception cref="ArgumentException">A length is wrong, an offset is not finite or a divisor is not finite and positive; nothing changes.</exception>
    void SetInputScaling(ReadOnlySpan<float> offsets, ReadOnlySpan<float> divisors);
}

/// <summary>Fitting a network's declared input scaling from a <see cref="Data.DataSet"/>.</summary>
public static class InputScalingExtensions
{
    /// <summary>Fits <paramref name="network"/>'s declared input scaling from the features of <paramref name="data"/> (the training rows: never the test rows).</summary>
    /// <exception cref="ArgumentException">The data's feature count is not the network's input size, or a column holds a NaN or infinite value.</exception>
    public static void FitInputScaling(this IInputScaled network, Data.DataSet data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != network.InputSize)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"The data set has {data.FeatureCount} features per row, but the network takes {network.InputSize} inputs."),
                nameof(data));
        }

        network.FitInputScaling(data.Features, data.Count);
    }
}
