using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>The exact generated source of a reference network, and properties of generated code.</summary>
public class GeneratedOutputTests
{
    /// <summary>The reference network of the snapshot: SPEC §1's example.</summary>
    private const string IrisNet = """
        using NetGen;

        namespace Demo;

        [Network(Inputs = 4, Seed = 7)]
        [Dense(16, Activation.Tanh)]
        [Dense(3, Activation.Softmax)]
        [Training(Loss.CrossEntropy, Optimizer.Sgd, LearningRate = 0.01f, BatchSize = 16)]
        public partial class IrisNet { }
        """;

    /// <summary>A declared input scaling (issue 20): the IInputScaled members and the scaling in Predict, PredictBatch and training.</summary>
    private const string ScaledNet = """
        using NetGen;

        namespace Demo;

        [Network(Inputs = 4, Seed = 7, InputScaling = InputScaling.Standardize)]
        [Dense(16, Activation.Tanh)]
        [Dense(3, Activation.Softmax)]
        [Training(Loss.CrossEntropy, Optimizer.Adam, BatchSize = 16)]
        public partial class ScaledNet { }
        """;

    /// <summary>PReLU (learned slopes), a loop layer, Huber and Adam: the other half of the emitter.</summary>
    private const string PReLUAdamNet = """
        using NetGen;

        namespace Demo;

        [Network(Inputs = 20, Seed = 3)]
        [Dense(16, Activation.PReLU)]
        [Dense(2, Activation.Identity)]
        [Training(Loss.Huber, Optimizer.Adam, LearningRate = 0.005f, HuberDelta = 0.5f, WeightDecay = 1e-4f, BatchSize = 8)]
        public partial class PReLUAdamNet { }
        """;

    /// <summary>Inference only, nested in a static class, a loop layer: no backward, no optimizer.</summary>
    private const string NestedInferenceNet = """
        namespace Demo
        {
            public static partial class Models
            {
                [NetGen.Network(Inputs = 24, Seed = 1)]
                [NetGen.Dense(12, NetGen.Activation.ReLU)]
                [NetGen.Dense(2, NetGen.Activation.Sigmoid)]
                internal partial class Detector { }
            }
        }
        """;

    /// <summary>Dropout and weight penalties: a SIMD and an unrolled dropout layer, L1/L2 on three layers, two threads.</summary>
    private const string RegularisedNet = """
        using NetGen;

        namespace Demo;

        [Network(Inputs = 20, Seed = 5, Threads = 2)]
        [Dense(24, Activation.ReLU, Dropout = 0.2f, L2 = 1e-4f)]
        [Dense(8, Activation.Tanh, Dropout = 0.1f, L1 = 1e-5f)]
        [Dense(3, Activation.Softmax, L2 = 1e-4f)]
        [Training(Loss.CrossEntropy, Optimizer.Adam, BatchSize = 16)]
        public partial class RegularisedNet { }
        """;

    /// <summary>A custom activation (docs/custom-functions.md): its f and f′ helpers, written from its graph, in an unrolled layer.</summary>
    private const string CustomActivationNet = """
        using System;
        using NetGen;

        public static class MyFunctions
        {
            public static float ScaledTanh(float x) => 1.7159f * MathF.Tanh(0.6667f * x);
        }

        [Network(Inputs = 2, Seed = 5)]
        [Dense(3, typeof(MyFunctions), nameof(MyFunctions.ScaledTanh))]
        [Dense(1)]
        [Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 4)]
        public partial class CustomActivationNet { }
        """;

    /// <summary>A custom loss (docs/custom-functions.md, "Custom loss"): its L and ∂L/∂prediction helpers, called per output by the Loss kernel; lanes fall back to rows for it.</summary>
    private const string CustomLossNet = """
        using NetGen;

        public static class MyLosses
        {
            public static float Pinball(float prediction, float target)
            {
                float e = target - prediction;
                return e >= 0f ? 0.9f * e : (0.9f - 1f) * e;
            }
        }

        [Network(Inputs = 2, Seed = 5)]
        [Dense(3, Activation.Tanh)]
        [Dense(1)]
        [Training(typeof(MyLosses), nameof(MyLosses.Pinball), Optimizer.Adam, BatchSize = 4)]
        public partial class CustomLossNet { }
        """;

