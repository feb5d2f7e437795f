using System;

namespace NetGen.Training;

/// <summary>
/// Cosine annealing with warm restarts (SGDR, Loshchilov and Hutter 2017). Time is split into
/// cycles; cycle i (from 0) lasts T_i = T₀·T_mult^i time units. At position t_cur in cycle i
/// (0 ≤ t_cur &lt; T_i), α = α_min + ½(α₀ − α_min)(1 + cos(π·t_cur/T_i)), so each cycle starts
/// again at α₀ and ends just above α_min.
/// </summary>
/// <remarks>
/// The rates are those of PyTorch's <c>CosineAnnealingWarmRestarts(T_0, T_mult, eta_min)</c> evaluated
/// at integer epochs. Cycle boundaries are found with integer arithmetic, so they are exact: with
/// T₀ = 4 and T_mult = 2 the cycles start at t = 0, 4, 12, 28, 60, …
/// </remarks>
public sealed class CosineWarmRestartsSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialRate">α₀, positive and finite.</param>
    /// <param name="minimumRate">α_min, in [0, α₀].</param>
    /// <param name="firstPeriod">T₀, the length of the first cycle, at least 1.</param>
    /// <param name="periodMultiplier">T_mult, the factor by which each cycle is longer than the one before, at least 1 (1: every cycle lasts T₀).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public CosineWarmRestartsSchedule(float initialRate, float minimumRate, int firstPeriod, int periodMultiplier)
    {
        ScheduleArguments.CheckRate(initialRate, nameof(initialRate));
        ScheduleArguments.CheckMinimumRate(minimumRate, initialRate, nameof(minimumRate));
        ScheduleArguments.CheckAtLeastOne(firstPeriod, nameof(firstPeriod));
        ScheduleArguments.CheckAtLeastOne(periodMultiplier, nameof(periodMultiplier));
        InitialRate = initialRate;
        MinimumRate = minimumRate;
        FirstPeriod = firstPeriod;
        PeriodMultiplier = periodMultiplier;
    }

    /// <summary>α₀, the rate at the start of every cycle.</summary>
    public float InitialRate { get; }

    /// <summary>α_min, the floor the cosine descends towards in every cycle.</summary>
    public float MinimumRate { get; }

    /// <summary>T₀, the length of the first cycle.</summary>
    public int FirstPeriod { get; }

    /// <summary>T_mult, the factor by which each cycle is longer than the one before.</summary>
    public int PeriodMultiplier { get; }

    /// <inheritdoc/>
    public override float RateAt(long t)
    {
        ScheduleArguments.CheckTime(t);
        long position;   // t_cur
        double length;   // T_i
        if (PeriodMultiplier == 1)
        {
            position = t % FirstPeriod;
            length = FirstPeriod;
        }
        else
        {
            // Walk the cycles: at most 63 iterations, since each is at least twice the one before.
            long start = 0;
            long cycle = FirstPeriod;
            length = FirstPeriod;
            while (t - start >= cycle)
            {
                start += cycle;
                // Saturate instead of overflowing: a cycle that long is past every representable t.
                cycle = cycle > long.MaxValue / PeriodMultiplier ? long.MaxValue : cycle * PeriodMultiplier;
                length *= PeriodMultiplier;
            }

            position = t - start;
        }

        double min = MinimumRate;
        return (float)(min + 0.5 * (InitialRate - min) * (1.0 + Math.Cos(Math.PI * position / length)));
    }
}
