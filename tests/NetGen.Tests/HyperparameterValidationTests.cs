using System;
using NetGen.Tests.Optimizers;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The learning rate: a NaN, infinite, zero or negative rate is refused before it reaches a
/// parameter; a schedule that reaches zero writes a tiny positive floor instead.
/// (The other run-time hyperparameters: RuntimeHyperparameterTests.)
/// </summary>
public class HyperparameterValidationTests
{
    public static TheoryData<float, string> BadRates => new()
    {
        { float.NaN, "NaN" },
        { float.PositiveInfinity, "Infinity" },
        { float.NegativeInfinity, "-Infinity" },
        { -0.01f, "-0.01" },
        { -float.Epsilon, "-1E-45" },
        { 0f, "0" },
        { -0f, "-0" },
    };

    [Theory]
    [MemberData(nameof(BadRates))]
    public void ANonFiniteZeroOrNegativeLearningRateIsRefusedAndTheRateKept(float rate, string text)
    {
        foreach (ITrainableNetwork network in new ITrainableNetwork[] { new ReluTanhMse(), new AdamCustom(), new WideSgd() })
        {
            float before = network.LearningRate;
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => network.LearningRate = rate);
            Assert.Equal("value", error.ParamName);
            Assert.StartsWith(
                $"LearningRate must be a finite number greater than zero, but it is {text}; a NaN or infinite rate would write NaN into every parameter on the next step, a negative one would climb the loss, and zero would take steps that change nothing (stop training instead).",
                error.Message, StringComparison.Ordinal);
            Assert.Equal(before, network.LearningRate);
        }
    }

    [Fact]
    public void ARefusedRateLeavesTrainingAsItWas()
    {
        var network = new ReluTanhMse();
        var reference = new ReluTanhMse();
        float[] inputs = { 0.5f, -1, 2 };
        float[] targets = { 0.1f, 0.2f, -0.3f, 0.4f };
        Assert.Throws<ArgumentOutOfRangeException>(() => network.LearningRate = float.NaN);
        network.TrainBatch(inputs, targets, 1);
        reference.TrainBatch(inputs, targets, 1);
        Assert.Equal(reference.Parameters.ToArray(), network.Parameters.ToArray());
        Assert.All(network.Parameters.ToArray(), p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void AScheduleAtZeroWritesTheFloorWhichLeavesTheParametersUnchanged()
    {
        // Cosine(0.1, 0, 10) is 0 from t = 10 on; the network cannot take 0, so Apply writes the
        // smallest normal float, and a step at that rate changes no parameter of ordinary size.
        var network = new ReluTanhMse();
        float[] inputs = { 0.5f, -1, 2 }, targets = { 0.1f, 0.2f, -0.3f, 0.4f };
        network.TrainBatch(inputs, targets, 1); // biases leave 0 (a parameter at exactly 0 would move by ~1e-38)
        LearningRateSchedule schedule = LearningRateSchedule.Cosine(0.1f, 0f, 10);
        Assert.Equal(0f, schedule.RateAt(10));
        schedule.Apply(network, 10);
        Assert.Equal(LearningRateSchedule.MinimumNetworkRate, network.LearningRate);
        Assert.Equal(LearningRateSchedule.MinimumNetworkRate, MathF.Pow(2, -126));
        Assert.True(float.IsNormal(LearningRateSchedule.MinimumNetworkRate));
        float[] before = network.Parameters.ToArray();
        network.TrainBatch(inputs, targets, 1);
        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Equal(2, network.Step);
    }

    [Fact]
    public void AScheduleAtZeroFreezesAdamAsWell()
    {
        var network = new AdamCustom();
        float[] inputs = new float[AdamCustom.BatchSize * 3], targets = new float[AdamCustom.BatchSize * 2];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = 0.3f * i - 1f;
        }

        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = i % 2 == 0 ? 0.5f : -0.5f;
        }

        network.TrainBatch(inputs, targets, AdamCustom.BatchSize);
        LearningRateSchedule.Cosine(0.1f, 0f, 10).Apply(network, 12);
        float[] before = network.Parameters.ToArray();
        for (int i = 0; i < 5; i++)
        {
            network.TrainBatch(inputs, targets, AdamCustom.BatchSize);
        }

        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void ANonFiniteLossSaysWhenTheParametersWereAlreadyNotFinite()
    {
        var network = new ReluTanhMse();
        network.Parameters[4] = float.PositiveInfinity;
        network.Parameters[7] = float.NaN;
        var error = Assert.Throws<NonFiniteLossException>(() =>
            network.TrainBatch(new float[] { 0.5f, -1, 2 }, new float[] { 0.1f, 0.2f, -0.3f, 0.4f }, 1));
        Assert.Equal(
            $"The batch loss is NaN at optimizer step 0; the step was not applied, but 2 of the {ReluTanhMse.ParameterCount} parameters were already NaN or infinite before it "
            + "(the first at index 4): an earlier step diverged or they were set so. Lower the learning rate, or load parameters saved before the divergence.",
            error.Message);
    }
}
