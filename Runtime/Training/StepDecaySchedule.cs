using System;

namespace NetGen.Training;

/// <summary>
/// Step decay: the rate is multiplied by γ every <see cref="StepSize"/> time units,
/// α(t) = α₀·γ^⌊t / stepSize⌋.
/// </summary>
/// <remarks>For very large t the rate can underflow to 0 (when γ &lt; 1).</remarks>
public sealed class StepDecaySchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialRate">α₀, positive and finite.</param>
    /// <param name="factor">γ, in (0, 1].</param>
    /// <param name="stepSize">The number of time units between decays, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public StepDecaySchedule(float initialRate, float factor, int stepSize)
    {
        ScheduleArguments.CheckRate(initialRate, nameof(initialRate));
        ScheduleArguments.CheckFactor(factor, nameof(factor));
        ScheduleArguments.CheckAtLeastOne(stepSize, nameof(stepSize));
        InitialRate = initialRate;
        Factor = factor;
        StepSize = stepSize;
    }

    /// <summary>α₀, the rate for 0 ≤ t &lt; <see cref="StepSize"/>.</summary>
    public float InitialRate { get; }

    /// <summary>γ, the factor applied at every decay.</summary>
    public float Factor { get; }

    /// <summary>The number of time units between decays.</summary>
    public int StepSize { get; }

    /// <inheritdoc/>
    public override float RateAt(long t)
    {
        ScheduleArguments.CheckTime(t);
        long decays = t / StepSize;
        return (float)(InitialRate * Math.Pow(Factor, decays));
    }
}
