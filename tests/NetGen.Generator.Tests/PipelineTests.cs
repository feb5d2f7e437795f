using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>Incremental caching, robustness on broken source, and the mirrored enums.</summary>
public class PipelineTests
{
    private const string Network = """
        [NetGen.Network(Inputs = 4, Seed = 7)]
        [NetGen.Dense(8, NetGen.Activation.Tanh)]
        [NetGen.Dense(3, NetGen.Activation.Softmax)]
        [NetGen.Training(NetGen.Loss.CrossEntropy, BatchSize = 4)]
        public partial class Net { }
        """;

    [Fact]
    public void AnUnrelatedEditRegeneratesNothing()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(Network, "public class Other { }");
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);

        // Edit the other file: a new member in an unrelated class.
        SyntaxTree other = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(other, CSharpSyntaxTree.ParseText("public class Other { public int X; }", GeneratorHarness.ParseOptions, other.FilePath));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results[0]; // the network generator (the harness lists it first)

        foreach (string step in new[] { StepNames.Parse, StepNames.Model })
        {
            var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void CancellationIsHonoured()
    {
        using var cancelled = new System.Threading.CancellationTokenSource();
        cancelled.Cancel();
        CSharpCompilation compilation = GeneratorHarness.Compilation(Network);
        Assert.ThrowsAny<System.OperationCanceledException>(() => GeneratorHarness.Driver().RunGenerators(compilation, cancelled.Token));
    }

    [Fact]
    public void EditingTheNetworkRegeneratesIt()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(Network);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(Network.Replace("Dense(8", "Dense(9"), GeneratorHarness.ParseOptions, tree.FilePath));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results[0]; // the network generator (the harness lists it first)
        Assert.Contains(result.TrackedSteps[StepNames.Model].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("ParameterCount = 75", result.GeneratedSources.Single().SourceText.ToString(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[NetGen.Network(Inputs = 4)]\n[NetGen.Dense(16, NetGen.Activation.\npublic partial class Net { }")]
    [InlineData("[NetGen.Network(Inputs = \"four\")]\n[NetGen.Dense(3)]\npublic partial class Net { }")]
    [InlineData("[NetGen.Network(Inputs = 4)]\n[NetGen.Dense]\npublic partial class Net { }")]
    [InlineData("[NetGen.Network(Inputs = 4)]\n[NetGen.Dense(3, (NetGen.Activation)99)]\npublic partial class Net { }")]
    [InlineData("[NetGen.Network(Inputs = 4)]\n[NetGen.Dense(3)]\n[NetGen.Training((NetGen.Loss)42, (NetGen.Optimizer)42)]\npublic partial class Net { }")]
    [InlineData("[NetGen.Network(Inputs = 4)]\n[NetGen.Dense(3)]\n[NetGen.Training(LearningRate = 0.1)]\npublic partial class Net { }")]
    [InlineData("[NetGen.Network(Inputs = 4)]\n[NetGen.Dense(3)]\npublic partial class Net { public Net() { } }")]
    [InlineData("[NetGen.Network(Inputs = 4)]\n[NetGen.Dense(3)]\npublic partial class")]
    [InlineData("namespace N\n{\n[NetGen.Network(Inputs = 4)]\n[NetGen.Dense(33, NetGen.Activation.ReLU)]\npublic partial class\n")]
    [InlineData("[NetGen.Network(Inputs = 4)]\n[NetGen.Dense(3)]\npublic partial record Net { }")]
    [InlineData("[NetGen.Network(Inputs = 4)]\n[NetGen.Network(Inputs = 5)]\n[NetGen.Dense(3)]\npublic partial class Net { }")]
    public void BrokenSourceNeverCrashesTheGenerator(string source)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Assert.DoesNotContain(result.Output.GetDiagnostics(), d => d.Id is "CS8785" or "NG0000");
        Assert.All(result.Sources, generated =>
            Assert.DoesNotContain(result.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree == generated.SyntaxTree));
    }

    [Fact]
    public void ConstantsAndConditionalLayersFromOtherFilesAreHonoured()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(
            """
            [NetGen.Network(Inputs = Sizes.Inputs, Seed = Sizes.Inputs * 2)]
            #if NEVER
            [NetGen.Dense(100)]
            #endif
            [NetGen.Dense(Sizes.Hidden, NetGen.Activation.ReLU)]
            [NetGen.Dense(2)]
            public partial class Net { }
            """,
            "static class Sizes { public const int Inputs = 5; public const int Hidden = Inputs + 1; }");
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        string source = result.SingleSource;
        Assert.Contains("InputSize = 5;", source, System.StringComparison.Ordinal);
        Assert.Contains($"ParameterCount = {5 * 6 + 6 + 6 * 2 + 2};", source, System.StringComparison.Ordinal);
        Assert.Contains("new global::NetGen.SeededRandom(10)", source, System.StringComparison.Ordinal);
    }

    /// <summary>
    /// The generator compiles the runtime's enum files (NetGen.Generator.csproj links them): the same
    /// members and values by construction. This guards against a hand-written copy coming back.
    /// </summary>
    [Fact]
    public void TheGeneratorCompilesTheRuntimesEnums()
    {
        AssertMirrors<NetGen.Activation, NetGen.Generator.Model.Activation>();
        AssertMirrors<NetGen.Loss, NetGen.Generator.Model.Loss>();
        AssertMirrors<NetGen.Optimizer, NetGen.Generator.Model.Optimizer>();
        AssertMirrors<NetGen.Init, NetGen.Generator.Model.Init>();
        AssertMirrors<NetGen.CodeGen, NetGen.Generator.Model.CodeGen>();
    }

    private static void AssertMirrors<TRuntime, TGenerator>()
        where TRuntime : struct, System.Enum
        where TGenerator : struct, System.Enum
    {
        Assert.Equal(
            System.Enum.GetValues<TRuntime>().Select(v => (v.ToString(), System.Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture))),
            System.Enum.GetValues<TGenerator>().Select(v => (v.ToString(), System.Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture))));
    }
}

