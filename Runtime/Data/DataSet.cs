using System;
using System.Globalization;

namespace NetGen.Data;

/// <summary>
/// An in-memory data set of <see cref="Count"/> samples: a feature vector of
/// <see cref="FeatureCount"/> floats and a target vector of <see cref="TargetCount"/> floats per
/// sample, each stored row-major in one flat array, ready to pass to a network's
/// <c>TrainBatch</c> (rows <c>start … start + n</c> are one contiguous slice).
/// </summary>
/// <remarks>
/// <para>
/// The operations that produce another data set (<see cref="Subset"/>, <see cref="Shuffle"/>,
/// <see cref="Split(double, long)"/>, the scalers' <c>Transform</c>) copy: the new set never shares
/// its arrays with this one. The constructor does not copy: the set uses the arrays it is given.
/// </para>
/// <para>
/// Shuffling and splitting are driven by <see cref="SeededRandom"/>, so a seed gives the same order on
/// every run, machine and .NET version.
/// </para>
/// </remarks>
public sealed class DataSet
{
    private readonly string[]? _classNames;

    /// <summary>Creates a data set over the given arrays (they are used, not copied).</summary>
    /// <param name="features">
    /// <paramref name="count"/> × <paramref name="featureCount"/> floats, sample after sample.
    /// </param>
    /// <param name="targets">
    /// <paramref name="count"/> × <paramref name="targetCount"/> floats, sample after sample.
    /// </param>
    /// <param name="count">The number of samples, zero or more.</param>
    /// <param name="featureCount">The number of features per sample, at least 1.</param>
    /// <param name="targetCount">The number of targets per sample, zero or more.</param>
    /// <param name="classNames">
    /// For a classification set with one-hot targets: the name of each class, in the order of the
    /// target columns (so there are exactly <paramref name="targetCount"/> names). It is copied.
    /// </param>
    /// <exception cref="ArgumentNullException">An array is null, or a class name is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of its range.</exception>
    /// <exception cref="ArgumentException">
    /// An array's length is not the count times the width, or the number of class names is not
    /// <paramref name="targetCount"/>; the message names the expected and actual lengths.
    /// </exception>
    public DataSet(float[] features, float[] targets, int count, int featureCount, int targetCount, string[]? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        ArgumentOutOfRangeException.ThrowIfNegative(targetCount);
        CheckLength(features.Length, count, featureCount, nameof(features), nameof(featureCount));
        CheckLength(targets.Length, count, targetCount, nameof(targets), nameof(targetCount));
        if (classNames is not null)
        {
            if (classNames.Length != targetCount)
            {
                throw new ArgumentException(
                    Invariant($"Expected {targetCount} class names (one per target column, targetCount = {targetCount}), but there are {classNames.Length}."),
                    nameof(classNames));
            }

            for (int i = 0; i < classNames.Length; i++)
            {
                if (classNames[i] is null)
                {
                    throw new ArgumentNullException(nameof(classNames), Invariant($"classNames[{i}] is null."));
                }
            }

            _classNames = (string[])classNames.Clone();
        }

        Features = features;
        Targets = targets;
        Count = count;
        FeatureCount = featureCount;
        TargetCount = targetCount;
    }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>The number of features of one sample (the network's input size).</summary>
    public int FeatureCount { get; }

    /// <summary>The number of targets of one sample (the network's output size).</summary>
    public int TargetCount { get; }

    /// <summary>All features, <see cref="Count"/> × <see cref="FeatureCount"/>, row-major.</summary>
    public float[] Features { get; }

    /// <summary>All targets, <see cref="Count"/> × <see cref="TargetCount"/>, row-major.</summary>
    public float[] Targets { get; }

    /// <summary>
    /// For a classification set, the name of the class of each target column (one-hot position);
    /// otherwise null. Every set derived from this one carries a copy of the same names. Like
    /// <see cref="Features"/> and <see cref="Targets"/>, this is the set's own array, not a copy.
    /// </summary>
    public string[]? ClassNames => _classNames;

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, <see cref="Count"/>).</exception>
    public ReadOnlySpan<float> FeaturesOf(int index)
    {
        CheckIndex(index);
        return Features.AsSpan(index * FeatureCount, FeatureCount);
    }

    /// <summary>The targets of sample <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, <see cref="Count"/>).</exception>
    public ReadOnlySpan<float> TargetsOf(int index)
    {
        CheckIndex(index);
        return Targets.AsSpan(index * TargetCount, TargetCount);
    }

