using System;

namespace NetGen.Training;

/// <summary>Exponential decay: the rate is multiplied by γ every time unit, α(t) = α₀·γ^t.</summary>
/// <remarks>For very large t the rate can underflow to 0 (when γ &lt; 1).</remarks>
public sealed class ExponentialDecaySchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialRate">α₀, positive and finite.</param>
    /// <param name="factor">γ, in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public ExponentialDecaySchedule(float initialRate, float factor)
    {
        ScheduleArguments.CheckRate(initialRate, nameof(initialRate));
        ScheduleArguments.CheckFactor(factor, nameof(factor));
        InitialRate = initialRate;
        Factor = factor;
    }

    /// <summary>α₀, the rate at t = 0.</summary>
    public float InitialRate { get; }

    /// <summary>γ, the factor applied per time unit.</summary>
    public float Factor { get; }

    /// <inheritdoc/>
    public override float RateAt(long t)
    {
        ScheduleArguments.CheckTime(t);
        return (float)(InitialRate * Math.Pow(Factor, t));
    }
}
