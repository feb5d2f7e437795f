using System;

namespace NetGen.Training;

/// <summary>
/// Cosine annealing without restarts: the rate falls from α₀ to α_min along half a cosine over
/// <see cref="Period"/> time units and then stays at α_min:
/// α(t) = α_min + ½(α₀ − α_min)(1 + cos(π·t/T)) for t ≤ T, and α(t) = α_min for t &gt; T.
/// </summary>
public sealed class CosineAnnealingSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialRate">α₀, positive and finite.</param>
    /// <param name="minimumRate">α_min, in [0, α₀].</param>
    /// <param name="period">T, the time at which the rate reaches α_min, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public CosineAnnealingSchedule(float initialRate, float minimumRate, int period)
    {
        ScheduleArguments.CheckRate(initialRate, nameof(initialRate));
        ScheduleArguments.CheckMinimumRate(minimumRate, initialRate, nameof(minimumRate));
        ScheduleArguments.CheckAtLeastOne(period, nameof(period));
        InitialRate = initialRate;
        MinimumRate = minimumRate;
        Period = period;
    }

    /// <summary>α₀, the rate at t = 0.</summary>
    public float InitialRate { get; }

    /// <summary>α_min, the rate at t = T and after.</summary>
    public float MinimumRate { get; }

    /// <summary>T, the length of the descent.</summary>
    public int Period { get; }

    /// <inheritdoc/>
    public override float RateAt(long t)
    {
        ScheduleArguments.CheckTime(t);
        if (t >= Period)
        {
            return MinimumRate;
        }

        double min = MinimumRate;
        return (float)(min + 0.5 * (InitialRate - min) * (1.0 + Math.Cos(Math.PI * t / Period)));
    }
}
