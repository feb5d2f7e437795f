using System;

namespace NetGen.Training;

/// <summary>
/// A linear warm-up of W time units before another schedule. With α₀ = <c>inner.RateAt(0)</c>:
/// α(t) = α₀·(t + 1)/W for 0 ≤ t &lt; W, and α(t) = <c>inner.RateAt(t − W)</c> for t ≥ W.
/// </summary>
/// <remarks>
/// The warm-up rises in W equal steps α₀/W, 2α₀/W, …, α₀ (the last one at t = W − 1), so it never
/// uses a rate of 0; the inner schedule then starts from its own t = 0 at t = W, which is again α₀.
/// The inner schedule's periods and step sizes therefore count from the end of the warm-up.
/// </remarks>
public sealed class LinearWarmupSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="warmupSteps">W, the warm-up length in the unit of t, at least 1.</param>
    /// <param name="inner">The schedule that follows the warm-up.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="warmupSteps"/> is less than 1.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    public LinearWarmupSchedule(int warmupSteps, LearningRateSchedule inner)
    {
        ScheduleArguments.CheckAtLeastOne(warmupSteps, nameof(warmupSteps));
        ArgumentNullException.ThrowIfNull(inner);
        WarmupSteps = warmupSteps;
        Inner = inner;
    }

    /// <summary>W, the warm-up length in the unit of t.</summary>
    public int WarmupSteps { get; }

    /// <summary>The schedule that follows the warm-up, shifted by <see cref="WarmupSteps"/>.</summary>
    public LearningRateSchedule Inner { get; }

    /// <inheritdoc/>
    public override float RateAt(long t)
    {
        ScheduleArguments.CheckTime(t);
        if (t >= WarmupSteps)
        {
            return Inner.RateAt(t - WarmupSteps);
        }

        return (float)((double)Inner.RateAt(0) * (t + 1) / WarmupSteps);
    }
}
