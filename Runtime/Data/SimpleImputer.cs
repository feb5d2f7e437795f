using System;
using System.Collections.Generic;

namespace NetGen.Data;

/// <summary>How <see cref="SimpleImputer"/> chooses the value that fills in a feature column's missing values.</summary>
public enum ImputationStrategy
{
    /// <summary>The mean of the column's values in the training rows (missing values left out).</summary>
    Mean,

    /// <summary>
    /// The median of the column's values in the training rows (missing values left out): the middle
    /// value, or the mean of the two middle values when there is an even number of them.
    /// </summary>
    Median,

    /// <summary>A value you give, the same for every column.</summary>
    Constant,
}

/// <summary>
/// Fills in missing features (NaN, as <see cref="CsvReader"/> loads the fields listed in
/// <see cref="CsvOptions.MissingValues"/>) with one value per feature column: the column's mean or
/// median in the data it was fitted on, or a constant — scikit-learn's <c>SimpleImputer</c>.
/// </summary>
/// <remarks>
/// As with the scalers, fit on the training split only and apply the same imputer to every other
/// split, so that nothing of the validation or test data leaks into training; impute before scaling
/// (a scaler refuses NaN):
/// <code>
/// var data = CsvReader.Load("data.csv", new CsvOptions { MissingValues = CsvOptions.CommonMissingValues });
/// var (train, test) = data.Split(0.8, seed: 1);
/// var imputer = SimpleImputer.Fit(train, ImputationStrategy.Median);
/// train = imputer.Transform(train);
/// test = imputer.Transform(test);
/// </code>
/// Statistics are computed in double over the values that are not NaN, and each filled-in value is
/// rounded to float once. Only NaN features are replaced; other values and the targets are copied
/// unchanged. A fitted imputer is immutable and thread-safe; save <see cref="FillValues"/> with a
/// model and rebuild it with the constructor.
/// </remarks>
public sealed class SimpleImputer
{
    private readonly double[] _fill;

    /// <summary>Creates an imputer from known fill values (for example saved with a trained model).</summary>
    /// <param name="fillValues">The value for each feature column; finite.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fillValues"/> is null.</exception>
    /// <exception cref="ArgumentException">The list is empty, or a value is NaN or infinite.</exception>
    public SimpleImputer(IReadOnlyList<double> fillValues)
    {
        ArgumentNullException.ThrowIfNull(fillValues);
        if (fillValues.Count == 0)
        {
            throw new ArgumentException("Expected at least one feature, but the list of fill values is empty.", nameof(fillValues));
        }

        _fill = new double[fillValues.Count];
        for (int j = 0; j < _fill.Length; j++)
        {
            double value = fillValues[j];
            if (!double.IsFinite(value))
            {
                throw new ArgumentException(
                    ScalerArguments.Invariant($"The fill value of feature {j} (0-based) must be finite, but it is {value}."),
                    nameof(fillValues));
            }

            _fill[j] = value;
        }

        FillValues = Array.AsReadOnly(_fill);
    }

    private SimpleImputer(double[] fill)
    {
        _fill = fill;
        FillValues = Array.AsReadOnly(_fill);
    }

    /// <summary>The number of features the imputer was fitted on.</summary>
    public int FeatureCount => _fill.Length;

    /// <summary>The value that fills in each feature column's missing values (scikit-learn's <c>statistics_</c>).</summary>
    public IReadOnlyList<double> FillValues { get; }

