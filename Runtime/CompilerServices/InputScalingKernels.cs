using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using NetGen.Data;

namespace NetGen.CompilerServices;

/// <summary>
/// The input scaling of networks declared with <c>[Network(InputScaling = …)]</c>: fitting the
/// statistics and applying x′ = (x − offset) / divisor. Called by generated code; not for hand-written code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class InputScalingKernels
{
    /// <summary>
    /// Scales whole rows: <paramref name="destination"/>[r·w + j] = (<paramref name="inputs"/>[r·w + j] − offsets[j]) / divisors[j],
    /// w = offsets.Length. Each element is one float subtraction and one float division, so the result
    /// is the same bit for bit whether a vector or a scalar computes it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(ReadOnlySpan<float> inputs, ReadOnlySpan<float> offsets, ReadOnlySpan<float> divisors, Span<float> destination)
    {
        int width = offsets.Length;
        if (divisors.Length != width || destination.Length < inputs.Length)
        {
            throw new ArgumentException("The scaling's statistics and buffers do not match.");
        }

        for (int start = 0; start + width <= inputs.Length; start += width)
        {
            ReadOnlySpan<float> row = inputs.Slice(start, width);
            Span<float> target = destination.Slice(start, width);
            int j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; j <= width - Vector<float>.Count; j += Vector<float>.Count)
                {
                    ((new Vector<float>(row[j..]) - new Vector<float>(offsets[j..])) / new Vector<float>(divisors[j..])).CopyTo(target[j..]);
                }
            }

            for (; j < width; j++)
            {
                target[j] = (row[j] - offsets[j]) / divisors[j];
            }
        }
    }

    /// <summary>Throws the "not fitted" error unless <paramref name="fitted"/>.</summary>
    /// <param name="fitted">Whether the network's statistics are set.</param>
    /// <param name="network">The network's class name, for the message.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CheckFitted(bool fitted, string network)
    {
        if (!fitted)
        {
            ThrowNotFitted(network);
        }
    }

    [DoesNotReturn]
    private static void ThrowNotFitted(string network) =>
        throw new InvalidOperationException(
            $"{network} declares an input scaling, but its statistics are not fitted yet: call FitInputScaling(trainingData) "
            + "(or train it with the Trainer, which fits them from the training set), SetInputScaling(offsets, divisors), "
            + "or load a model file saved by a fitted network before Predict or training.");

    /// <summary>
    /// Fits the statistics of <paramref name="kind"/> from <paramref name="count"/> rows of
    /// <paramref name="offsets"/>.Length values (in double precision, stored as float); writes
    /// nothing unless every column is finite.
    /// </summary>
    public static void Fit(InputScaling kind, ReadOnlySpan<float> inputs, int count, Span<float> offsets, Span<float> divisors)
    {
        int width = offsets.Length;
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The input scaling is fitted on at least one row.");
        }

        ThrowHelper.CheckBatchLength(inputs.Length, count, width, nameof(inputs), "InputSize");
        var offset = new double[width];
        var divisor = new double[width];
        if (kind == InputScaling.MinMax)
        {
            ColumnStatistics.Range(inputs, count, offset, divisor, NonFinite); // divisor holds the maximum, for now
            for (int j = 0; j < width; j++)
            {
                divisor[j] -= offset[j];
            }
        }
        else if (kind == InputScaling.Standardize)
        {
            ColumnStatistics.MeanAndDeviation(inputs, count, offset, divisor, NonFinite);
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an input scaling with statistics.");
        }

        var newOffsets = new float[width];
        var newDivisors = new float[width];
        for (int j = 0; j < width; j++)
        {
            newOffsets[j] = (float)offset[j];
            float d = (float)divisor[j];
            newDivisors[j] = d > 0 && float.IsFinite(d) ? d : 1f; // a constant column (or one whose spread underflows float) is left as it is, shifted
        }

        newOffsets.CopyTo(offsets);
        newDivisors.CopyTo(divisors);
    }

    private static ArgumentException NonFinite(float value, int row, int column) =>
        new(FormattableString.Invariant($"Row {row}, input {column} (0-based) is {value}: the input scaling cannot be fitted on NaN or infinite values.")
            + (double.IsNaN(value) ? " Missing values load as NaN (CsvOptions.MissingValues): fill them in first with a SimpleImputer fitted on the training rows." : ""),
            "inputs");

    /// <summary>Checks and copies statistics set by hand; writes nothing unless all are valid.</summary>
    public static void Set(ReadOnlySpan<float> offsets, ReadOnlySpan<float> divisors, Span<float> targetOffsets, Span<float> targetDivisors)
    {
        int width = targetOffsets.Length;
        ThrowHelper.CheckLength(offsets.Length, width, nameof(offsets), "InputSize");
        ThrowHelper.CheckLength(divisors.Length, width, nameof(divisors), "InputSize");
        for (int j = 0; j < width; j++)
        {
            if (!float.IsFinite(offsets[j]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Offset {j} (0-based) is {offsets[j]}; the offsets must be finite."), nameof(offsets));
            }

            if (!(divisors[j] > 0 && float.IsFinite(divisors[j])))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Divisor {j} (0-based) is {divisors[j]}; the divisors must be finite and positive (1 for a constant column)."), nameof(divisors));
            }
        }

        offsets.CopyTo(targetOffsets);
        divisors.CopyTo(targetDivisors);
    }

    /// <summary>A new array of <paramref name="count"/> ones: the divisors before the scaling is fitted.</summary>
    public static float[] Ones(int count)
    {
        var ones = new float[count];
        ones.AsSpan().Fill(1f);
        return ones;
    }
}
