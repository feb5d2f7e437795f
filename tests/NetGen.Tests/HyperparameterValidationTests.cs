using System;
using NetGen.Tests.Optimizers;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The learning rate, the one hyperparameter that changes at run time: a NaN, infinite or negative
/// rate is refused before it reaches a parameter; zero (where a cosine schedule ends) is allowed.
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
    };

    [Theory]
    [MemberData(nameof(BadRates))]
    public void ANonFiniteOrNegativeLearningRateIsRefusedAndTheRateKept(float rate, string text)
    {
        foreach (ITrainableNetwork network in new ITrainableNetwork[] { new ReluTanhMse(), new AdamCustom(), new WideSgd() })
        {
            float before = network.LearningRate;
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => network.LearningRate = rate);
            Assert.Equal("value", error.ParamName);
            Assert.StartsWith(
                $"LearningRate must be a finite number, zero or positive, but it is {text}; a NaN or infinite rate would write NaN into every parameter on the next step, and a negative one would climb the loss.",
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
    public void ZeroIsAllowedAndLeavesSgdParametersUnchanged()
    {
        var network = new ReluTanhMse();
        float[] before = network.Parameters.ToArray();
        network.LearningRate = 0f;
        network.TrainBatch(new float[] { 0.5f, -1, 2 }, new float[] { 0.1f, 0.2f, -0.3f, 0.4f }, 1);
        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Equal(1, network.Step);
    }

    [Fact]
    public void ACosineScheduleMayEndAtZero()
    {
        var network = new AdamCustom();
        LearningRateSchedule schedule = LearningRateSchedule.Cosine(0.1f, 0f, 10);
        schedule.Apply(network, 10);
        Assert.Equal(0f, network.LearningRate);
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
