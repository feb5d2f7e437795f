using System;
using System.Globalization;

namespace NetGen.Training;

/// <summary>
/// Reduce-on-plateau: multiply the learning rate by <see cref="Factor"/> when the monitored loss has
/// not improved for <see cref="Patience"/> epochs, as Keras' <c>ReduceLROnPlateau</c> does in mode
/// <c>'min'</c> with its absolute threshold (<c>min_delta</c>). Set it as
/// <see cref="TrainerOptions.ReduceOnPlateau"/>.
/// </summary>
/// <remarks>
/// <para>
/// The monitored loss is the validation loss when <c>Fit</c> is given validation rows, otherwise the
/// training loss (the one early stopping monitors). After every epoch, with the loss L of that epoch,
/// the best loss so far B (∞ at the start of <c>Fit</c>), a wait counter w and a cooldown counter c
/// (both 0 at the start):
/// </para>
/// <list type="number">
/// <item><description>if c &gt; 0: c ← c − 1 and w ← 0;</description></item>
/// <item><description>if L &lt; B − <see cref="MinImprovement"/> (an improvement): B ← L and w ← 0;</description></item>
/// <item><description>otherwise, if c = 0: w ← w + 1, and when w ≥ <see cref="Patience"/> and the
/// rate α &gt; <see cref="MinimumRate"/>: α ← max(α·<see cref="Factor"/>, <see cref="MinimumRate"/>),
/// c ← <see cref="Cooldown"/>, w ← 0.</description></item>
/// </list>
/// <para>
/// A new rate takes effect from the next epoch (<see cref="EpochResult.LearningRate"/> is the rate an
/// epoch used). The rule starts from the network's <see cref="ITrainableNetwork.LearningRate"/> when
/// <c>Fit</c> starts, and the network keeps the reduced rate after <c>Fit</c>. The counters start
/// afresh in every <c>Fit</c>; this object holds only the settings, so one instance can serve any
/// number of trainers. It cannot be combined with <see cref="TrainerOptions.Schedule"/> (a schedule
/// sets the rate every epoch, which would undo every reduction): setting both throws.
/// </para>
/// <para>
/// Every setter checks its value and throws <see cref="ArgumentOutOfRangeException"/> for one out of
/// range. The defaults are Keras': factor 0.1, patience 10, cooldown 0, minimum rate 0, minimum
/// improvement 1e-4.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var options = new TrainerOptions
/// {
///     Epochs = 200,
///     ReduceOnPlateau = new ReduceOnPlateau { Factor = 0.5f, Patience = 5, Cooldown = 2, MinimumRate = 1e-4f },
/// };
/// TrainingResult result = new Trainer(net, options).Fit(train, validation);
/// </code>
/// </example>
public sealed class ReduceOnPlateau
{
    private float _factor = 0.1f;
    private int _patience = 10;
    private int _cooldown;
    private float _minimumRate;
    private float _minImprovement = 1e-4f;

    /// <summary>The factor the rate is multiplied by at a reduction (Keras <c>factor</c>), in (0, 1). Default 0.1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 1).</exception>
    public float Factor
    {
        get => _factor;
        set => _factor = value > 0f && value < 1f
            ? value
            : throw OutOfRange(nameof(Factor), value, $"Factor must be in (0, 1) (the rate is multiplied by it), but it is {value}.");
    }

    /// <summary>The number of epochs without improvement after which the rate is reduced (Keras <c>patience</c>), at least 1. Default 10.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Patience
    {
        get => _patience;
        set => _patience = value >= 1
            ? value
            : throw OutOfRange(nameof(Patience), value, $"Patience must be at least 1, but it is {value}.");
    }

    /// <summary>
    /// The number of epochs after a reduction during which epochs without improvement are not counted
    /// (Keras <c>cooldown</c>), zero or more. Default 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int Cooldown
    {
        get => _cooldown;
        set => _cooldown = value >= 0
            ? value
            : throw OutOfRange(nameof(Cooldown), value, $"Cooldown must be zero or more, but it is {value}.");
    }

    /// <summary>The rate is never reduced below this (Keras <c>min_lr</c>); zero or positive, finite. Default 0; a network refuses a rate of 0, so the Trainer floors the reduced rate at <see cref="LearningRateSchedule.MinimumNetworkRate"/> (2⁻¹²⁶).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public float MinimumRate
    {
        get => _minimumRate;
        set => _minimumRate = value >= 0f && float.IsFinite(value)
            ? value
            : throw OutOfRange(nameof(MinimumRate), value, $"MinimumRate must be zero or positive and finite, but it is {value}.");
    }

    /// <summary>
    /// The smallest decrease of the monitored loss below the best so far that counts as an improvement
    /// (Keras <c>min_delta</c>; absolute, not relative to the loss); zero or positive, finite. Default 1e-4.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative, NaN or infinite.</exception>
    public float MinImprovement
    {
        get => _minImprovement;
        set => _minImprovement = value >= 0f && float.IsFinite(value)
            ? value
            : throw OutOfRange(nameof(MinImprovement), value, $"MinImprovement must be zero or positive and finite, but it is {value}.");
    }

    private static ArgumentOutOfRangeException OutOfRange(string name, object value, FormattableString message) =>
        new(name, value, message.ToString(CultureInfo.InvariantCulture));
}

/// <summary>The counters of <see cref="ReduceOnPlateau"/> during one <c>Fit</c> (the rule is in its remarks).</summary>
internal struct PlateauState
{
    private double _best;
    private int _wait;
    private int _cooldown;

    /// <summary>The state at the start of training: no best loss yet, both counters 0.</summary>
    public static PlateauState Start => new() { _best = double.PositiveInfinity };

    /// <summary>
    /// Takes the monitored loss of the epoch that ended and the rate it used; returns the rate for the
    /// next epoch (the same rate, or a reduced one).
    /// </summary>
    public float Next(ReduceOnPlateau rule, float loss, float rate)
    {
        if (_cooldown > 0)
        {
            _cooldown--;
            _wait = 0;
        }

        if (loss < _best - rule.MinImprovement)
        {
            _best = loss;
            _wait = 0;
        }
        else if (_cooldown == 0 && ++_wait >= rule.Patience && rate > rule.MinimumRate)
        {
            rate = (float)Math.Max((double)rate * rule.Factor, rule.MinimumRate);
            _cooldown = rule.Cooldown;
            _wait = 0;
        }

        return rate;
    }
}
