using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Source mid-edit: a namespace, class or method without its name yet (the generator fuzz test's broken
/// syntax made <c>namespace" Fuzz20802</c>, seed 1, declaration 20,802). The compiler reports the syntax
/// error; the generators add nothing that does not compile (the [Network] generator used to write
/// <c>namespace ;</c> into '.Net.g.cs').
/// </summary>
public class MidEditTests
{
    private const string Network = "[NetGen.Network(Inputs = 2)]\n[NetGen.Dense(1)]\n[NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.Sgd)]\npublic partial class Net { }\n";
    private const string Differentiate = "public static partial class F\n{\n[NetGen.Differentiate]\npublic static double G(double x) => x * x;\n}\n";

    [Theory]
    [InlineData("namespace\" Models\n{\n" + Network + "}\n")]
    [InlineData("namespace A.\n{\n" + Network + "}\n")]
    [InlineData("namespace Models\n{\npublic partial class\n{\n" + Network + "}\n}\n")]
    [InlineData("namespace\" Models\n{\n" + Differentiate + "}\n")]
    [InlineData("namespace A.\n{\n" + Differentiate + "}\n")]
    [InlineData("namespace Models\n{\npublic static partial class\n{\n" + Differentiate + "}\n}\n")]
    public void SourceMidEditGetsNoGeneratedCodeThatDoesNotCompile(string source)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        var generatedTrees = result.Sources.Select(g => g.SyntaxTree).ToHashSet();
        Diagnostic[] inGenerated = result.Output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree))
            .ToArray();
        Assert.True(inGenerated.Length == 0, string.Join("; ", inGenerated.Take(3)));
        Assert.NotEmpty(result.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)); // the compiler's own syntax error
    }
}