/// <summary>
/// Moving a declaration (blank lines above it) changes only where it is: nothing that feeds the emitted
/// source may hold a text span, location or file path, so the emission steps stay cached; the
/// diagnostics still point at the moved line.
/// </summary>
public class MovedDeclarationTests
{
    private const string Declarations = """
        namespace Demo;

        [NetGen.Network(Inputs = 2, Weights = "models/tiny.ngmf")]
        [NetGen.Dense(3, NetGen.Activation.Tanh)]
        [NetGen.Dense(1, NetGen.Activation.Sigmoid)]
        public partial class Tiny { }

        [NetGen.OnnxModel("net.onnx")]
        public partial class Imported { }
        """;

    private static ImmutableArray<AdditionalText> Files()
    {
        float[] parameters = Enumerable.Range(0, 2 * 3 + 3 + 3 + 1).Select(i => (i - 6) * 0.37f).ToArray();
        byte[] onnx = OnnxImportDiagnosticTests.Model(2, "y", OnnxImportDiagnosticTests.Weights,
            OnnxImportDiagnosticTests.Node("MatMul", "h", "x", "W"), OnnxImportDiagnosticTests.Node("Add", "z", "h", "b"),
            OnnxImportDiagnosticTests.Node("Tanh", "a", "z"), OnnxImportDiagnosticTests.Node("MatMul", "y", "a", "V"));
        return ImmutableArray.Create(
            WeightsTests.Encoded("models/tiny.ngmf", WeightsTests.ModelFile("2 > Dense(3, Tanh) > Dense(1, Sigmoid)", parameters)),
            OnnxImportDiagnosticTests.Encoded("net.onnx", onnx));
    }

    /// <summary>Runs the source, then the same source two lines lower; returns the second run.</summary>
    private static (GeneratorRunResult First, GeneratorRunResult Moved) RunAndMove(string source)
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(source);
        GeneratorDriver driver = GeneratorHarness.Driver().AddAdditionalTexts(Files()).RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results[0];
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        CSharpCompilation moved = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText("\n\n" + source, GeneratorHarness.ParseOptions, tree.FilePath));
        return (first, driver.RunGenerators(moved).GetRunResult().Results[0]); // the network generator (the harness lists it first)
    }

    [Fact]
    public void MovingWeightsAndOnnxClassesReEmitsNothing()
    {
        (GeneratorRunResult first, GeneratorRunResult moved) = RunAndMove(Declarations);
        Assert.Empty(first.Diagnostics);
        Assert.Equal(2, first.GeneratedSources.Length);
        Assert.Contains(first.GeneratedSources, s => s.SourceText.ToString().Contains("__EmbeddedWeights", System.StringComparison.Ordinal));

        foreach (string step in new[] { StepNames.Model, StepNames.Resolve, StepNames.OnnxResolve })
        {
            var reasons = moved.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        var outputs = moved.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output: {output.Reason}"));
        Assert.Empty(moved.Diagnostics);
    }

    [Fact]
    public void DiagnosticsOfMovedClassesPointAtTheirNewLines()
    {
        string broken = Declarations.Replace("models/tiny.ngmf", "models/missing.ngmf", System.StringComparison.Ordinal)
            .Replace("net.onnx", "missing.onnx", System.StringComparison.Ordinal)
            + "\n\n[NetGen.OnnxModel(\"net.onnx\")]\npublic struct Wrong { }\n";
        (GeneratorRunResult first, GeneratorRunResult moved) = RunAndMove(broken);

        static string Lines(GeneratorRunResult run) => string.Join(", ", run.Diagnostics
            .Select(d => $"{d.Id}@{d.Location.GetLineSpan().StartLinePosition.Line + 1}:{d.Location.GetLineSpan().StartLinePosition.Character + 1}")
            .OrderBy(s => s, System.StringComparer.Ordinal));

        // Lines are 1-based: Weights is on line 3, the ONNX path on line 8, the struct's name on line 12.
        Assert.Equal("NG0015@3:29, NG0020@8:19, NG0023@12:15", Lines(first));
        Assert.Equal("NG0015@5:29, NG0020@10:19, NG0023@14:15", Lines(moved));
        Assert.Empty(moved.GeneratedSources);
    }
}
