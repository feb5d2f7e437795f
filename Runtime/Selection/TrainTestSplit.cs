using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Data;

namespace NetGen.Selection;

/// <summary>
/// A stratified train/test split: each class is divided between the two sets in the proportion of
/// the split, as scikit-learn's <c>train_test_split(..., stratify=y)</c> (its
/// <c>StratifiedShuffleSplit</c>). Seeded by <see cref="SeededRandom"/>: the same seed gives the same
/// split on every run and machine.
/// </summary>
/// <remarks>
/// <para>The counts, exactly: with n rows, the test set gets ⌈testFraction × n⌉ rows (computed in
/// double, as scikit-learn) and the training set the other n_train. Class k with c_k rows gets
/// ⌊c_k × n_train / n⌋ training rows; the training rows still missing go one each to the classes
/// with the largest remainders c_k × n_train mod n (on equal remainders, the lower class index first,
/// where scikit-learn draws at random); the class's other rows go to the test set.</para>
/// <para>Which rows: the rows of each class are shuffled and the first ones go to training; then
/// each set is shuffled, so its rows are not grouped by class.</para>
/// </remarks>
public static class TrainTestSplit
{
    /// <summary>
    /// Splits the rows of <paramref name="data"/> by class (the class of a row is its largest target;
    /// a single target: 1 when it is ≥ 0.5). See the class remarks for the counts.
    /// </summary>
    /// <param name="data">A data set with at least 2 rows and at least one target per row.</param>
    /// <param name="testFraction">The share of rows for the test set, in (0, 1).</param>
    /// <param name="seed">The seed of the shuffles.</param>
    /// <returns>Copies of the training and test rows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data set has no targets.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is not in (0, 1), or leaves a set empty.</exception>
    public static (DataSet Train, DataSet Test) Stratified(DataSet data, double testFraction, long seed)
    {
        (int[] train, int[] test) = StratifiedIndices(KFold.ClassesOf(data, nameof(data)), testFraction, seed);
        return (data.Subset(train), data.Subset(test));
    }

    /// <summary>The row indices of a stratified split of rows with the given classes (see the class remarks).</summary>
    /// <param name="labels">The class of each row (zero or more), at least 2 rows.</param>
    /// <param name="testFraction">The share of rows for the test set, in (0, 1).</param>
    /// <param name="seed">The seed of the shuffles.</param>
    /// <returns>The training rows and the test rows, each in shuffled order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="testFraction"/> is not in (0, 1) or leaves a set empty, or a label is negative.
    /// </exception>
    public static (int[] Train, int[] Test) StratifiedIndices(ReadOnlySpan<int> labels, double testFraction, long seed)
    {
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction,
                Invariant($"testFraction must be between 0 and 1 (exclusive), but it is {testFraction}."));
        }

        int n = labels.Length;
        int testCount = (int)Math.Ceiling(testFraction * n);
        int trainCount = n - testCount;
        if (testCount < 1 || trainCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction,
                Invariant($"testFraction {testFraction} of {n} rows gives {testCount} test and {trainCount} training rows; both sets need at least one."));
        }

        List<int>[] byClass = KFold.GroupByClass(labels);
        int[] trainPerClass = Apportion(byClass, trainCount, n);
        var random = new SeededRandom(seed);
        var train = new List<int>(trainCount);
        var test = new List<int>(testCount);
        for (int k = 0; k < byClass.Length; k++)
        {
            int[] members = byClass[k].ToArray();
            random.Shuffle(members.AsSpan());
            train.AddRange(members.AsSpan(0, trainPerClass[k]));
            test.AddRange(members.AsSpan(trainPerClass[k]));
        }

        int[] trainRows = train.ToArray();
        int[] testRows = test.ToArray();
        random.Shuffle(trainRows.AsSpan());
        random.Shuffle(testRows.AsSpan());
        return (trainRows, testRows);
    }

    /// <summary>The largest-remainder share of <paramref name="draws"/> among the classes, in exact integers.</summary>
    private static int[] Apportion(List<int>[] byClass, int draws, int total)
    {
        int classes = byClass.Length;
        var share = new int[classes];
        var remainder = new long[classes];
        int left = draws;
        for (int k = 0; k < classes; k++)
        {
            long product = (long)byClass[k].Count * draws;
            share[k] = (int)(product / total);
            remainder[k] = product % total;
            left -= share[k];
        }

        // Σ⌊c_k·draws/n⌋ ≥ draws − (classes − 1), so fewer rows than classes are left to place.
        for (; left > 0; left--)
        {
            int best = -1;
            for (int k = 0; k < classes; k++)
            {
                if (remainder[k] > 0 && (best < 0 || remainder[k] > remainder[best]))
                {
                    best = k;
                }
            }

            share[best]++;
            remainder[best] = 0;
        }

        return share;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
