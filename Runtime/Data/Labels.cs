using System;
using System.Globalization;

namespace NetGen.Data;

/// <summary>Conversions between class indices and one-hot or score vectors.</summary>
public static class Labels
{
    /// <summary>
    /// One-hot targets: row <c>i</c> of the result has <paramref name="classCount"/> floats, 1 at
    /// <c>labels[i]</c> and 0 elsewhere.
    /// </summary>
    /// <param name="labels">The class index of each sample.</param>
    /// <param name="classCount">The number of classes, at least 1.</param>
    /// <returns><c>labels.Length</c> × <paramref name="classCount"/> floats, row-major.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="classCount"/> is not positive, or a label is not in [0, classCount); the
    /// message names the row.
    /// </exception>
    /// <exception cref="ArgumentException">labels × <paramref name="classCount"/> values would not fit in one array.</exception>
    public static float[] OneHot(ReadOnlySpan<int> labels, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        long size = (long)labels.Length * classCount;
        if (size > Array.MaxLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{labels.Length:N0} labels × {classCount:N0} classes are {size:N0} one-hot values, more than an array can hold ({Array.MaxLength:N0})."),
                nameof(labels));
        }

        var result = new float[size];
        for (int i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            if ((uint)label >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), label,
                    string.Create(CultureInfo.InvariantCulture, $"labels[{i}] is {label}; a label must be in [0, {classCount}) for {classCount} classes."));
            }

            result[(i * classCount) + label] = 1f;
        }

        return result;
    }

    /// <summary>
    /// The index of the largest value in each row of <paramref name="rows"/> (for example the
    /// predicted class of each row of network outputs), the first one on ties.
    /// </summary>
    /// <param name="rows">Rows of <paramref name="width"/> floats, row-major.</param>
    /// <param name="width">The length of one row, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is not positive.</exception>
    /// <exception cref="ArgumentException">The length of <paramref name="rows"/> is not a multiple of <paramref name="width"/>.</exception>
    public static int[] ArgMax(ReadOnlySpan<float> rows, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (rows.Length % width != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected whole rows of width {width}, but the span holds {rows.Length} values ({rows.Length / width} rows and {rows.Length % width} left over)."),
                nameof(rows));
        }

        var result = new int[rows.Length / width];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = ArgMax(rows.Slice(i * width, width));
        }

        return result;
    }

    /// <summary>
    /// The index of the largest value, the first one on ties. NaN never wins over a number; if
    /// every value is NaN the result is 0.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("Expected at least one value, but the span is empty.", nameof(values));
        }

        int best = 0;
        float bestValue = values[0];
        for (int i = 1; i < values.Length; i++)
        {
            float value = values[i];
            if (value > bestValue || (float.IsNaN(bestValue) && !float.IsNaN(value)))
            {
                best = i;
                bestValue = value;
            }
        }

        return best;
    }
}
