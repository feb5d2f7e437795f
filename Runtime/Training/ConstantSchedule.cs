namespace NetGen.Training;

/// <summary>A constant learning rate: α(t) = α₀ for every t ≥ 0.</summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="rate">α₀, positive and finite.</param>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="rate"/> is not positive and finite.</exception>
    public ConstantSchedule(float rate)
    {
        ScheduleArguments.CheckRate(rate, nameof(rate));
        Rate = rate;
    }

    /// <summary>α₀.</summary>
    public float Rate { get; }

    /// <inheritdoc/>
    public override float RateAt(long t)
    {
        ScheduleArguments.CheckTime(t);
        return Rate;
    }
}
