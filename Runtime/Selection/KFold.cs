using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Data;
using NetGen.Metrics;

namespace NetGen.Selection;

/// <summary>
/// k-fold cross-validation indices, plain and stratified: every row is in the test rows of exactly
/// one fold and in the training rows of every other fold. Shuffling is driven by
/// <see cref="SeededRandom"/>, so a seed gives the same folds on every run and machine.
/// </summary>
public static class KFold
{
    /// <summary>
    /// <paramref name="folds"/> folds of <paramref name="count"/> rows, as scikit-learn's
    /// <c>KFold</c>: the rows (shuffled with <paramref name="seed"/>, or in order) are cut into
    /// consecutive test blocks; the first count mod folds blocks have one row more, so test sizes
    /// differ by at most one.
    /// </summary>
    /// <param name="count">The number of rows, at least <paramref name="folds"/>.</param>
    /// <param name="folds">The number of folds, at least 2.</param>
    /// <param name="seed">The seed of the shuffle (ignored when <paramref name="shuffle"/> is false).</param>
    /// <param name="shuffle">Whether to shuffle the rows before cutting them (default true).</param>
    /// <returns>The folds, in order; each one's rows ascending.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is less than 2 or more than <paramref name="count"/>.</exception>
    public static Fold[] Split(int count, int folds, long seed, bool shuffle = true)
    {
        CheckFolds(count, folds);
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        if (shuffle)
        {
            new SeededRandom(seed).Shuffle(order.AsSpan());
        }

        var assignment = new int[count];
        int start = 0;
        for (int f = 0; f < folds; f++)
        {
            int size = (count / folds) + (f < count % folds ? 1 : 0);
            for (int j = start; j < start + size; j++)
            {
                assignment[order[j]] = f;
            }

            start += size;
        }

        return FromAssignment(assignment, folds);
    }

    /// <summary>
    /// Stratified folds: each class is spread over the folds as evenly as it can be, so each test
    /// fold keeps the class proportions of the whole. The rule (the counts of scikit-learn's
    /// <c>StratifiedKFold</c>): the rows are grouped by class (class 0 first; within a class shuffled
    /// with <paramref name="seed"/>, or in order), and the row at position j of that order goes to
    /// the test rows of fold j mod <paramref name="folds"/>. Test sizes differ by at most one, and so
    /// do the counts of any one class in two folds.
    /// </summary>
    /// <param name="labels">The class of each row, zero or more.</param>
    /// <param name="folds">The number of folds, at least 2 and at most the number of rows.</param>
    /// <param name="seed">The seed of the shuffle (ignored when <paramref name="shuffle"/> is false).</param>
    /// <param name="shuffle">Whether to shuffle the rows of each class (default true).</param>
    /// <returns>The folds, in order; each one's rows ascending.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is out of range, or a label is negative.</exception>
    public static Fold[] Stratified(ReadOnlySpan<int> labels, int folds, long seed, bool shuffle = true)
    {
        CheckFolds(labels.Length, folds);
        List<int>[] byClass = GroupByClass(labels);
        var random = new SeededRandom(seed);
        var assignment = new int[labels.Length];
        int position = 0;
        foreach (List<int> rows in byClass)
        {
            int[] members = rows.ToArray();
            if (shuffle)
            {
                random.Shuffle(members.AsSpan());
            }

            foreach (int row in members)
            {
                assignment[row] = position++ % folds;
            }
        }

        return FromAssignment(assignment, folds);
    }

    /// <summary>
    /// Stratified folds of the rows of <paramref name="data"/> (see
    /// <see cref="Stratified(ReadOnlySpan{int}, int, long, bool)"/>); the class of a row is its
    /// largest target (a single target: 1 when it is ≥ 0.5).
    /// </summary>
    /// <param name="data">A data set with at least one target per row.</param>
    /// <param name="folds">The number of folds, at least 2 and at most the number of rows.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    /// <param name="shuffle">Whether to shuffle the rows of each class (default true).</param>
    /// <returns>The folds, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data set has no targets.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is out of range.</exception>
    public static Fold[] Stratified(DataSet data, int folds, long seed, bool shuffle = true) =>
        Stratified(ClassesOf(data, nameof(data)), folds, seed, shuffle);

    /// <summary>The class of each row of a data set (largest target, or target ≥ 0.5 for one).</summary>
    internal static int[] ClassesOf(DataSet data, string paramName)
    {
        ArgumentNullException.ThrowIfNull(data, paramName);
        if (data.TargetCount == 0)
        {
            throw new ArgumentException("The data set has no targets, so its rows have no class to stratify by.", paramName);
        }

        return Classification.ClassesOf(data.Targets, data.TargetCount);
    }

    /// <summary>The rows of each class, in row order; labels must be zero or more.</summary>
    internal static List<int>[] GroupByClass(ReadOnlySpan<int> labels)
    {
        int classes = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i],
                    string.Create(CultureInfo.InvariantCulture, $"labels[{i}] is {labels[i]}; a class index must be zero or more."));
            }

            classes = Math.Max(classes, labels[i] + 1);
        }

        var byClass = new List<int>[classes];
        for (int k = 0; k < classes; k++)
        {
            byClass[k] = new List<int>();
        }

        for (int i = 0; i < labels.Length; i++)
        {
            byClass[labels[i]].Add(i);
        }

        return byClass;
    }

    private static Fold[] FromAssignment(int[] assignment, int folds)
    {
        var result = new Fold[folds];
        for (int f = 0; f < folds; f++)
        {
            var train = new List<int>();
            var test = new List<int>();
            for (int row = 0; row < assignment.Length; row++)
            {
                (assignment[row] == f ? test : train).Add(row);
            }

            result[f] = new Fold(f, train.ToArray(), test.ToArray());
        }

        return result;
    }

    private static void CheckFolds(int count, int folds)
    {
        if (folds < 2 || folds > count)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, string.Create(CultureInfo.InvariantCulture,
                $"folds must be at least 2 and at most the number of rows ({count}), but it is {folds}."));
        }
    }
}
