using System.IO;
using NetGen.Samples;
using Xunit;

namespace NetGen.Tests;

/// <summary>The samples, run exactly as the README's main command runs them, reach their targets.</summary>
public class SampleTrainingTests
{
    [Fact]
    public void TheLectureSamplePrintsTheLecturesTable()
    {
        var log = new StringWriter();
        (double y, double dydx) = LectureSample.Run(log);
        Assert.Equal(0.89436594845, y, 1e-10);
        Assert.Equal(-0.25162653354, dydx, 1e-10);
        string text = log.ToString();
        Assert.Contains("y4    ln y3              8.31776616672       -0.44733605963", text);
        Assert.Contains("y1    3x                 9.00000000000       -0.08387551118", text);
    }

    [Fact]
    public void XorReachesFullAccuracy()
    {
        SampleResult result = XorSample.Run(TextWriter.Null);
        Assert.Equal(1f, result.TrainAccuracy);
        Assert.True(result.FinalLoss < 0.01f, $"XOR loss {result.FinalLoss}");
    }

    [Fact]
    public void ClassWeightsRaiseTheRareRecallInTheImbalancedSample()
    {
        ImbalancedResult result = ImbalancedSample.Run(TextWriter.Null);
        Assert.True(result.RareRecallWithWeights >= 0.6f && result.RareRecallWithWeights >= result.RareRecallWithoutWeights + 0.3f,
            $"rare recall {result.RareRecallWithoutWeights} without weights, {result.RareRecallWithWeights} with");
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

    /// <summary>
    /// A custom smooth activation (a hand-written Swish, β = 1.5, differentiated by the generator) learns
    /// iris: the sample exactly as `-- custom-activation` runs it, seeded split, 30 held-out flowers.
    /// </summary>
    [Fact]
    public void TheCustomActivationSampleReachesNinetyPercentTestAccuracyOnIris()
    {
        SampleResult result = CustomActivationSample.Run(TextWriter.Null);
        Assert.True(result.TestAccuracy >= 0.9f, $"test accuracy {result.TestAccuracy}");
        Assert.True(result.TrainAccuracy >= 0.9f, $"train accuracy {result.TrainAccuracy}");
        Assert.Equal(result, CustomActivationSample.Run(TextWriter.Null));
    }

    /// <summary>
    /// A loss written in C# learns what it says: two networks trained with pinball losses of τ = 0.1 and
    /// 0.9 (the sample exactly as `-- quantile` runs it) put about 10 % and 90 % of 2,000 held-out targets
    /// below their predictions, and their interval widens where the noise does (it is 4× wider at x = 1.75
    /// than at x = 0.25). Measured: 12.2 %, 88.7 %, widths 0.334 and 1.199 (true 0.320 and 1.280).
    /// </summary>
    [Fact]
    public void TheQuantileSampleFindsTheTenthAndNinetiethPercentiles()
    {
        QuantileResult result = QuantileSample.Run(TextWriter.Null);
        Assert.InRange(result.Below10, 0.05f, 0.15f);
        Assert.InRange(result.Below90, 0.85f, 0.95f);
        Assert.InRange(result.Coverage, 0.7f, 0.9f);
        Assert.True(result.WidthNearTwo > 2.5f * result.WidthNearZero, $"widths {result.WidthNearZero} and {result.WidthNearTwo}");
        Assert.Equal(result, QuantileSample.Run(TextWriter.Null));
    }

    [Fact]
    public void MnistReachesNinetyFivePercentTestAccuracy()
    {
        // The sample exactly as `-- mnist` runs it: 10 epochs on the first 8,000 digits, tested on the
        // last 2,000 (about 10 s on a 2-core machine), then the regularised network the same way.
        SampleResult result = MnistSample.Run(TextWriter.Null);
        Assert.True(result.TestAccuracy >= 0.95f, $"test accuracy {result.TestAccuracy}");
        // Then the same network with dropout and L2 (as many epochs again): regularised, it still learns.
        Assert.True(result.RegularisedTestAccuracy >= 0.95f, $"test accuracy with dropout and L2 {result.RegularisedTestAccuracy}");
    }

    [Fact]
    public void SamplesWriteTheirCurveAndModel()
    {
        string folder = Path.Combine(Path.GetTempPath(), "netgen-sample-" + System.Guid.NewGuid().ToString("N"));
        try
        {
            string svg = Path.Combine(folder, "iris.svg");
            string model = Path.Combine(folder, "iris.ngm");
            SampleOptions options = SampleOptions.Parse(new[] { "iris", "--epochs", "5", "--svg", svg, "--save", model }, out string? error)!;
            Assert.Null(error);
            IrisSample.Run(TextWriter.Null, options);
            string chart = File.ReadAllText(svg);
            Assert.StartsWith("<svg", chart, System.StringComparison.Ordinal);
            Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(chart, "<polyline").Count); // loss, test loss, accuracy
            Assert.Equal(ScaledIrisNet.Architecture, NetGen.Models.ModelFile.ReadInfo(model).Architecture);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData(new[] { "--epochs" }, "--epochs needs")]
    [InlineData(new[] { "--epochs", "0" }, "--epochs needs")]
    [InlineData(new[] { "mnst" }, "Unknown sample 'mnst'")]
    [InlineData(new[] { "--fast" }, "Unknown option '--fast'")]
    [InlineData(new[] { "iris", "xor" }, "Only one sample")]
    public void BadCommandLinesAreExplained(string[] args, string message)
    {
        Assert.Null(SampleOptions.Parse(args, out string? error));
        Assert.Contains(message, error, System.StringComparison.Ordinal);
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
