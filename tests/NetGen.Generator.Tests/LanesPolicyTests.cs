using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// When a network trains in lanes (one sample per vector lane): CodeGen.Auto chooses it for a trained
/// network whose layers all have at most 256 weights, none learns α and BatchSize ≥ 4; CodeGen.Lanes
/// asks for it (up to 1,024 weights a layer, NG0013 above), and takes effect only when every layer asks
/// for it or is small under Auto; otherwise those layers are unrolled.
/// </summary>
public class LanesPolicyTests
{
    private const string Lanes = "trained in lanes (one sample per vector lane), unrolled for one sample";

    private static string Generate(string network, string layers, string training = "[NetGen.Training(NetGen.Loss.CrossEntropy, BatchSize = 16)]")
    {
        GeneratorHarness.Result result = GeneratorHarness.Run($"{network}\n{layers}\n{training}\npublic partial class Net {{ }}");
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return result.SingleSource;
    }

    /// <summary>Weight penalties run after the lanes pass: a penalised network still trains in lanes.</summary>
    [Fact]
    public void PenaltiesKeepLanes()
    {
        string source = Generate("[NetGen.Network(Inputs = 4)]", "[NetGen.Dense(16, NetGen.Activation.Tanh, L2 = 1e-3f)]\n[NetGen.Dense(3, NetGen.Activation.Softmax, L1 = 1e-4f)]");
        Assert.Equal(2, CountOf(source, Lanes));
        Assert.Contains("WeightPenalty.Add(p.Slice(0, 64), g.Slice(0, 64), 0.0f, 0.001f); // W1", source, System.StringComparison.Ordinal);
    }

    private const string Small = "[NetGen.Dense(16, NetGen.Activation.Tanh)]\n[NetGen.Dense(3, NetGen.Activation.Softmax)]";

