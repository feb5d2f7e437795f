using System;
using System.Collections.Generic;

namespace NetGen.Data;

/// <summary>
/// Standardises features: x′ = (x − mean) / σ per feature column, with the mean and the population
/// standard deviation σ of the data it was fitted on.
/// </summary>
/// <remarks>
/// Fit on the training set only and apply the same scaler to every other set, so that nothing of
/// the validation or test data leaks into training:
/// <code>
/// var scaler = StandardScaler.Fit(train);
/// train = scaler.Transform(train);
/// test = scaler.Transform(test);
/// </code>
/// Statistics are computed in double (two passes: the mean, then the mean squared deviation) and
/// each transformed value is rounded to float once. A constant column (σ = 0) gets σ = 1, so it maps
/// to 0. Only features are scaled; targets are copied unchanged. A fitted scaler is immutable and
/// thread-safe.
/// </remarks>
public sealed class StandardScaler
{
    private readonly double[] _mean;
    private readonly double[] _standardDeviation;

    /// <summary>
    /// Creates a scaler from known statistics (for example saved with a trained model).
    /// </summary>
    /// <param name="mean">The mean of each feature; finite.</param>
    /// <param name="standardDeviation">The standard deviation of each feature; finite and positive.</param>
    /// <exception cref="ArgumentNullException">A list is null.</exception>
    /// <exception cref="ArgumentException">
    /// The lists are empty or of different lengths, or a value is out of range.
    /// </exception>
    public StandardScaler(IReadOnlyList<double> mean, IReadOnlyList<double> standardDeviation)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(standardDeviation);
        if (mean.Count == 0)
        {
            throw new ArgumentException("Expected at least one feature, but the list of means is empty.", nameof(mean));
        }

        if (standardDeviation.Count != mean.Count)
        {
            throw new ArgumentException(
                ScalerArguments.Invariant($"Expected {mean.Count} standard deviations (one per mean), but there are {standardDeviation.Count}."),
                nameof(standardDeviation));
        }

        _mean = new double[mean.Count];
        _standardDeviation = new double[mean.Count];
        for (int j = 0; j < _mean.Length; j++)
        {
            ScalerArguments.CheckFinite(mean[j], j, "mean", nameof(mean));
            double sigma = standardDeviation[j];
            if (!(sigma > 0 && double.IsFinite(sigma)))
            {
                throw new ArgumentException(
                    ScalerArguments.Invariant($"The standard deviation of feature {j} (0-based) must be finite and positive, but it is {sigma}."),
                    nameof(standardDeviation));
            }

            _mean[j] = mean[j];
            _standardDeviation[j] = sigma;
        }

        Mean = Array.AsReadOnly(_mean);
        StandardDeviation = Array.AsReadOnly(_standardDeviation);
    }

    private StandardScaler(double[] mean, double[] standardDeviation)
    {
        _mean = mean;
        _standardDeviation = standardDeviation;
        Mean = Array.AsReadOnly(_mean);
        StandardDeviation = Array.AsReadOnly(_standardDeviation);
    }

    /// <summary>The number of features the scaler was fitted on.</summary>
    public int FeatureCount => _mean.Length;

    /// <summary>The mean of each feature column.</summary>
    public IReadOnlyList<double> Mean { get; }

    /// <summary>
    /// The population standard deviation of each feature column (divided by n, not n − 1); 1 for a
    /// constant column.
    /// </summary>
    public IReadOnlyList<double> StandardDeviation { get; }

    /// <summary>Fits a scaler to the features of <paramref name="data"/> (the training set).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The set is empty, or a feature is NaN or infinite.</exception>
    public static StandardScaler Fit(DataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Fit(data.Features, data.FeatureCount);
    }

    /// <summary>Fits a scaler to rows of <paramref name="width"/> features.</summary>
    /// <param name="features">The rows, row-major; at least one.</param>
    /// <param name="width">The number of features per row, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is not positive.</exception>
    /// <exception cref="ArgumentException">
    /// The length is not a multiple of <paramref name="width"/>, there are no rows, or a feature is
    /// NaN or infinite.
    /// </exception>
    public static StandardScaler Fit(ReadOnlySpan<float> features, int width)
    {
        int count = ScalerArguments.CheckFitInput(features, width, nameof(StandardScaler));
        var mean = new double[width];
        var deviation = new double[width];
        ColumnStatistics.MeanAndDeviation(features, count, mean, deviation);
        for (int j = 0; j < width; j++)
        {
            ScalerArguments.CheckFinite(mean[j], j, "mean", nameof(features));
            ScalerArguments.CheckFinite(deviation[j], j, "standard deviation", nameof(features));
            deviation[j] = deviation[j] == 0 ? 1 : deviation[j];
        }

        return new StandardScaler(mean, deviation);
    }

    /// <summary>
    /// A new data set with standardised features; the targets and class names are copied unchanged.
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

    /// <summary>
    /// Standardises rows of <see cref="FeatureCount"/> features in place (for example one sample
    /// before <c>Predict</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The length is not a multiple of <see cref="FeatureCount"/>.</exception>
    public void TransformInPlace(Span<float> features)
    {
        int width = FeatureCount;
        ScalerArguments.CheckWholeRows(features.Length, width, nameof(features));
        for (int start = 0; start < features.Length; start += width)
        {
            Span<float> row = features.Slice(start, width);
            for (int j = 0; j < width; j++)
            {
                row[j] = (float)((row[j] - _mean[j]) / _standardDeviation[j]);
            }
        }
    }
}
