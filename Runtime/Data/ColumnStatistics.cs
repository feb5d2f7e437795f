using System;

namespace NetGen.Data;

/// <summary>
/// Per-column statistics of row-major float rows, accumulated in double: the one home of the sums
/// behind <see cref="StandardScaler"/>, <see cref="MinMaxScaler"/> and a network's declared input
/// scaling (<see cref="InputScaling"/>), so that all three fit exactly the same numbers.
/// </summary>
internal static class ColumnStatistics
{
    /// <summary>Makes the exception for a NaN or infinite value at (row, column), both 0-based.</summary>
    public delegate Exception NonFiniteValue(float value, int row, int column);

    /// <summary>
    /// Each column's mean and population standard deviation (√(Σ(x − mean)² / count)) over
    /// <paramref name="count"/> rows of <paramref name="mean"/>.Length values. With
    /// <paramref name="nonFinite"/>, a NaN or infinite value throws what it makes; without, it makes the
    /// column's statistics NaN or infinite (for the caller to check).
    /// </summary>
    public static void MeanAndDeviation(ReadOnlySpan<float> rows, int count, Span<double> mean, Span<double> deviation, NonFiniteValue? nonFinite = null)
    {
        int width = mean.Length;
        mean.Clear();
        deviation.Clear();
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<float> row = rows.Slice(i * width, width);
            for (int j = 0; j < width; j++)
            {
                float x = row[j];
                if (nonFinite is not null && !float.IsFinite(x))
                {
                    throw nonFinite(x, i, j);
                }

                mean[j] += x;
            }
        }

        for (int j = 0; j < width; j++)
        {
            mean[j] /= count;
        }

        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<float> row = rows.Slice(i * width, width);
            for (int j = 0; j < width; j++)
            {
                double d = row[j] - mean[j];
                deviation[j] += d * d;
            }
        }

        for (int j = 0; j < width; j++)
        {
            deviation[j] = Math.Sqrt(deviation[j] / count);
        }
    }

    /// <summary>
    /// Each column's minimum and maximum over <paramref name="count"/> rows of
    /// <paramref name="minimum"/>.Length values; a NaN or infinite value throws what
    /// <paramref name="nonFinite"/> makes.
    /// </summary>
    public static void Range(ReadOnlySpan<float> rows, int count, Span<double> minimum, Span<double> maximum, NonFiniteValue nonFinite)
    {
        int width = minimum.Length;
        minimum.Fill(double.PositiveInfinity);
        maximum.Fill(double.NegativeInfinity);
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<float> row = rows.Slice(i * width, width);
            for (int j = 0; j < width; j++)
            {
                float x = row[j];
                if (!float.IsFinite(x))
                {
                    throw nonFinite(x, i, j);
                }

                minimum[j] = Math.Min(minimum[j], x);
                maximum[j] = Math.Max(maximum[j], x);
            }
        }
    }
}