    [Fact]
    public void AutoTrainsASmallNetworkInLanes()
    {
        string source = Generate("[NetGen.Network(Inputs = 4)]", Small);
        Assert.Equal(2, CountOf(source, Lanes));
        Assert.Contains("LanesForward forward", source, System.StringComparison.Ordinal);
        Assert.DoesNotContain("public static void Backward1(", source, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[NetGen.Network(Inputs = 4)]", Small, "[NetGen.Training(NetGen.Loss.CrossEntropy, BatchSize = 3)]")] // a batch under a Vector128
    [InlineData("[NetGen.Network(Inputs = 4)]", Small, "")] // inference only
    [InlineData("[NetGen.Network(Inputs = 4)]", "[NetGen.Dense(16, NetGen.Activation.PReLU)]\n[NetGen.Dense(3, NetGen.Activation.Softmax)]", "[NetGen.Training(NetGen.Loss.CrossEntropy, BatchSize = 16)]")] // learned α
    [InlineData("[NetGen.Network(Inputs = 17)]", Small, "[NetGen.Training(NetGen.Loss.CrossEntropy, BatchSize = 16)]")] // 17 × 16 > 256: SIMD
    [InlineData("[NetGen.Network(Inputs = 4, CodeGen = NetGen.CodeGen.Unrolled)]", Small, "[NetGen.Training(NetGen.Loss.CrossEntropy, BatchSize = 16)]")]
    [InlineData("[NetGen.Network(Inputs = 4)]", "[NetGen.Dense(16, NetGen.Activation.Tanh, CodeGen = NetGen.CodeGen.Lanes)]\n[NetGen.Dense(3, NetGen.Activation.Softmax, CodeGen = NetGen.CodeGen.Simd)]", "[NetGen.Training(NetGen.Loss.CrossEntropy, BatchSize = 16)]")]
    [InlineData("[NetGen.Network(Inputs = 4)]", "[NetGen.Dense(16, NetGen.Activation.Tanh, Dropout = 0.2f)]\n[NetGen.Dense(3, NetGen.Activation.Softmax)]", "[NetGen.Training(NetGen.Loss.CrossEntropy, BatchSize = 16)]")] // dropout
    public void OtherwiseNoLayerIsInLanes(string network, string layers, string training)
    {
        string source = Generate(network, layers, training);
        Assert.Equal(0, CountOf(source, Lanes));
        Assert.DoesNotContain("LanesForward", source, System.StringComparison.Ordinal);
    }

    [Fact]
    public void ALayerThatAskedForLanesInANetworkThatCannotIsUnrolled()
    {
        string source = Generate("[NetGen.Network(Inputs = 4)]",
            "[NetGen.Dense(16, NetGen.Activation.Tanh, CodeGen = NetGen.CodeGen.Lanes)]\n[NetGen.Dense(3, NetGen.Activation.Softmax, CodeGen = NetGen.CodeGen.Simd)]");
        Assert.Contains("[4×16] Tanh; W1 at 0, b1 at 64; Glorot uniform ±√(6/(4+16)); unrolled", source, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[NetGen.Network(Inputs = 4)]", "[NetGen.Dense(16, NetGen.Activation.Tanh, CodeGen = NetGen.CodeGen.Lanes)]\n[NetGen.Dense(3, NetGen.Activation.Softmax, CodeGen = NetGen.CodeGen.Simd)]",
        "[NetGen.Training(NetGen.Loss.CrossEntropy, BatchSize = 16)]", "CodeGen.Lanes on layer 1 is ignored: lanes is the whole network's, and layer 2 is CodeGen.Simd; the layer is unrolled instead", "CodeGen = NetGen.CodeGen.Lanes")]
    [InlineData("[NetGen.Network(Inputs = 4, CodeGen = NetGen.CodeGen.Lanes)]", Small, "",
        "CodeGen.Lanes is ignored: only a trained network trains in lanes (Predict of a lanes layer is unrolled)", "CodeGen = NetGen.CodeGen.Lanes")]
    [InlineData("[NetGen.Network(Inputs = 4, CodeGen = NetGen.CodeGen.Lanes)]", "[NetGen.Dense(16, NetGen.Activation.PReLU)]\n[NetGen.Dense(3, NetGen.Activation.Softmax)]",
        "[NetGen.Training(NetGen.Loss.CrossEntropy, BatchSize = 16)]", "CodeGen.Lanes is ignored: layer 1 learns α (Activation.PReLU), which has no lanes form", "CodeGen = NetGen.CodeGen.Lanes")]
    [InlineData("[NetGen.Network(Inputs = 4, CodeGen = NetGen.CodeGen.Lanes)]", "[NetGen.Dense(16, NetGen.Activation.Tanh, Dropout = 0.2f)]\n[NetGen.Dense(3, NetGen.Activation.Softmax)]",
        "[NetGen.Training(NetGen.Loss.CrossEntropy, BatchSize = 16)]", "CodeGen.Lanes is ignored: layer 1 has Dropout, which has no lanes form", "CodeGen = NetGen.CodeGen.Lanes")]
    public void ALanesRequestThatCannotBeHonouredIsAWarningOnIt(string network, string layers, string training, string message, string at)
    {
        // Once, on the CodeGen argument that asked (not once per layer for a [Network]-level request).
        string source = $"{network}\n{layers}\n{training}\npublic partial class Net {{ }}";
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Diagnostic warning = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(("NG0026", DiagnosticSeverity.Warning), (warning.Id, warning.Severity));
        Assert.StartsWith(message, warning.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Equal(at, source.Substring(warning.Location.SourceSpan.Start, warning.Location.SourceSpan.Length));
        Assert.Equal(0, CountOf(result.SingleSource, Lanes));
    }

    [Fact]
    public void CodeGenLanesTrainsLargerLayersAndTinyBatchesInLanes()
    {
        Assert.Equal(2, CountOf(Generate("[NetGen.Network(Inputs = 32, CodeGen = NetGen.CodeGen.Lanes)]", "[NetGen.Dense(32, NetGen.Activation.ReLU)]\n[NetGen.Dense(3, NetGen.Activation.Softmax)]"), Lanes));
        Assert.Equal(2, CountOf(Generate("[NetGen.Network(Inputs = 4, CodeGen = NetGen.CodeGen.Lanes)]", Small, "[NetGen.Training(NetGen.Loss.CrossEntropy, BatchSize = 1)]"), Lanes));
    }

    [Fact]
    public void CodeGenLanesIsLimitedTo1024WeightsALayer()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("[NetGen.Network(Inputs = 33, CodeGen = NetGen.CodeGen.Lanes)]\n[NetGen.Dense(32)]\n[NetGen.Training(NetGen.Loss.MeanSquaredError)]\npublic partial class Net { }");
        Assert.Equal("NG0013", Assert.Single(result.GeneratorDiagnostics).Id);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, System.StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, System.StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
