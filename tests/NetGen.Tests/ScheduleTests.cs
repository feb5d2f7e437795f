using System;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Learning-rate schedules (docs/schedules.md): each rate at chosen t against a value written by
/// hand from the documented formula, argument validation, and <see cref="LearningRateSchedule.Apply"/>
/// on a generated network.
/// </summary>
public class ScheduleTests
{
    // Schedules compute in double and round once to float: a relative error of 2^-24 ≈ 6e-8, plus
    // the float rounding of α₀ itself. 1e-6 relative leaves room for that and nothing more.
    private static void AssertRate(double expected, float actual) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-6 * Math.Abs(expected) + 1e-12,
            $"Expected {expected:R}, but the schedule gave {actual:R}.");

    // ---- Constant ----

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(1_000_000_000_000L)]
    public void ConstantIsTheSameAtEveryTime(long t) =>
        Assert.Equal(0.1f, LearningRateSchedule.Constant(0.1f).RateAt(t));

    // ---- Step decay: α₀·γ^⌊t/s⌋ ----

    [Theory]
    [InlineData(0L, 0.1)]
    [InlineData(9L, 0.1)]
    [InlineData(10L, 0.05)]
    [InlineData(19L, 0.05)]
    [InlineData(20L, 0.025)]
    [InlineData(25L, 0.025)]
    [InlineData(30L, 0.0125)]
    public void StepDecayHalvesEveryStepSize(long t, double expected) =>
        AssertRate(expected, LearningRateSchedule.StepDecay(0.1f, 0.5f, 10).RateAt(t));

    [Fact]
    public void StepDecayWithStepSizeOneDecaysEveryUnit()
    {
        var schedule = new StepDecaySchedule(1f, 0.5f, 1);
        AssertRate(1, schedule.RateAt(0));
        AssertRate(0.5, schedule.RateAt(1));
        AssertRate(0.0009765625, schedule.RateAt(10)); // 2^-10
    }

    // ---- Exponential decay: α₀·γ^t ----

    [Theory]
    [InlineData(0L, 0.2)]
    [InlineData(1L, 0.18)]
    [InlineData(3L, 0.1458)]               // 0.2 · 0.729
    [InlineData(10L, 0.06973568802)]       // 0.2 · 0.3486784401
    public void ExponentialMultipliesByTheFactorEveryUnit(long t, double expected) =>
        AssertRate(expected, LearningRateSchedule.Exponential(0.2f, 0.9f).RateAt(t));

    [Fact]
    public void DecayWithFactorOneIsConstant()
    {
        Assert.Equal(0.3f, LearningRateSchedule.Exponential(0.3f, 1f).RateAt(1000));
        Assert.Equal(0.3f, LearningRateSchedule.StepDecay(0.3f, 1f, 7).RateAt(1000));
    }

    // ---- Cosine annealing: α_min + ½(α₀ − α_min)(1 + cos(πt/T)), then α_min ----

    [Theory]
    [InlineData(0L, 0.1)]                           // cos 0 = 1: α₀
    [InlineData(25L, 0.0855017856687341)]           // 0.001 + 0.0495·(1 + √½) = 0.001 + 0.0495·1.7071067812
    [InlineData(50L, 0.0505)]                       // cos(π/2) = 0: the midpoint 0.001 + 0.0495
    [InlineData(75L, 0.0154982143312659)]           // 0.001 + 0.0495·(1 − √½) = 0.001 + 0.0495·0.2928932188
    [InlineData(100L, 0.001)]                       // cos π = −1: α_min
    [InlineData(105L, 0.001)]                       // past T: stays at α_min, no restart
    [InlineData(1_000_000L, 0.001)]
    public void CosineFallsFromTheInitialToTheMinimumRateOverThePeriod(long t, double expected) =>
        AssertRate(expected, LearningRateSchedule.Cosine(0.1f, 0.001f, 100).RateAt(t));

    [Fact]
    public void CosineWithAZeroMinimumReachesZero()
    {
        var schedule = LearningRateSchedule.Cosine(0.4f, 0f, 10);
        AssertRate(0.2, schedule.RateAt(5));
        Assert.Equal(0f, schedule.RateAt(10));
        Assert.Equal(0f, schedule.RateAt(11));
    }

    // ---- Cosine with warm restarts (SGDR) ----

    [Theory]
    [InlineData(0L, 1.0)]                           // cycle 0 starts: α₀
    [InlineData(5L, 0.5)]                           // t_cur = 5 of 10: cos(π/2) = 0
    [InlineData(9L, 0.02447174185242323)]           // t_cur = 9: ½(1 + cos(0.9π)) = ½(1 − 0.9510565163)
    [InlineData(10L, 1.0)]                          // cycle 1 starts: back to α₀
    [InlineData(15L, 0.5)]
    [InlineData(19L, 0.02447174185242323)]
    [InlineData(20L, 1.0)]                          // cycle 2
    [InlineData(1_000_000_005L, 0.5)]
    public void WarmRestartsWithMultiplierOneRepeatTheSameCycle(long t, double expected) =>
        AssertRate(expected, LearningRateSchedule.CosineWithWarmRestarts(1f, 0f, 10, 1).RateAt(t));

    [Theory]
    // T₀ = 4, T_mult = 2, α₀ = 1, α_min = 0.1: cycles [0, 4), [4, 12), [12, 28), [28, 60), [60, 124).
    // Inside a cycle, α = 0.1 + 0.45·(1 + cos(π·t_cur/T_i)).
    [InlineData(0L, 1.0)]                           // cycle 0 (T = 4), t_cur = 0
    [InlineData(2L, 0.55)]                          // t_cur = 2 of 4: cos(π/2) = 0
    [InlineData(3L, 0.23180194846605365)]           // t_cur = 3 of 4: 0.1 + 0.45·(1 − √½)
    [InlineData(4L, 1.0)]                           // cycle 1 (T = 8) starts
    [InlineData(8L, 0.55)]                          // t_cur = 4 of 8
    [InlineData(11L, 0.13425421036992097)]          // t_cur = 7 of 8: 0.1 + 0.45·(1 + cos(7π/8)) = 0.1 + 0.45·(1 − 0.9238795325)
    [InlineData(12L, 1.0)]                          // cycle 2 (T = 16) starts
    [InlineData(20L, 0.55)]                         // t_cur = 8 of 16
    [InlineData(27L, 0.10864662381854631)]          // t_cur = 15 of 16: 0.1 + 0.45·(1 + cos(15π/16)) = 0.1 + 0.45·(1 − 0.9807852804)
    [InlineData(28L, 1.0)]                          // cycle 3 (T = 32) starts
    [InlineData(44L, 0.55)]                         // t_cur = 16 of 32
    [InlineData(60L, 1.0)]                          // cycle 4 (T = 64) starts
    [InlineData(92L, 0.55)]                         // t_cur = 32 of 64
    public void WarmRestartsWithMultiplierTwoDoubleEveryCycle(long t, double expected) =>
        AssertRate(expected, LearningRateSchedule.CosineWithWarmRestarts(1f, 0.1f, 4, 2).RateAt(t));

    [Fact]
    public void WarmRestartsHandleTheLargestTimes()
    {
        var schedule = LearningRateSchedule.CosineWithWarmRestarts(1f, 0f, 1, 3);
        float rate = schedule.RateAt(long.MaxValue);
        Assert.True(rate >= 0f && rate <= 1f, $"rate {rate}");
        // Cycles of 1, 3, 9, 27: they start at t = 0, 1, 4, 13, 40.
        AssertRate(1.0, schedule.RateAt(1));
        AssertRate(0.75, schedule.RateAt(2));   // t_cur = 1 of 3: ½(1 + cos(π/3)) = ½·1.5
        AssertRate(0.25, schedule.RateAt(3));   // t_cur = 2 of 3: ½(1 + cos(2π/3)) = ½·0.5
        AssertRate(1.0, schedule.RateAt(4));
        AssertRate(1.0, schedule.RateAt(13));
        AssertRate(1.0, schedule.RateAt(40));
    }

    // ---- Linear warm-up: α₀·(t+1)/W for t < W, then inner(t − W) ----

    [Theory]
    // W = 5 before StepDecay(0.1, 0.5, 2), whose rate at 0 is 0.1.
    [InlineData(0L, 0.02)]                          // 0.1 · 1/5
    [InlineData(2L, 0.06)]                          // 0.1 · 3/5
    [InlineData(4L, 0.1)]                           // t = W − 1: 0.1 · 5/5
    [InlineData(5L, 0.1)]                           // t = W: inner(0)
    [InlineData(6L, 0.1)]                           // inner(1)
    [InlineData(7L, 0.05)]                          // inner(2) = 0.1 · 0.5
    [InlineData(8L, 0.05)]                          // t = W + 3: inner(3) = 0.1 · 0.5
    [InlineData(9L, 0.025)]                         // inner(4) = 0.1 · 0.25
    public void WarmupRisesLinearlyThenShiftsTheInnerSchedule(long t, double expected) =>
        AssertRate(expected, LearningRateSchedule.StepDecay(0.1f, 0.5f, 2).WithLinearWarmup(5).RateAt(t));

    [Fact]
    public void WarmupOfOneStepIsTheInnerScheduleShiftedByOne()
    {
        var schedule = LearningRateSchedule.Exponential(0.2f, 0.5f).WithLinearWarmup(1);
        AssertRate(0.2, schedule.RateAt(0));
        AssertRate(0.2, schedule.RateAt(1));
        AssertRate(0.1, schedule.RateAt(2));
    }

    [Fact]
    public void WarmupBeforeCosine()
    {
        // W = 4 before Cosine(0.08, 0, 10): warm-up 0.02, 0.04, 0.06, 0.08; then the cosine from t = 4.
        var schedule = new LinearWarmupSchedule(4, new CosineAnnealingSchedule(0.08f, 0f, 10));
        AssertRate(0.02, schedule.RateAt(0));
        AssertRate(0.06, schedule.RateAt(2));
        AssertRate(0.08, schedule.RateAt(3));
        AssertRate(0.08, schedule.RateAt(4));
        AssertRate(0.04, schedule.RateAt(9));   // inner(5): midpoint
        Assert.Equal(0f, schedule.RateAt(14));  // inner(10): α_min
        Assert.Equal(4, schedule.WarmupSteps);
        Assert.IsType<CosineAnnealingSchedule>(schedule.Inner);
    }

    // ---- Argument validation ----

    public static TheoryData<string, Func<LearningRateSchedule>> InvalidSchedules => new()
    {
        { "rate", () => LearningRateSchedule.Constant(0f) },
        { "rate", () => LearningRateSchedule.Constant(-0.1f) },
        { "rate", () => LearningRateSchedule.Constant(float.NaN) },
        { "rate", () => LearningRateSchedule.Constant(float.PositiveInfinity) },
        { "initialRate", () => LearningRateSchedule.StepDecay(0f, 0.5f, 10) },
        { "initialRate", () => LearningRateSchedule.StepDecay(float.NaN, 0.5f, 10) },
        { "factor", () => LearningRateSchedule.StepDecay(0.1f, 0f, 10) },
        { "factor", () => LearningRateSchedule.StepDecay(0.1f, 1.5f, 10) },
        { "factor", () => LearningRateSchedule.StepDecay(0.1f, -0.5f, 10) },
        { "factor", () => LearningRateSchedule.StepDecay(0.1f, float.NaN, 10) },
        { "stepSize", () => LearningRateSchedule.StepDecay(0.1f, 0.5f, 0) },
        { "stepSize", () => LearningRateSchedule.StepDecay(0.1f, 0.5f, -3) },
        { "initialRate", () => LearningRateSchedule.Exponential(float.NegativeInfinity, 0.9f) },
        { "factor", () => LearningRateSchedule.Exponential(0.1f, 1.0001f) },
        { "factor", () => LearningRateSchedule.Exponential(0.1f, float.PositiveInfinity) },
        { "initialRate", () => LearningRateSchedule.Cosine(-1f, 0f, 10) },
        { "minimumRate", () => LearningRateSchedule.Cosine(0.1f, -0.001f, 10) },
        { "minimumRate", () => LearningRateSchedule.Cosine(0.1f, 0.2f, 10) },
        { "minimumRate", () => LearningRateSchedule.Cosine(0.1f, float.NaN, 10) },
        { "period", () => LearningRateSchedule.Cosine(0.1f, 0f, 0) },
        { "initialRate", () => LearningRateSchedule.CosineWithWarmRestarts(float.NaN, 0f, 10, 1) },
        { "minimumRate", () => LearningRateSchedule.CosineWithWarmRestarts(0.1f, 0.5f, 10, 1) },
        { "firstPeriod", () => LearningRateSchedule.CosineWithWarmRestarts(0.1f, 0f, 0, 1) },
        { "periodMultiplier", () => LearningRateSchedule.CosineWithWarmRestarts(0.1f, 0f, 10, 0) },
        { "periodMultiplier", () => LearningRateSchedule.CosineWithWarmRestarts(0.1f, 0f, 10, -2) },
        { "warmupSteps", () => LearningRateSchedule.Constant(0.1f).WithLinearWarmup(0) },
        { "warmupSteps", () => new LinearWarmupSchedule(-1, new ConstantSchedule(0.1f)) },
    };

    [Theory]
    [MemberData(nameof(InvalidSchedules))]
    public void ConstructorsRejectArgumentsOutsideTheirRange(string paramName, Func<LearningRateSchedule> create)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => create());
        Assert.Equal(paramName, error.ParamName);
        Assert.StartsWith($"{paramName} must be ", error.Message);
        Assert.Contains("but it is", error.Message);
    }

    [Fact]
    public void MessagesStateTheRule()
    {
        Assert.Contains("positive and finite, but it is NaN",
            Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantSchedule(float.NaN)).Message);
        Assert.Contains("in (0, 1], but it is 1.5",
            Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecaySchedule(0.1f, 1.5f)).Message);
        Assert.Contains("between 0 and the initial rate (0.1), but it is 0.2",
            Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingSchedule(0.1f, 0.2f, 5)).Message);
        Assert.Contains("at least 1, but it is 0",
            Assert.Throws<ArgumentOutOfRangeException>(() => new CosineWarmRestartsSchedule(0.1f, 0f, 0, 2)).Message);
    }

    [Fact]
    public void WarmupRejectsANullInnerSchedule()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new LinearWarmupSchedule(3, null!));
        Assert.Equal("inner", error.ParamName);
    }

    [Fact]
    public void BoundaryArgumentsAreAccepted()
    {
        Assert.Equal(float.MaxValue, new ConstantSchedule(float.MaxValue).RateAt(0));
        Assert.Equal(float.Epsilon, new ConstantSchedule(float.Epsilon).RateAt(0));
        Assert.Equal(0.5f, new StepDecaySchedule(0.5f, 1f, 1).RateAt(3));
        Assert.Equal(0.5f, new CosineAnnealingSchedule(0.5f, 0.5f, 1).RateAt(0)); // α_min = α₀: constant
        Assert.Equal(0.5f, new CosineWarmRestartsSchedule(0.5f, 0f, 1, 1).RateAt(7)); // T₀ = 1: always at a cycle start
    }

    public static TheoryData<LearningRateSchedule> EverySchedule => new()
    {
        LearningRateSchedule.Constant(0.1f),
        LearningRateSchedule.StepDecay(0.1f, 0.5f, 10),
        LearningRateSchedule.Exponential(0.1f, 0.9f),
        LearningRateSchedule.Cosine(0.1f, 0f, 10),
        LearningRateSchedule.CosineWithWarmRestarts(0.1f, 0f, 10, 2),
        LearningRateSchedule.Constant(0.1f).WithLinearWarmup(3),
    };

    [Theory]
    [MemberData(nameof(EverySchedule))]
    public void EveryScheduleRejectsANegativeTime(LearningRateSchedule schedule)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => schedule.RateAt(-1));
        Assert.Equal("t", error.ParamName);
        Assert.Contains("t must be non-negative, but it is -1", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.RateAt(long.MinValue));
    }

    // ---- Apply on a generated network ----

    [Fact]
    public void ApplySetsTheNetworksLearningRate()
    {
        ITrainableNetwork network = new TanhIdentityMse();
        Assert.Equal(0.01f, network.LearningRate); // Sgd's default α

        var schedule = LearningRateSchedule.StepDecay(0.1f, 0.5f, 10);
        schedule.Apply(network, 0);
        Assert.Equal(0.1f, network.LearningRate);
        schedule.Apply(network, 25);
        Assert.Equal((float)(0.1f * 0.25), network.LearningRate);
        Assert.Equal(schedule.RateAt(25), network.LearningRate);
    }

    [Fact]
    public void ApplyIsWhatTheOptimizerUses()
    {
        // Two identical networks: one gets its rate from a schedule, the other by hand; one step each
        // must give identical parameters.
        var scheduled = new TanhIdentityMse();
        var manual = new TanhIdentityMse();
        float[] inputs = [0.5f, -1f, 2f];
        float[] targets = [1f, 0f, -1f, 0.5f];

        LearningRateSchedule.Exponential(0.2f, 0.5f).Apply(scheduled, 2);
        manual.LearningRate = 0.05f; // 0.2 · 0.5²
        scheduled.TrainBatch(inputs, targets, 1);
        manual.TrainBatch(inputs, targets, 1);

        Assert.Equal(manual.LearningRate, scheduled.LearningRate);
        Assert.Equal(manual.Parameters.ToArray(), scheduled.Parameters.ToArray());
    }

    [Fact]
    public void ApplyRejectsANullNetworkAndANegativeTime()
    {
        var schedule = LearningRateSchedule.Constant(0.3f);
        var error = Assert.Throws<ArgumentNullException>(() => schedule.Apply(null!, 0));
        Assert.Equal("network", error.ParamName);

        var network = new TanhIdentityMse();
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.Apply(network, -1));
        Assert.Equal(0.01f, network.LearningRate); // unchanged
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    [InlineData(-0.1f, "-0.1")]
    public void ApplyRefusesARateThatIsNotFiniteOrIsNegative(float rate, string text)
    {
        // A schedule written outside the library can return anything; Apply never writes a rate
        // that would put NaN into the parameters or train uphill.
        var network = new TanhIdentityMse();
        var error = Assert.Throws<InvalidOperationException>(() => new TrainerTests.BrokenSchedule(rate).Apply(network, 7));
        Assert.Equal(
            $"BrokenSchedule.RateAt(7) returned {text}; a learning rate must be finite and not negative. The network's learning rate is unchanged ({0.01f.ToString(System.Globalization.CultureInfo.InvariantCulture)}).",
            error.Message);
        Assert.Equal(0.01f, network.LearningRate);

        // Zero is a legal schedule rate (a cosine schedule with α_min = 0 reaches it); the network
        // cannot take 0, so Apply writes the smallest normal float, which changes no ordinary parameter.
        new TrainerTests.BrokenSchedule(0f).Apply(network, 7);
        Assert.Equal(LearningRateSchedule.MinimumNetworkRate, network.LearningRate);
    }

    [Fact]
    public void ApplyEveryEpochFollowsTheSchedule()
    {
        var network = new TanhIdentityMse();
        var schedule = LearningRateSchedule.CosineWithWarmRestarts(0.1f, 0f, 2, 1);
        double[] expected = [0.1, 0.05, 0.1, 0.05]; // cos 0 = 1, cos(π/2) = 0; restart every 2
        for (int epoch = 0; epoch < expected.Length; epoch++)
        {
            schedule.Apply(network, epoch);
            AssertRate(expected[epoch], network.LearningRate);
        }
    }
}
