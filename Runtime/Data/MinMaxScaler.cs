using System;
using System.Collections.Generic;

namespace NetGen.Data;

/// <summary>
/// Rescales each feature column linearly so that the smallest value of the data it was fitted on
/// maps to <see cref="OutputMinimum"/> and the largest to <see cref="OutputMaximum"/> ([0, 1] by
/// default): x′ = min + (x − dataMin)·(max − min)/(dataMax − dataMin).
/// </summary>
/// <remarks>
/// Fit on the training set only and apply the same scaler to every other set:
/// <code>
/// var scaler = MinMaxScaler.Fit(train);
/// train = scaler.Transform(train);
/// test = scaler.Transform(test);
/// </code>
/// Values of other sets outside the training range map outside [min, max]; they are not clipped.
/// A constant column maps to <see cref="OutputMinimum"/>. Computed in double, rounded to float once.
/// Only features are scaled; targets are copied unchanged. A fitted scaler is immutable and
/// thread-safe.
/// </remarks>
public sealed class MinMaxScaler
{
    private readonly double[] _dataMinimum;
    private readonly double[] _dataMaximum;

    /// <summary>
    /// Creates a scaler from known ranges (for example saved with a trained model).
    /// </summary>
    /// <param name="dataMinimum">The smallest value of each feature; finite.</param>
    /// <param name="dataMaximum">The largest value of each feature; finite and not below its minimum.</param>
    /// <param name="outputMinimum">What each minimum maps to (default 0).</param>
    /// <param name="outputMaximum">What each maximum maps to (default 1); above <paramref name="outputMinimum"/>.</param>
    /// <exception cref="ArgumentNullException">A list is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The output range is empty or not finite.</exception>
    /// <exception cref="ArgumentException">
    /// The lists are empty or of different lengths, or a value is out of range.
    /// </exception>
    public MinMaxScaler(IReadOnlyList<double> dataMinimum, IReadOnlyList<double> dataMaximum, float outputMinimum = 0f, float outputMaximum = 1f)
    {
        ArgumentNullException.ThrowIfNull(dataMinimum);
        ArgumentNullException.ThrowIfNull(dataMaximum);
        CheckOutputRange(outputMinimum, outputMaximum);
        if (dataMinimum.Count == 0)
        {
            throw new ArgumentException("Expected at least one feature, but the list of minimums is empty.", nameof(dataMinimum));
        }

        if (dataMaximum.Count != dataMinimum.Count)
        {
            throw new ArgumentException(
                ScalerArguments.Invariant($"Expected {dataMinimum.Count} maximums (one per minimum), but there are {dataMaximum.Count}."),
                nameof(dataMaximum));
        }

        _dataMinimum = new double[dataMinimum.Count];
        _dataMaximum = new double[dataMinimum.Count];
        for (int j = 0; j < _dataMinimum.Length; j++)
        {
            ScalerArguments.CheckFinite(dataMinimum[j], j, "minimum", nameof(dataMinimum));
            ScalerArguments.CheckFinite(dataMaximum[j], j, "maximum", nameof(dataMaximum));
            if (dataMaximum[j] < dataMinimum[j])
            {
                throw new ArgumentException(
                    ScalerArguments.Invariant($"The maximum of feature {j} (0-based), {dataMaximum[j]}, is below its minimum {dataMinimum[j]}."),
                    nameof(dataMaximum));
            }

            _dataMinimum[j] = dataMinimum[j];
            _dataMaximum[j] = dataMaximum[j];
        }

        OutputMinimum = outputMinimum;
        OutputMaximum = outputMaximum;
        DataMinimum = Array.AsReadOnly(_dataMinimum);
        DataMaximum = Array.AsReadOnly(_dataMaximum);
    }

    private MinMaxScaler(double[] dataMinimum, double[] dataMaximum, float outputMinimum, float outputMaximum)
    {
        _dataMinimum = dataMinimum;
        _dataMaximum = dataMaximum;
        OutputMinimum = outputMinimum;
        OutputMaximum = outputMaximum;
        DataMinimum = Array.AsReadOnly(_dataMinimum);
        DataMaximum = Array.AsReadOnly(_dataMaximum);
    }

    /// <summary>The number of features the scaler was fitted on.</summary>
    public int FeatureCount => _dataMinimum.Length;

    /// <summary>The smallest value of each feature column in the fitted data.</summary>
    public IReadOnlyList<double> DataMinimum { get; }

