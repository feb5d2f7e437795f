using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace NetGen.CompilerServices;

/// <summary>
/// Argument checks for generated code. The checks are inlined into the generated methods; the
/// throwing paths live here so that the hot methods stay small.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ThrowHelper
{
    /// <summary>Throws unless <paramref name="actual"/> equals <paramref name="expected"/>.</summary>
    /// <param name="actual">The span's length.</param>
    /// <param name="expected">The length the network needs.</param>
    /// <param name="paramName">The argument's name.</param>
    /// <param name="what">The name of the expected length, e.g. "InputSize".</param>
    public static void CheckLength(int actual, int expected, string paramName, string what)
    {
        if (actual != expected)
        {
            ThrowLength(actual, expected, paramName, what);
        }
    }

    /// <summary>Throws unless <paramref name="actual"/> equals <paramref name="count"/> × <paramref name="width"/>.</summary>
    /// <param name="actual">The span's length.</param>
    /// <param name="count">The number of samples in the batch.</param>
    /// <param name="width">The width of one sample.</param>
    /// <param name="paramName">The argument's name.</param>
    /// <param name="widthName">The name of the width, e.g. "InputSize".</param>
    public static void CheckBatchLength(int actual, int count, int width, string paramName, string widthName)
    {
        if (actual != count * width)
        {
            ThrowBatchLength(actual, count, width, paramName, widthName);
        }
    }

    /// <summary>Throws unless 1 ≤ <paramref name="count"/> ≤ <paramref name="batchSize"/>.</summary>
    public static void CheckCount(int count, int batchSize)
    {
        if ((uint)(count - 1) >= (uint)batchSize)
        {
            ThrowCount(count, batchSize);
        }
    }

    /// <summary>Throws <see cref="NonFiniteLossException"/> for a NaN or infinite loss.</summary>
    [DoesNotReturn]
    public static void ThrowNonFiniteLoss(float loss, long step) =>
        throw new NonFiniteLossException(
            $"The batch loss is {loss} at optimizer step {step}; the step was not applied and the parameters are unchanged.")
        {
            Loss = loss,
            Step = step,
        };

    [DoesNotReturn]
    private static void ThrowLength(int actual, int expected, string paramName, string what) =>
        throw new ArgumentException(
            $"Expected {paramName}.Length = {what} = {expected}, but it is {actual}.", paramName);

    [DoesNotReturn]
    private static void ThrowBatchLength(int actual, int count, int width, string paramName, string widthName) =>
        throw new ArgumentException(
            $"Expected {paramName}.Length = count ({count}) × {widthName} ({width}) = {(long)count * width}, but it is {actual}.", paramName);

    [DoesNotReturn]
    private static void ThrowCount(int count, int batchSize) =>
        throw new ArgumentOutOfRangeException(
            nameof(count), count, $"count must be between 1 and BatchSize ({batchSize}), but it is {count}.");

    /// <summary>
    /// The learning rate setter's check: returns <paramref name="rate"/> when it is finite and greater
    /// than zero. (A schedule whose rate reaches 0 writes a floor instead: <see cref="Training.LearningRateSchedule.Apply"/>.)
    /// </summary>
    /// <param name="rate">The new learning rate.</param>
    /// <returns><paramref name="rate"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is NaN, infinite, zero or negative.</exception>
    public static float CheckLearningRate(float rate)
    {
        if (!(rate > 0f) || float.IsPositiveInfinity(rate))
        {
            ThrowLearningRate(rate);
        }

        return rate;
    }

    /// <summary>
    /// A generated hyperparameter setter's check (Momentum, Rho, Beta1, Beta2, Epsilon, WeightDecay):
    /// returns <paramref name="value"/> when it is in <paramref name="range"/>, the same rule the
    /// generator applies to the [Training] value (NG0007, NG0025).
    /// </summary>
    /// <param name="value">The new value.</param>
    /// <param name="range">The hyperparameter's valid values.</param>
    /// <param name="name">The property's name, for the message.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN, infinite or outside <paramref name="range"/>.</exception>
    public static float CheckHyperparameter(float value, HyperparameterRange range, string name)
    {
        if (!HyperparameterRanges.Contains(range, value))
        {
            ThrowHyperparameter(value, range, name);
        }

        return value;
    }

    /// <summary>
    /// The ClipNorm and ClipValue setters' check: returns <paramref name="value"/> when it is NaN
    /// (clipping off) or finite and greater than zero.
    /// </summary>
    /// <param name="value">The new threshold.</param>
    /// <param name="name">The property's name, for the message.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is infinite, zero or negative.</exception>
    public static float CheckClipThreshold(float value, string name)
    {
        if (!float.IsNaN(value) && !HyperparameterRanges.IsClipThreshold(value))
        {
            ThrowClipThreshold(value, name);
        }

        return value;
    }

    /// <summary>The exception for a name that is not one of a network's run-time hyperparameters.</summary>
    /// <param name="name">The name asked for.</param>
    /// <param name="names">The network's names.</param>
    /// <returns>An <see cref="ArgumentException"/> naming the valid names, for the caller to throw.</returns>
    public static ArgumentException UnknownHyperparameter(string? name, System.Collections.Generic.IReadOnlyList<string> names) =>
        new(name is null
            ? $"The hyperparameter name is null; this network's are {string.Join(", ", names)}."
            : $"'{name}' is not a hyperparameter of this network (names are case-sensitive); its run-time hyperparameters are {string.Join(", ", names)}.",
            nameof(name));

    /// <summary>
    /// Throws <see cref="NonFiniteLossException"/> for a NaN or infinite loss, saying whether the
    /// parameters the step was refused on are themselves all finite: when they are not, an earlier
    /// step (or the caller) already put NaN or ∞ there, and keeping them is no cure.
    /// </summary>
    /// <param name="loss">The batch loss.</param>
    /// <param name="step">The optimizer steps taken before the batch.</param>
    /// <param name="parameters">The network's parameters, which the step did not change.</param>
    [DoesNotReturn]
    public static void ThrowNonFiniteLoss(float loss, long step, ReadOnlySpan<float> parameters)
    {
        int bad = 0, first = -1;
        for (int i = 0; i < parameters.Length; i++)
        {
            if (!float.IsFinite(parameters[i]))
            {
                bad++;
                first = first < 0 ? i : first;
            }
        }

        if (bad == 0)
        {
            ThrowNonFiniteLoss(loss, step);
        }

        throw new NonFiniteLossException(string.Create(CultureInfo.InvariantCulture,
            $"The batch loss is {loss} at optimizer step {step}; the step was not applied, but {bad} of the {parameters.Length} parameters were already NaN or infinite before it "
            + $"(the first at index {first}): an earlier step diverged or they were set so. Lower the learning rate, or load parameters saved before the divergence."))
        {
            Loss = loss,
            Step = step,
        };
    }

    /// <summary>
    /// The weighted overloads' check of their sample weights: exactly <paramref name="count"/> of
    /// them, each finite and zero or positive, with a positive sum. Returns the sum (in double).
    /// </summary>
    /// <param name="sampleWeights">One weight per sample of the batch.</param>
    /// <param name="count">The number of samples in the batch.</param>
    /// <returns>Σ sampleWeights, greater than 0.</returns>
    /// <exception cref="ArgumentException">The length is not <paramref name="count"/>, or the weights sum to zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative, NaN or infinite (the message names its row).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double CheckSampleWeights(ReadOnlySpan<float> sampleWeights, int count)
    {
        if (sampleWeights.Length != count)
        {
            ThrowSampleWeightsLength(sampleWeights.Length, count);
        }

        double sum = 0;
        for (int s = 0; s < sampleWeights.Length; s++)
        {
            float weight = sampleWeights[s];
            if (!(weight >= 0f) || float.IsPositiveInfinity(weight))
            {
                ThrowSampleWeight(weight, s);
            }

            sum += weight;
        }

        if (!(sum > 0))
        {
            ThrowSampleWeightsSum(count);
        }

        return sum;
    }

    [DoesNotReturn]
    private static void ThrowSampleWeightsLength(int actual, int count) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"Expected sampleWeights.Length = count ({count}), one weight per sample, but it is {actual}."), "sampleWeights");

    [DoesNotReturn]
    private static void ThrowSampleWeight(float weight, int row) =>
        throw new ArgumentOutOfRangeException("sampleWeights", weight, string.Create(CultureInfo.InvariantCulture,
            $"sampleWeights[{row}] (the weight of row {row} of the batch) is {weight}; every weight must be a finite number, zero or positive."));

    [DoesNotReturn]
    private static void ThrowSampleWeightsSum(int count) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"The {count} sample weights of the batch are all zero, so its weighted mean loss is undefined: give at least one row a positive weight, or skip the batch."), "sampleWeights");

    [DoesNotReturn]
    private static void ThrowLearningRate(float rate) =>
        throw new ArgumentOutOfRangeException(
            "value", rate, string.Create(CultureInfo.InvariantCulture,
                $"LearningRate must be a finite number greater than zero, but it is {rate}; a NaN or infinite rate would write NaN into every parameter on the next step, a negative one would climb the loss, and zero would take steps that change nothing (stop training instead)."));

    [DoesNotReturn]
    private static void ThrowHyperparameter(float value, HyperparameterRange range, string name) =>
        throw new ArgumentOutOfRangeException(
            "value", value, string.Create(CultureInfo.InvariantCulture,
                $"{name} must be finite and {HyperparameterRanges.Describe(range)}, but it is {value}; {name} keeps its previous value."));

    [DoesNotReturn]
    private static void ThrowClipThreshold(float value, string name) =>
        throw new ArgumentOutOfRangeException(
            "value", value, string.Create(CultureInfo.InvariantCulture,
                $"{name} must be a finite number greater than zero, or NaN to turn clipping off, but it is {value}; {name} keeps its previous value."));
}
