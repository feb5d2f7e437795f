using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Every float the attributes take is a finite number (NG0025) in its range (NG0007), and every
/// setting the declared network does not use is a warning (NG0026) rather than silently ignored.
/// </summary>
public class HyperparameterDiagnosticTests
{
    private static Diagnostic Single(string source)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        return Assert.Single(result.GeneratorDiagnostics);
    }

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);

    [Fact]
    public void ANaNAlphaIsNG0025NotTheDefault()
    {
        Diagnostic diagnostic = Single("""
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(3, NetGen.Activation.LeakyReLU, Alpha = float.NaN)]
            [NetGen.Dense(1)]
            public partial class Net { }
            """);
        Assert.Equal("NG0025", diagnostic.Id);
        Assert.Equal(
            "Alpha of layer 1 is float.NaN, but it must be a finite number; give a finite value, or leave it out for the default",
            Message(diagnostic));
    }

    [Fact]
    public void AnInfiniteLearningRateIsNG0025()
    {
        Diagnostic diagnostic = Single("""
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(1)]
            [NetGen.Training(NetGen.Loss.MeanSquaredError, LearningRate = float.PositiveInfinity)]
            public partial class Net { }
            """);
        Assert.Equal("NG0025", diagnostic.Id);
        Assert.Equal(
            "LearningRate is float.PositiveInfinity, but it must be a finite number; give a finite value, or leave it out for the default",
            Message(diagnostic));
    }

    [Fact]
    public void MomentumWithAdamNamesTheOptimizersThatUseIt()
    {
        Diagnostic diagnostic = Single("""
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(1)]
            [NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.Adam, Momentum = 0.9f)]
            public partial class Net { }
            """);
        Assert.Equal("NG0026", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(
            "Momentum is ignored: Optimizer.Adam does not use it, only Optimizer.Momentum and Optimizer.Nesterov do; remove it, or choose one of those",
            Message(diagnostic));
    }

    [Fact]
    public void AlphaOnReLUNamesTheActivationsThatUseIt()
    {
        Diagnostic diagnostic = Single("""
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(3, NetGen.Activation.ReLU, Alpha = 0.2f)]
            [NetGen.Dense(1)]
            public partial class Net { }
            """);
        Assert.Equal("NG0026", diagnostic.Id);
        Assert.Equal(
            "Alpha of layer 1 is ignored: Activation.ReLU does not use it, only Activation.LeakyReLU, Activation.PReLU and Activation.ELU do; remove it, or choose one of those",
            Message(diagnostic));
    }

    [Fact]
    public void ThreadsWithoutTrainingIsIgnored()
    {
        Diagnostic diagnostic = Single("""
            [NetGen.Network(Inputs = 2, Threads = 4)]
            [NetGen.Dense(1)]
            public partial class Net { }
            """);
        Assert.Equal("NG0026", diagnostic.Id);
        Assert.Equal(
            "Threads is ignored: 'Net' has no [Training], and only training is split over threads (Predict runs on the caller's thread); remove it, or add [Training]",
            Message(diagnostic));
    }

    [Theory]
    [InlineData("Sgd", "LearningRate = 0.1f, WeightDecay = 0.01f")]
    [InlineData("Momentum", "LearningRate = 0.1f, Momentum = 0.8f, Nesterov = true, WeightDecay = 0.01f")]
    [InlineData("Nesterov", "LearningRate = 0.1f, Momentum = 0.8f, Nesterov = true")]
    [InlineData("RmsProp", "LearningRate = 0.1f, Rho = 0.8f, Epsilon = 1e-6f")]
    [InlineData("Adam", "LearningRate = 0.1f, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-6f, WeightDecay = 0.01f")]
    [InlineData("AdamW", "LearningRate = 0.1f, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-6f, WeightDecay = 0.01f")]
    [InlineData("AdaGrad", "LearningRate = 0.1f, Epsilon = 1e-6f")]
    [InlineData("AdaDelta", "LearningRate = 0.1f, Rho = 0.8f, Epsilon = 1e-6f")]
    public void EveryHyperparameterAnOptimizerUsesIsAccepted(string optimizer, string arguments)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run($$"""
            [NetGen.Network(Inputs = 2, Threads = 2)]
            [NetGen.Dense(3, NetGen.Activation.ELU, Alpha = 0.5f)]
            [NetGen.Dense(3, NetGen.Activation.LeakyReLU, Alpha = 0.1f)]
            [NetGen.Dense(1, NetGen.Activation.PReLU, Alpha = 0.3f)]
            [NetGen.Training(NetGen.Loss.Huber, NetGen.Optimizer.{{optimizer}}, HuberDelta = 0.5f, BatchSize = 4, {{arguments}})]
            public partial class Net { }
            """);
        NamingTests.AssertCompiles(result);
    }

    [Fact]
    public void EveryIgnoredHyperparameterIsReportedOnItsOwnArgument()
    {
        const string source = """
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(3, NetGen.Activation.Tanh, Alpha = 0.5f)]
            [NetGen.Dense(1)]
            [NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.Sgd, Momentum = 0.5f, Nesterov = true, Rho = 0.5f, Beta1 = 0.5f, Beta2 = 0.5f, Epsilon = 0.5f, HuberDelta = 0.5f)]
            public partial class Net { }
            """;
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal("NG0026", d.Id));
        Assert.Equal(
            new[] { "Alpha = 0.5f", "Momentum = 0.5f", "Nesterov = true", "Rho = 0.5f", "Beta1 = 0.5f", "Beta2 = 0.5f", "Epsilon = 0.5f", "HuberDelta = 0.5f" },
            result.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)));
        // Warnings only: the network is still generated and compiles.
        Assert.Empty(result.CompilationDiagnostics);
        Assert.Single(result.Sources);
    }

    [Fact]
    public void NesterovFalseWithOptimizerNesterovIsIgnored()
    {
        Diagnostic diagnostic = Single("""
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(1)]
            [NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.Nesterov, Nesterov = false)]
            public partial class Net { }
            """);
        Assert.Equal("NG0026", diagnostic.Id);
        Assert.Contains("Optimizer.Nesterov always uses Nesterov's look-ahead", Message(diagnostic), System.StringComparison.Ordinal);
    }

    [Fact]
    public void SeedAndInitAreIgnoredWhenTheParametersComeFromAWeightsFile()
    {
        var file = WeightsTests.Encoded("tiny.ngmf", WeightsTests.ModelFile("2 > Dense(1, Identity)", new float[] { 1, 2, 3 }));
        GeneratorHarness.Result result = GeneratorHarness.Run(System.Collections.Immutable.ImmutableArray.Create(file), """
            [NetGen.Network(Inputs = 2, Seed = 5, Weights = "tiny.ngmf")]
            [NetGen.Dense(1, Init = NetGen.Init.HeUniform)]
            public partial class Net { }
            """);
        Assert.Equal(
            new[]
            {
                "Seed is ignored: the parameters come from the weights file 'tiny.ngmf', not from the seeded initialisation; remove it, or remove Weights",
                "Init of layer 1 is ignored: the parameters come from the weights file 'tiny.ngmf', not from the seeded initialisation; remove it, or remove Weights",
            },
            result.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(Message));
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal("NG0026", d.Id));
        Assert.Empty(result.CompilationDiagnostics);
    }
}