    /// <summary>The largest value of each feature column in the fitted data.</summary>
    public IReadOnlyList<double> DataMaximum { get; }

    /// <summary>The value the smallest fitted value maps to.</summary>
    public float OutputMinimum { get; }

    /// <summary>The value the largest fitted value maps to.</summary>
    public float OutputMaximum { get; }

    /// <summary>Fits a scaler to the features of <paramref name="data"/> (the training set).</summary>
    /// <param name="data">The data to take each column's range from.</param>
    /// <param name="outputMinimum">What each column's minimum maps to (default 0).</param>
    /// <param name="outputMaximum">What each column's maximum maps to (default 1); above <paramref name="outputMinimum"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The output range is empty or not finite.</exception>
    /// <exception cref="ArgumentException">The set is empty, or a feature is NaN or infinite.</exception>
    public static MinMaxScaler Fit(DataSet data, float outputMinimum = 0f, float outputMaximum = 1f)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Fit(data.Features, data.FeatureCount, outputMinimum, outputMaximum);
    }

    /// <summary>Fits a scaler to rows of <paramref name="width"/> features.</summary>
    /// <param name="features">The rows, row-major; at least one.</param>
    /// <param name="width">The number of features per row, at least 1.</param>
    /// <param name="outputMinimum">What each column's minimum maps to (default 0).</param>
    /// <param name="outputMaximum">What each column's maximum maps to (default 1); above <paramref name="outputMinimum"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="width"/> is not positive, or the output range is empty or not finite.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// The length is not a multiple of <paramref name="width"/>, there are no rows, or a feature is
    /// NaN or infinite.
    /// </exception>
    public static MinMaxScaler Fit(ReadOnlySpan<float> features, int width, float outputMinimum = 0f, float outputMaximum = 1f)
    {
        CheckOutputRange(outputMinimum, outputMaximum);
        int count = ScalerArguments.CheckFitInput(features, width, nameof(MinMaxScaler));
        var minimum = new double[width];
        var maximum = new double[width];
        ColumnStatistics.Range(features, count, minimum, maximum, static (value, row, column) => new ArgumentException(
            ScalerArguments.Invariant($"Feature {column} (0-based) of row {row} is {value}; a scaler can only be fitted on finite values.{ScalerArguments.MissingHint(value)}"),
            nameof(features)));

        return new MinMaxScaler(minimum, maximum, outputMinimum, outputMaximum);
    }

    private static void CheckOutputRange(float outputMinimum, float outputMaximum)
    {
        if (!float.IsFinite(outputMinimum))
        {
            throw new ArgumentOutOfRangeException(nameof(outputMinimum), outputMinimum, "The output minimum must be finite.");
        }

        if (!(outputMaximum > outputMinimum && float.IsFinite(outputMaximum)))
        {
            throw new ArgumentOutOfRangeException(nameof(outputMaximum), outputMaximum,
                ScalerArguments.Invariant($"The output maximum must be finite and above the output minimum {outputMinimum}, but it is {outputMaximum}."));
        }
    }

    /// <summary>
    /// A new data set with rescaled features; the targets and class names are copied unchanged.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The set's feature count is not <see cref="FeatureCount"/>.</exception>
    public DataSet Transform(DataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ScalerArguments.CheckWidth(data.FeatureCount, FeatureCount, "scaler", nameof(data));
        var features = (float[])data.Features.Clone();
        TransformInPlace(features);
        return data.WithFeatures(features);
    }

    /// <summary>Rescales rows of <see cref="FeatureCount"/> features in place.</summary>
    /// <exception cref="ArgumentException">The length is not a multiple of <see cref="FeatureCount"/>.</exception>
    public void TransformInPlace(Span<float> features)
    {
        int width = FeatureCount;
        ScalerArguments.CheckWholeRows(features.Length, width, nameof(features));
        double outputRange = (double)OutputMaximum - OutputMinimum;
        for (int start = 0; start < features.Length; start += width)
        {
            Span<float> row = features.Slice(start, width);
            for (int j = 0; j < width; j++)
            {
                double dataRange = _dataMaximum[j] - _dataMinimum[j];
                row[j] = dataRange == 0
                    ? OutputMinimum
                    : (float)(OutputMinimum + ((row[j] - _dataMinimum[j]) * outputRange / dataRange));
            }
        }
    }
}