    /// <summary>The MNIST shape: SIMD layers (shape structs, kernels, vectorised ReLU), vectorised Adam.</summary>
    private const string SimdMnistNet = """
        namespace Digits;

        [NetGen.Network(Inputs = 784, Seed = 3)]
        [NetGen.Dense(128, NetGen.Activation.ReLU)]
        [NetGen.Dense(10, NetGen.Activation.Softmax)]
        [NetGen.Training(NetGen.Loss.CrossEntropy, NetGen.Optimizer.Adam, LearningRate = 0.004f, BatchSize = 32)]
        public partial class MnistNet { }
        """;

    /// <summary>The lecture's computational graph, differentiated: one line per node, forward and reverse.</summary>
    private const string LectureGradient = """
        using System;

        namespace Seeds;

        public static partial class Lecture
        {
            [NetGen.Differentiate]
            public static double Y(double x)
            {
                double y1 = 3 * x;
                double y2 = y1 + 7;
                double y3 = Math.Pow(y2, 3);
                double y4 = Math.Log(y3);
                return Math.Sin(y4);
            }

            [NetGen.Differentiate]
            internal static double Branchy(double a, double b) => a > b ? Math.Sqrt(a) * Y(b) : Math.Max(a, -b) / 2;
        }
        """;

    [Fact]
    public void DifferentiatedSourceMatchesTheSnapshot()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(LectureGradient);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        string source = string.Join("\n", result.Sources.OrderBy(s => s.HintName, System.StringComparer.Ordinal).Select(s => s.SourceText.ToString()))
            .Replace($"NetGen {NetworkGenerator.Version}", "NetGen {version}")
            .Replace($"\"NetGen\", \"{NetworkGenerator.Version}\"", "\"NetGen\", \"{version}\"");
        Snapshot.Match(source, "LectureGradient.g.cs.txt");
    }

    [Theory]
    [InlineData(IrisNet, "IrisNet.g.cs.txt")]
    [InlineData(SimdMnistNet, "SimdMnistNet.g.cs.txt")]
    [InlineData(PReLUAdamNet, "PReLUAdamNet.g.cs.txt")]
    [InlineData(NestedInferenceNet, "NestedInferenceNet.g.cs.txt")]
    [InlineData(RegularisedNet, "RegularisedNet.g.cs.txt")]
    [InlineData(CustomActivationNet, "CustomActivationNet.g.cs.txt")]
    [InlineData(CustomLossNet, "CustomLossNet.g.cs.txt")]
    [InlineData(ScaledNet, "ScaledNet.g.cs.txt")]
    public void GeneratedSourceMatchesTheSnapshot(string declaration, string snapshot)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(declaration);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        string source = result.SingleSource.Replace($"NetGen {NetworkGenerator.Version}", "NetGen {version}")
            .Replace($"\"NetGen\", \"{NetworkGenerator.Version}\"", "\"NetGen\", \"{version}\"");
        Snapshot.Match(source, snapshot);
    }

    [Theory]
    [InlineData(IrisNet)]
    [InlineData("""
        namespace Deep.Space
        {
            public static partial class Outer
            {
                internal partial struct Middle
                {
                    [NetGen.Network(Inputs = 40, Seed = 1)]
                    [NetGen.Dense(30, NetGen.Activation.ReLU)]
                    [NetGen.Dense(20, NetGen.Activation.LeakyReLU, Alpha = 0.2f)]
                    [NetGen.Dense(10, NetGen.Activation.ELU)]
                    [NetGen.Dense(3, NetGen.Activation.Sigmoid)]
                    [NetGen.Training(NetGen.Loss.BinaryCrossEntropy, BatchSize = 3)]
                    private sealed partial class Net { }
                }
            }
        }
        """)]
    [InlineData("""
        [NetGen.Network(Inputs = 3)]
        [NetGen.Dense(2, NetGen.Activation.SoftPlus)]
        [NetGen.Dense(2, NetGen.Activation.ArcTan)]
        [NetGen.Dense(300, NetGen.Activation.BinaryStep)]
        class GlobalNamespaceInferenceNet { }
        """)]
    public void GeneratedCodeCompilesWithoutWarnings(string source)
    {
        if (!source.Contains("partial class GlobalNamespaceInferenceNet", System.StringComparison.Ordinal))
        {
            source = source.Replace("class GlobalNamespaceInferenceNet", "partial class GlobalNamespaceInferenceNet");
        }

        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Single(result.Sources);
        Assert.Empty(result.CompilationDiagnostics);
    }

    [Fact]
    public void LayersUpTo16x16AreFullyUnrolledAndLargerOnesUseSimd()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            [NetGen.Network(Inputs = 16)]
            [NetGen.Dense(16, NetGen.Activation.ReLU)]
            [NetGen.Dense(16, NetGen.Activation.Tanh)]
            [NetGen.Dense(16, NetGen.Activation.Sigmoid)]
            [NetGen.Dense(17, NetGen.Activation.Sigmoid)]
            [NetGen.Dense(4, NetGen.Activation.Softmax)]
            [NetGen.Training(NetGen.Loss.CrossEntropy)]
            public partial class Net { }
            """);
        Assert.Empty(result.CompilationDiagnostics);
        SyntaxNode root = CSharpSyntaxTree.ParseText(result.SingleSource).GetRoot();
        var kernels = root.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Where(m => m.Identifier.Text.StartsWith("Forward", System.StringComparison.Ordinal) || m.Identifier.Text.StartsWith("Backward", System.StringComparison.Ordinal))
            .ToDictionary(m => m.Identifier.Text);

        // Layers 1–3 are 16×16; layer 5 is 17×4 = 68 weights: all unrolled, no loop of any kind.
        foreach (string name in new[] { "Forward1", "Backward1", "Forward2", "Backward2", "Forward3", "Backward3", "Forward5", "Backward5" })
        {
            Assert.Empty(Loops(kernels[name]));
        }

        // Layer 3's backward multiplies by W3 and the constant index of every weight is written out.
        Assert.Contains("d15 * p[", kernels["Backward3"].ToString(), System.StringComparison.Ordinal);

        // Layer 4 is 16×17 = 272 weights > 256: the SIMD kernels, specialised by a shape struct of constants.
        Assert.Contains("DenseKernels.Forward<Layer4>", kernels["Forward4"].ToString(), System.StringComparison.Ordinal);
        Assert.Contains("DenseKernels.AccumulateGradients<Layer4>", kernels["Backward4"].ToString(), System.StringComparison.Ordinal);
        Assert.Contains("public static int Inputs => 16;", result.SingleSource, System.StringComparison.Ordinal);
        Assert.Contains("public static int Units => 17;", result.SingleSource, System.StringComparison.Ordinal);
    }

    [Fact]
    public void LoopLayersHaveConstantTripCounts()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            [NetGen.Network(Inputs = 16, CodeGen = NetGen.CodeGen.Loops)]
            [NetGen.Dense(17, NetGen.Activation.Sigmoid)]
            [NetGen.Dense(4, NetGen.Activation.Softmax)]
            [NetGen.Training(NetGen.Loss.CrossEntropy)]
            public partial class Net { }
            """);
        Assert.Empty(result.CompilationDiagnostics);
        SyntaxNode root = CSharpSyntaxTree.ParseText(result.SingleSource).GetRoot();
        MethodDeclarationSyntax forward = root.DescendantNodes().OfType<MethodDeclarationSyntax>().First(m => m.Identifier.Text == "Forward1");
        Assert.NotEmpty(Loops(forward));
        Assert.All(Loops(forward).OfType<ForStatementSyntax>(), loop =>
            Assert.IsType<LiteralExpressionSyntax>(((BinaryExpressionSyntax)loop.Condition!).Right));
    }

    private static System.Collections.Generic.IEnumerable<StatementSyntax> Loops(SyntaxNode method) =>
        method.DescendantNodes().OfType<StatementSyntax>()
            .Where(s => s is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax);

    [Fact]
    public void EveryFloatLiteralIsInvariantAndRoundTrips()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            [NetGen.Network(Inputs = 3, Seed = 9)]
            [NetGen.Dense(2, NetGen.Activation.LeakyReLU, Alpha = 0.1f)]
            [NetGen.Training(NetGen.Loss.Huber, LearningRate = 0.3f, HuberDelta = 1e-3f, BatchSize = 2)]
            public partial class Net { }
            """);
        string source = result.SingleSource;
        Assert.Contains("0.1f * z", source, System.StringComparison.Ordinal);
        Assert.Contains("__learningRate = 0.3f;", source, System.StringComparison.Ordinal);
        Assert.Contains("0.001f", source, System.StringComparison.Ordinal);
        Assert.DoesNotContain("0,1f", source, System.StringComparison.Ordinal);
    }

    [Fact]
    public void LiteralsParseBackToTheSameFloat()
    {
        foreach (float value in new[] { 0.01f, 0.1f, 1f / 3f, 1e-8f, 1e-10f, 3.4028235e38f, 1.17549435e-38f, 0.9f, 0.999f, 2f, 1.0954452f })
        {
            string literal = NetGen.Generator.Emit.Literals.Float(value);
            Assert.EndsWith("f", literal, System.StringComparison.Ordinal);
            Assert.Equal(value, float.Parse(literal.TrimEnd('f'), System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
