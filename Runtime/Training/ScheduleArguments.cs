using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace NetGen.Training;

/// <summary>The argument checks the schedules share, with messages that name the rule and the value.</summary>
internal static class ScheduleArguments
{
    /// <summary>Throws unless <paramref name="value"/> is positive and finite.</summary>
    public static void CheckRate(float value, string paramName)
    {
        if (!(value > 0f && float.IsFinite(value)))
        {
            Throw(paramName, value, $"{paramName} must be positive and finite, but it is {value}.");
        }
    }

    /// <summary>Throws unless 0 ≤ <paramref name="value"/> ≤ <paramref name="initialRate"/> (so it is finite too).</summary>
    public static void CheckMinimumRate(float value, float initialRate, string paramName)
    {
        if (!(value >= 0f && value <= initialRate))
        {
            Throw(paramName, value, $"{paramName} must be between 0 and the initial rate ({initialRate}), but it is {value}.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is in (0, 1].</summary>
    public static void CheckFactor(float value, string paramName)
    {
        if (!(value > 0f && value <= 1f))
        {
            Throw(paramName, value, $"{paramName} must be in (0, 1], but it is {value}.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> ≥ 1.</summary>
    public static void CheckAtLeastOne(int value, string paramName)
    {
        if (value < 1)
        {
            Throw(paramName, value, $"{paramName} must be at least 1, but it is {value}.");
        }
    }

    /// <summary>Throws unless the time <paramref name="t"/> is non-negative.</summary>
    public static void CheckTime(long t)
    {
        if (t < 0)
        {
            Throw(nameof(t), t, $"t must be non-negative, but it is {t}.");
        }
    }

    // Messages are invariant ("0.5", "NaN") so that they read the same everywhere and match the
    // interval notation "(0, 1]".
    [DoesNotReturn]
    private static void Throw(string paramName, object value, FormattableString message) =>
        throw new ArgumentOutOfRangeException(paramName, value, message.ToString(CultureInfo.InvariantCulture));
}