    /// <summary>Fits an imputer to the features of <paramref name="data"/> (the training set).</summary>
    /// <param name="data">The training rows.</param>
    /// <param name="strategy">How to choose each column's value.</param>
    /// <param name="fillValue">For <see cref="ImputationStrategy.Constant"/>: the value, finite. Leave it out (NaN) for the other strategies.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="strategy"/> is not a defined strategy, or <paramref name="fillValue"/> is not
    /// finite with <see cref="ImputationStrategy.Constant"/>.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// The set is empty; a feature is infinite; a column has no value that is not missing (its mean
    /// or median is undefined); or <paramref name="fillValue"/> is given with another strategy than
    /// <see cref="ImputationStrategy.Constant"/>.
    /// </exception>
    public static SimpleImputer Fit(DataSet data, ImputationStrategy strategy = ImputationStrategy.Mean, double fillValue = double.NaN)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Fit(data.Features, data.FeatureCount, strategy, fillValue);
    }

    /// <summary>Fits an imputer to rows of <paramref name="width"/> features.</summary>
    /// <param name="features">The rows, row-major; at least one. Missing values are NaN.</param>
    /// <param name="width">The number of features per row, at least 1.</param>
    /// <param name="strategy">How to choose each column's value.</param>
    /// <param name="fillValue">For <see cref="ImputationStrategy.Constant"/>: the value, finite. Leave it out (NaN) for the other strategies.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="width"/> is not positive, <paramref name="strategy"/> is not a defined
    /// strategy, or <paramref name="fillValue"/> is not finite with <see cref="ImputationStrategy.Constant"/>.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// The length is not a multiple of <paramref name="width"/>, there are no rows, a feature is
    /// infinite, a column has no value that is not missing, or <paramref name="fillValue"/> is given
    /// with another strategy than <see cref="ImputationStrategy.Constant"/>.
    /// </exception>
    public static SimpleImputer Fit(ReadOnlySpan<float> features, int width, ImputationStrategy strategy = ImputationStrategy.Mean, double fillValue = double.NaN)
    {
        int count = ScalerArguments.CheckFitInput(features, width, nameof(SimpleImputer));
        CheckStrategy(strategy, fillValue);
        var fill = new double[width];
        var values = new List<double>(count);
        for (int j = 0; j < width; j++)
        {
            values.Clear();
            for (int i = 0; i < count; i++)
            {
                float value = features[(i * width) + j];
                if (float.IsNaN(value))
                {
                    continue;
                }

                if (float.IsInfinity(value))
                {
                    throw new ArgumentException(
                        ScalerArguments.Invariant($"Feature {j} (0-based) of row {i} is {value}; an imputer fills in missing values (NaN) and cannot fit on infinite ones."),
                        nameof(features));
                }

                values.Add(value);
            }

            if (strategy == ImputationStrategy.Constant)
            {
                fill[j] = fillValue;
                continue;
            }

            if (values.Count == 0)
            {
                throw new ArgumentException(
                    ScalerArguments.Invariant($"Feature {j} (0-based) is missing in all {count} rows, so its {(strategy == ImputationStrategy.Mean ? "mean" : "median")} is undefined: drop the column, or use ImputationStrategy.Constant."),
                    nameof(features));
            }

            fill[j] = strategy == ImputationStrategy.Mean ? Mean(values) : Median(values);
        }

        return new SimpleImputer(fill);
    }

    /// <summary>A new data set whose missing (NaN) features are filled in; the targets and class names are copied unchanged.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The set's feature count is not <see cref="FeatureCount"/>.</exception>
    public DataSet Transform(DataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ScalerArguments.CheckWidth(data.FeatureCount, FeatureCount, "imputer", nameof(data));
        var features = (float[])data.Features.Clone();
        TransformInPlace(features);
        return data.WithFeatures(features);
    }

    /// <summary>Fills in the missing (NaN) values of rows of <see cref="FeatureCount"/> features in place (for example one sample before <c>Predict</c>).</summary>
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
                if (float.IsNaN(row[j]))
                {
                    row[j] = (float)_fill[j];
                }
            }
        }
    }

    private static void CheckStrategy(ImputationStrategy strategy, double fillValue)
    {
        switch (strategy)
        {
            case ImputationStrategy.Mean or ImputationStrategy.Median:
                if (!double.IsNaN(fillValue))
                {
                    throw new ArgumentException(
                        ScalerArguments.Invariant($"fillValue ({fillValue}) is only for ImputationStrategy.Constant; with {strategy} each column's value comes from the data."),
                        nameof(fillValue));
                }

                break;
            case ImputationStrategy.Constant:
                if (!double.IsFinite(fillValue))
                {
                    throw new ArgumentOutOfRangeException(nameof(fillValue), fillValue,
                        ScalerArguments.Invariant($"ImputationStrategy.Constant needs a finite fillValue, but it is {fillValue}."));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(strategy), strategy,
                    ScalerArguments.Invariant($"{(int)strategy} is not an ImputationStrategy; use Mean, Median or Constant."));
        }
    }

    private static double Mean(List<double> values)
    {
        double sum = 0;
        foreach (double value in values)
        {
            sum += value;
        }

        return sum / values.Count;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        int middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
