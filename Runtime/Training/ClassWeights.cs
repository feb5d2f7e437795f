using System;
using System.Globalization;
using NetGen.Data;

namespace NetGen.Training;

/// <summary>
/// Class weights for imbalanced classification, for <see cref="TrainerOptions.ClassWeights"/>: one
/// weight per class, which multiplies the loss of every row of that class.
/// </summary>
/// <remarks>
/// <para>The class of a row is read from its targets: with one target (a sigmoid output), class 1
/// when the target is ≥ 0.5, else class 0 (the rule <c>Classification.Accuracy</c> uses); with K ≥ 2
/// targets (one-hot, or a probability vector), the index of the largest target, the first on a tie.
/// So a network with one output has two classes, and one with K outputs has K.</para>
/// </remarks>
/// <example>
/// <code>
/// var trainer = new Trainer(net, new TrainerOptions { Epochs = 50, ClassWeights = ClassWeights.Balanced(train) });
/// </code>
/// </example>
public static class ClassWeights
{
    /// <summary>
    /// scikit-learn's "balanced" weights, n_samples / (n_classes · count_c): every class then carries
    /// the same total weight, and the weights average 1 over the rows.
    /// </summary>
    /// <param name="data">The training rows (their targets only are read).</param>
    /// <returns>One weight per class: 2 for a data set with one target per row, else <see cref="DataSet.TargetCount"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data set has no rows, or a class has none (its weight would be infinite).</exception>
    public static float[] Balanced(DataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Balanced(data.Targets, data.Count, data.TargetCount);
    }

    /// <summary>
    /// scikit-learn's "balanced" weights, n_samples / (n_classes · count_c), from flat targets.
    /// </summary>
    /// <param name="targets">Exactly count × targetCount values, row-major.</param>
    /// <param name="count">The number of rows, at least 1.</param>
    /// <param name="targetCount">Targets per row: 1 (two classes, by target ≥ 0.5) or K ≥ 2 (K classes, by the largest target).</param>
    /// <returns>One weight per class: 2 when <paramref name="targetCount"/> is 1, else <paramref name="targetCount"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> or <paramref name="targetCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="targets"/> is not exactly count × targetCount long, or a class has no row.</exception>
    public static float[] Balanced(ReadOnlySpan<float> targets, int count, int targetCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetCount, 1);
        if (targets.Length != (long)count * targetCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Expected targets.Length = count ({count}) × targetCount ({targetCount}) = {(long)count * targetCount}, but it is {targets.Length}."), nameof(targets));
        }

        int classes = Classes(targetCount);
        long[] rows = new long[classes];
        for (int r = 0; r < count; r++)
        {
            rows[ClassOf(targets.Slice(r * targetCount, targetCount))]++;
        }

        float[] weights = new float[classes];
        for (int c = 0; c < classes; c++)
        {
            if (rows[c] == 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Class {c} has no row among the {count}, so its balanced weight n_samples / (n_classes · count_c) would be infinite: give the weights yourself, or check the targets."), nameof(targets));
            }

            weights[c] = (float)((double)count / ((double)classes * rows[c]));
        }

        return weights;
    }

    /// <summary>The number of classes of a network with <paramref name="outputs"/> outputs: 2 for one (sigmoid) output, else the outputs.</summary>
    internal static int Classes(int outputs) => outputs == 1 ? 2 : outputs;

    /// <summary>The class of one row of targets: for one target, 1 if it is ≥ 0.5 else 0; else the index of the largest (the first on a tie).</summary>
    internal static int ClassOf(ReadOnlySpan<float> rowTargets)
    {
        if (rowTargets.Length == 1)
        {
            return rowTargets[0] >= 0.5f ? 1 : 0;
        }

        int best = 0;
        for (int k = 1; k < rowTargets.Length; k++)
        {
            if (rowTargets[k] > rowTargets[best])
            {
                best = k;
            }
        }

        return best;
    }
}
