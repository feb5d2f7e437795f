using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// A custom loss lives in another file than the network: editing its body regenerates the network;
/// an unrelated edit leaves every step cached (TrainingSpec holds the graph, not the symbol).
/// </summary>
public class CustomLossPipelineTests
{
    private const string Network = """
        [NetGen.Network(Inputs = 4, Seed = 7)]
        [NetGen.Dense(8, NetGen.Activation.Tanh)]
        [NetGen.Dense(3)]
        [NetGen.Training(typeof(Losses), nameof(Losses.Pinball), BatchSize = 4)]
        public partial class Net { }
        """;

    private const string Losses = "public static class Losses { public static float Pinball(float p, float t) => t - p >= 0f ? 0.9f * (t - p) : -0.1f * (t - p); }";

    private static GeneratorRunResult Edit(string newLosses, string other = "public class Other { }")
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(Network, Losses, "public class Other { }");
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        SyntaxTree losses = compilation.SyntaxTrees.ElementAt(1), unrelated = compilation.SyntaxTrees.ElementAt(2);
        CSharpCompilation edited = compilation
            .ReplaceSyntaxTree(losses, CSharpSyntaxTree.ParseText(newLosses, GeneratorHarness.ParseOptions, losses.FilePath))
            .ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText(other, GeneratorHarness.ParseOptions, unrelated.FilePath));
        return driver.RunGenerators(edited).GetRunResult().Results[0]; // the network generator (the harness lists it first)
    }

    [Fact]
    public void EditingTheLossRegeneratesTheNetwork()
    {
        GeneratorRunResult result = Edit(Losses.Replace("0.9f", "0.75f"));
        Assert.Contains(result.TrackedSteps[StepNames.Model].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("0.75f * t", result.GeneratedSources.Single().SourceText.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnrelatedEditRegeneratesNothing()
    {
        GeneratorRunResult result = Edit(Losses, "public class Other { public int X; }");
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }
}
