using System.IO;
using NetGen.Samples;
using Xunit;

namespace NetGen.Tests;

/// <summary>The samples, run exactly as the README's main command runs them, reach their targets.</summary>
public class SampleTrainingTests
{
    [Fact]
    public void XorReachesFullAccuracy()
    {
        SampleResult result = XorSample.Run(TextWriter.Null);
        Assert.Equal(1f, result.TrainAccuracy);
        Assert.True(result.FinalLoss < 0.01f, $"XOR loss {result.FinalLoss}");
    }

    [Fact]
    public void SinRegressionLossFallsBelowTheThreshold()
    {
        // A 1-16-1 tanh network after 200 epochs: mean squared error below 0.01 on the training
        // points and on 100 test points between them (sin x itself has variance 0.5).
        SampleResult result = SinSample.Run(TextWriter.Null);
        Assert.True(result.FinalLoss < 0.01f, $"training loss {result.FinalLoss}");
        Assert.True(result.TestMeanSquaredError < 0.01f, $"test mean squared error {result.TestMeanSquaredError}");
    }

    [Fact]
    public void IrisReachesNinetyThreePercentTestAccuracy()
    {
        SampleResult result = IrisSample.Run(TextWriter.Null);
        Assert.True(result.TestAccuracy >= 0.93f, $"test accuracy {result.TestAccuracy}");
        Assert.True(result.TrainAccuracy >= 0.93f, $"train accuracy {result.TrainAccuracy}");
    }

    [Fact]
    public void IrisDataIsTheFullDataSet()
    {
        (float[] features, float[] oneHot, int count) = IrisSample.Load();
        Assert.Equal(150, count);
        Assert.Equal(600, features.Length);
        Assert.Equal(new[] { 5.1f, 3.5f, 1.4f, 0.2f }, features[..4]);
        Assert.Equal(new[] { 0f, 0f, 1f }, oneHot[^3..]);
    }
}
