using System;
using System.Globalization;

namespace NetGen.Training;

/// <summary>
/// A learning-rate schedule ("annealing"): the learning rate α as a function of a time t ≥ 0.
/// <see cref="Apply"/> writes it into <see cref="ITrainableNetwork.LearningRate"/>.
/// </summary>
/// <remarks>
/// <para>
/// t counts whatever the caller steps it by: epochs when <see cref="Apply"/> is called once at the
/// start of each epoch, or optimizer steps when it is called before every batch (then
/// <see cref="ITrainableNetwork.Step"/> is a natural t). Periods, step sizes and warm-up lengths are
/// in the same unit. The first epoch or step is t = 0.
/// </para>
/// <para>
/// Schedules are immutable and hold no per-network state, so one schedule can drive any number of
/// networks, from any thread. Every rate is computed in double and rounded to float once. The
/// formulas are in docs/schedules.md.
/// </para>
/// <para>
/// Derived classes must throw <see cref="ArgumentOutOfRangeException"/> from <see cref="RateAt"/>
/// for t &lt; 0, as the schedules here do.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var schedule = LearningRateSchedule.Cosine(initialRate: 0.1f, minimumRate: 0.001f, period: 60)
///                                    .WithLinearWarmup(5);
/// for (int epoch = 0; epoch &lt; 65; epoch++)
/// {
///     schedule.Apply(net, epoch);
///     // ... net.TrainBatch(...) for every minibatch of the epoch
/// }
/// </code>
/// </example>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate at time <paramref name="t"/>.</summary>
    /// <param name="t">The time, t ≥ 0: an epoch or optimizer-step index, as the caller chooses (the first is 0).</param>
    /// <returns>The learning rate α(t).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative.</exception>
    public abstract float RateAt(long t);

    /// <summary>Sets <paramref name="network"/>'s <see cref="ITrainableNetwork.LearningRate"/> to <see cref="RateAt"/>(<paramref name="t"/>).</summary>
    /// <remarks>
    /// <para>
    /// The schedules of this library always give a finite rate ≥ 0 (their arguments are checked when
    /// they are created). A derived schedule could return anything, so the rate is checked here
    /// before it is written: NaN would put NaN into every parameter on the next step, and a negative
    /// rate would train uphill.
    /// </para>
    /// <para>
    /// A network's learning rate must be greater than zero, but a schedule may reach 0 (a cosine with
    /// α_min = 0 after its period, a decay that underflows). Then <see cref="MinimumNetworkRate"/>
    /// (2⁻¹²⁶ ≈ 1.2e-38, the smallest normal float) is written instead: a step of that size leaves
    /// every parameter of ordinary magnitude (|θ| above about 1e-30) exactly as it was, so training
    /// is frozen as a rate of 0 would freeze it, while the optimizer's state goes on as it would at 0.
    /// </para>
    /// </remarks>
    /// <param name="network">The network whose optimizer the rate is for.</param>
    /// <param name="t">The time, t ≥ 0: an epoch or optimizer-step index, as the caller chooses (the first is 0).</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative; the network's rate is left unchanged.</exception>
    /// <exception cref="InvalidOperationException"><see cref="RateAt"/> returned NaN, an infinity or a negative rate; the network's rate is left unchanged.</exception>
    public void Apply(ITrainableNetwork network, long t)
    {
        ArgumentNullException.ThrowIfNull(network);
        float rate = RateAt(t);
        if (!(rate >= 0f && float.IsFinite(rate)))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{GetType().Name}.RateAt({t}) returned {rate}; a learning rate must be finite and not negative. The network's learning rate is unchanged ({network.LearningRate})."));
        }

        network.LearningRate = rate > 0f ? rate : MinimumNetworkRate;
    }

    /// <summary>
    /// The rate <see cref="Apply"/> writes when a schedule's rate is 0: 2⁻¹²⁶ ≈ 1.2e-38, the smallest
    /// positive normal float (a network refuses a rate of 0; a subnormal rate would slow the step on
    /// some processors).
    /// </summary>
    public const float MinimumNetworkRate = 1.17549435E-38f;

    /// <summary>This schedule preceded by a linear warm-up of <paramref name="warmupSteps"/> steps (see <see cref="LinearWarmupSchedule"/>).</summary>
    /// <param name="warmupSteps">The warm-up length W ≥ 1, in the unit of t.</param>
    /// <returns>α(t) = α₀·(t + 1)/W for t &lt; W, where α₀ is this schedule's rate at 0, then this schedule shifted by W.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="warmupSteps"/> is less than 1.</exception>
    public LinearWarmupSchedule WithLinearWarmup(int warmupSteps) => new(warmupSteps, this);

    /// <summary>A constant rate: α(t) = α₀ (see <see cref="ConstantSchedule"/>).</summary>
    /// <param name="rate">α₀, positive and finite.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not positive and finite.</exception>
    public static ConstantSchedule Constant(float rate) => new(rate);

    /// <summary>Step decay: α(t) = α₀·γ^⌊t / stepSize⌋ (see <see cref="StepDecaySchedule"/>).</summary>
    /// <param name="initialRate">α₀, positive and finite.</param>
    /// <param name="factor">γ, in (0, 1].</param>
    /// <param name="stepSize">The number of time units between decays, at least 1.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static StepDecaySchedule StepDecay(float initialRate, float factor, int stepSize) =>
        new(initialRate, factor, stepSize);

    /// <summary>Exponential decay: α(t) = α₀·γ^t (see <see cref="ExponentialDecaySchedule"/>).</summary>
    /// <param name="initialRate">α₀, positive and finite.</param>
    /// <param name="factor">γ, in (0, 1].</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static ExponentialDecaySchedule Exponential(float initialRate, float factor) =>
        new(initialRate, factor);

    /// <summary>
    /// Cosine annealing without restarts: α(t) = α_min + ½(α₀ − α_min)(1 + cos(π·t/T)) for t ≤ T,
    /// α_min after (see <see cref="CosineAnnealingSchedule"/>).
    /// </summary>
    /// <param name="initialRate">α₀, positive and finite.</param>
    /// <param name="minimumRate">α_min, in [0, α₀].</param>
    /// <param name="period">T, at least 1.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static CosineAnnealingSchedule Cosine(float initialRate, float minimumRate, int period) =>
        new(initialRate, minimumRate, period);

    /// <summary>
    /// Cosine annealing with warm restarts (SGDR): cycle i lasts T₀·T_mult^i and, at position t_cur in it,
    /// α = α_min + ½(α₀ − α_min)(1 + cos(π·t_cur/T_i)); each cycle starts again at α₀
    /// (see <see cref="CosineWarmRestartsSchedule"/>).
    /// </summary>
    /// <param name="initialRate">α₀, positive and finite.</param>
    /// <param name="minimumRate">α_min, in [0, α₀].</param>
    /// <param name="firstPeriod">T₀, the length of the first cycle, at least 1.</param>
    /// <param name="periodMultiplier">T_mult, the factor by which each cycle is longer than the one before, at least 1.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public static CosineWarmRestartsSchedule CosineWithWarmRestarts(float initialRate, float minimumRate, int firstPeriod, int periodMultiplier) =>
        new(initialRate, minimumRate, firstPeriod, periodMultiplier);
}
