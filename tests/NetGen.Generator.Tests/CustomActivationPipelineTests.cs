using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// A custom activation lives in another file than the network: editing its body regenerates the
/// network; an unrelated edit leaves every step cached (the model holds the graph, not the symbol).
/// </summary>
public class CustomActivationPipelineTests
{
    private const string Network = """
        [NetGen.Network(Inputs = 4, Seed = 7)]
        [NetGen.Dense(8, typeof(Functions), nameof(Functions.Scaled))]
        [NetGen.Dense(3)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, BatchSize = 4)]
        public partial class Net { }
        """;

    private const string Functions = "public static class Functions { public static float Scaled(float x) => 1.7159f * System.MathF.Tanh(0.6667f * x); }";

    private static GeneratorRunResult Edit(string newFunctions, string other = "public class Other { }")
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(Network, Functions, "public class Other { }");
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        SyntaxTree functions = compilation.SyntaxTrees.ElementAt(1), unrelated = compilation.SyntaxTrees.ElementAt(2);
        CSharpCompilation edited = compilation
            .ReplaceSyntaxTree(functions, CSharpSyntaxTree.ParseText(newFunctions, GeneratorHarness.ParseOptions, functions.FilePath))
            .ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText(other, GeneratorHarness.ParseOptions, unrelated.FilePath));
        return driver.RunGenerators(edited).GetRunResult().Results[0]; // the network generator (the harness lists it first)
    }

    [Fact]
    public void EditingTheFunctionRegeneratesTheNetwork()
    {
        GeneratorRunResult result = Edit(Functions.Replace("1.7159f", "2f"));
        Assert.Contains(result.TrackedSteps[StepNames.Model].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("2f * t", result.GeneratedSources.Single().SourceText.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnrelatedEditRegeneratesNothing()
    {
        GeneratorRunResult result = Edit(Functions, "public class Other { public int X; }");
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }
}