    /// <summary>
    /// A new set holding copies of the given rows, in the given order. A row may appear more than
    /// once (e.g. for a bootstrap sample).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A row index is not in [0, <see cref="Count"/>).</exception>
    /// <exception cref="ArgumentException">The new set's features or targets would not fit in one array.</exception>
    public DataSet Subset(ReadOnlySpan<int> rows)
    {
        var features = new float[ArraySize(rows.Length, FeatureCount, "features")];
        var targets = new float[ArraySize(rows.Length, TargetCount, "targets")];
        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            if ((uint)row >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), row,
                    Invariant($"rows[{i}] is {row}, which is not a row of this data set (0 to {Count - 1})."));
            }

            Array.Copy(Features, row * FeatureCount, features, i * FeatureCount, FeatureCount);
            Array.Copy(Targets, row * TargetCount, targets, i * TargetCount, TargetCount);
        }

        return new DataSet(features, targets, rows.Length, FeatureCount, TargetCount, _classNames);
    }

    /// <summary>
    /// A shuffled copy: the rows in the order of a Fisher–Yates shuffle of 0 … Count − 1 by
    /// <see cref="SeededRandom"/> started from <paramref name="seed"/>. The same seed gives the same
    /// order on every machine; this set is unchanged.
    /// </summary>
    public DataSet Shuffle(long seed) => Subset(Permutation(Count, seed));

    /// <summary>
    /// Shuffles with <paramref name="seed"/> (as <see cref="Shuffle"/>), then puts the first
    /// round(<see cref="Count"/> × <paramref name="trainFraction"/>) rows in the training set and the
    /// rest in the test set. Rounding is to the nearest integer, halves up: 150 rows with 0.8 give
    /// 120 and 30; 5 rows with 0.5 give 3 and 2.
    /// </summary>
    /// <param name="trainFraction">The share of rows for training, in [0, 1].</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trainFraction"/> is not in [0, 1].</exception>
    public (DataSet Train, DataSet Test) Split(double trainFraction, long seed)
    {
        CheckFraction(trainFraction, nameof(trainFraction));
        int trainCount = RoundedShare(Count, trainFraction);
        int[] order = Permutation(Count, seed);
        return (Subset(order.AsSpan(0, trainCount)), Subset(order.AsSpan(trainCount)));
    }

    /// <summary>
    /// Shuffles with <paramref name="seed"/> (as <see cref="Shuffle"/>), then cuts the rows into a
    /// training, a validation and a test set. The training set gets round(Count × trainFraction)
    /// rows and the validation set round(Count × validationFraction), rounding to the nearest integer
    /// with halves up (the validation count is reduced if the two together would exceed
    /// <see cref="Count"/>); the test set gets the rest. 150 rows with 0.7 and 0.15 give 105, 23
    /// and 22. With the same seed, the training set is the same as that of
    /// <see cref="Split(double, long)"/> with the same training fraction.
    /// </summary>
    /// <param name="trainFraction">The share of rows for training, in [0, 1].</param>
    /// <param name="validationFraction">The share of rows for validation, in [0, 1 − trainFraction].</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A fraction is not in [0, 1], or the two add up to more than 1.
    /// </exception>
    public (DataSet Train, DataSet Validation, DataSet Test) Split(double trainFraction, double validationFraction, long seed)
    {
        CheckFraction(trainFraction, nameof(trainFraction));
        CheckFraction(validationFraction, nameof(validationFraction));
        if (trainFraction + validationFraction > 1 + 1e-9)
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction,
                Invariant($"trainFraction + validationFraction must not exceed 1, but {trainFraction} + {validationFraction} = {trainFraction + validationFraction}."));
        }

        int trainCount = RoundedShare(Count, trainFraction);
        int validationCount = Math.Min(RoundedShare(Count, validationFraction), Count - trainCount);
        int[] order = Permutation(Count, seed);
        return (Subset(order.AsSpan(0, trainCount)),
                Subset(order.AsSpan(trainCount, validationCount)),
                Subset(order.AsSpan(trainCount + validationCount)));
    }

    /// <summary>A copy of this set with other features (same targets and class names).</summary>
    internal DataSet WithFeatures(float[] features) =>
        new(features, (float[])Targets.Clone(), Count, FeatureCount, TargetCount, _classNames);

    /// <summary>rows × width, or an <see cref="ArgumentException"/> on <c>rows</c> when no array holds that many values.</summary>
    private static long ArraySize(int rows, int width, string what)
    {
        long size = (long)rows * width;
        if (size > Array.MaxLength)
        {
            throw new ArgumentException(
                Invariant($"{rows:N0} rows × {width:N0} {what} are {size:N0} values, more than an array can hold ({Array.MaxLength:N0})."),
                nameof(rows));
        }

        return size;
    }

    private static int[] Permutation(int count, long seed)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        new SeededRandom(seed).Shuffle(order.AsSpan());
        return order;
    }

    private static int RoundedShare(int count, double fraction) =>
        Math.Min(count, (int)Math.Round(count * fraction, MidpointRounding.AwayFromZero));

    private static void CheckFraction(double fraction, string paramName)
    {
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(paramName, fraction, Invariant($"{paramName} must be in [0, 1], but it is {fraction}."));
        }
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index,
                Invariant($"The index must be in [0, {Count}), but it is {index}."));
        }
    }

    private static void CheckLength(int actual, int count, int width, string paramName, string widthName)
    {
        if ((long)count * width != actual)
        {
            throw new ArgumentException(
                Invariant($"Expected {paramName} to hold count × {widthName} = {count} × {width} = {(long)count * width} values, but it holds {actual}."),
                paramName);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
