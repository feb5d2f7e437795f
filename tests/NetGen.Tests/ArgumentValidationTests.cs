using System;
using Xunit;

namespace NetGen.Tests;

/// <summary>Wrong sizes at run time: exceptions that name the expected and actual sizes (SPEC §6).</summary>
public class ArgumentValidationTests
{
    [Fact]
    public void PredictRejectsAWrongInputLength()
    {
        var network = new ReluTanhMse();
        var error = Assert.Throws<ArgumentException>(() => network.Predict(new float[2], new float[4]));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("InputSize = 3", error.Message);
        Assert.Contains("but it is 2", error.Message);
    }

    [Fact]
    public void PredictRejectsAWrongOutputLength()
    {
        var network = new ReluTanhMse();
        var error = Assert.Throws<ArgumentException>(() => network.Predict(new float[3], new float[5]));
        Assert.Equal("output", error.ParamName);
        Assert.Contains("OutputSize = 4", error.Message);
        Assert.Contains("but it is 5", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(7)]
    public void ComputeLossAndGradientsRejectsACountOutsideTheBatchSize(int count)
    {
        var network = new ReluTanhMse(); // BatchSize 6
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            network.ComputeLossAndGradients(new float[18], new float[24], count));
        Assert.Equal("count", error.ParamName);
        Assert.Contains("between 1 and BatchSize (6)", error.Message);
        Assert.Contains($"it is {count}", error.Message);
    }

    [Fact]
    public void ComputeLossAndGradientsRejectsInputsThatDoNotMatchTheCount()
    {
        var network = new ReluTanhMse();
        var error = Assert.Throws<ArgumentException>(() => network.ComputeLossAndGradients(new float[10], new float[12], 3));
        Assert.Equal("inputs", error.ParamName);
        Assert.Contains("count (3) × InputSize (3) = 9", error.Message);
        Assert.Contains("but it is 10", error.Message);
    }

    [Fact]
    public void TrainBatchRejectsTargetsThatDoNotMatchTheCount()
    {
        var network = new ReluTanhMse();
        float[] before = network.Parameters.ToArray();
        var error = Assert.Throws<ArgumentException>(() => network.TrainBatch(new float[9], new float[11], 3));
        Assert.Equal("targets", error.ParamName);
        Assert.Contains("count (3) × OutputSize (4) = 12", error.Message);
        Assert.Contains("but it is 11", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Equal(0, network.Step);
    }

    [Fact]
    public void ANonFiniteLossStopsTheStepAndKeepsTheParameters()
    {
        var network = new ReluTanhSoftmaxCrossEntropy();
        float[] inputs = { 1, 2, float.NaN };
        float[] targets = { 1, 0, 0, 0 };
        network.TrainBatch(new float[] { 1, 2, 3 }, targets, 1);
        float[] before = network.Parameters.ToArray();
        var error = Assert.Throws<NonFiniteLossException>(() => network.TrainBatch(inputs, targets, 1));
        Assert.True(float.IsNaN(error.Loss));
        Assert.Equal(1, error.Step);
        Assert.Contains("step 1", error.Message);
        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Equal(1, network.Step);
    }
}
