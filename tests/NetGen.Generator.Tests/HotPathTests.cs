using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Every method a training step or a prediction runs is compiled fully optimised from its first call
/// (<c>MethodImplOptions.AggressiveOptimization</c>, written by <c>Emit/HotPath.cs</c>): without it, a
/// short training runs the JIT's unoptimised Tier-0 code (docs/benchmarks.md, "First call and short
/// trainings"). Structural only: no timing here.
/// </summary>
public class HotPathTests
{
    /// <summary>The methods of a step or a prediction, by name.</summary>
    private static readonly Regex HotName = new("^(Predict|PredictBatch|ComputeLossAndGradients|ApplyGradients|TrainBatch|__ComputeChunk|Forward[0-9]+|ForwardRows[0-9]+|Backward[0-9]+|Loss)$");

    public static TheoryData<string, string[]> Networks => new()
    {
        {
            // Unrolled layers (per sample), softmax + cross-entropy, SGD.
            """
            [NetGen.Network(Inputs = 4, Seed = 7, CodeGen = NetGen.CodeGen.Unrolled)]
            [NetGen.Dense(16, NetGen.Activation.Tanh)]
            [NetGen.Dense(3, NetGen.Activation.Softmax)]
            [NetGen.Training(NetGen.Loss.CrossEntropy, NetGen.Optimizer.Sgd, BatchSize = 16)]
            public partial class Unrolled { }
            """,
            new[] { "Predict", "PredictBatch", "ComputeLossAndGradients", "ApplyGradients", "TrainBatch", "Forward1", "ForwardRows1", "Backward1", "Forward2", "ForwardRows2", "Backward2", "Loss" }
        },
        {
            // The same network under Auto trains in lanes (one sample per vector lane): the passes' parts
            // are separate generic methods (the JIT's inlining budget), each optimised from its first call.
            """
            [NetGen.Network(Inputs = 4, Seed = 7)]
            [NetGen.Dense(16, NetGen.Activation.Tanh)]
            [NetGen.Dense(3, NetGen.Activation.Softmax)]
            [NetGen.Training(NetGen.Loss.CrossEntropy, NetGen.Optimizer.Sgd, BatchSize = 16)]
            public partial class Lanes { }
            """,
            new[] { "Predict", "PredictBatch", "ComputeLossAndGradients", "ApplyGradients", "TrainBatch", "Forward1", "ForwardRows1", "Forward2", "ForwardRows2", "Loss" }
        },
        {
            // SIMD layers, a vector activation struct of the catalog (GELU), Adam.
            """
            [NetGen.Network(Inputs = 784, Seed = 3)]
            [NetGen.Dense(128, NetGen.Activation.GELU)]
            [NetGen.Dense(10, NetGen.Activation.Softmax)]
            [NetGen.Training(NetGen.Loss.CrossEntropy, NetGen.Optimizer.Adam, BatchSize = 32)]
            public partial class Simd { }
            """,
            new[] { "Predict", "PredictBatch", "ComputeLossAndGradients", "ApplyGradients", "TrainBatch", "Forward1", "Backward1", "Forward2", "Backward2", "Loss" }
        },
        {
            // Loop layers, PReLU (learned α), Huber, two threads (the chunk method).
            """
            [NetGen.Network(Inputs = 20, Seed = 3, Threads = 2, CodeGen = NetGen.CodeGen.Loops)]
            [NetGen.Dense(16, NetGen.Activation.PReLU)]
            [NetGen.Dense(2, NetGen.Activation.Identity)]
            [NetGen.Training(NetGen.Loss.Huber, NetGen.Optimizer.Adam, BatchSize = 8)]
            public partial class LoopsThreaded { }
            """,
            new[] { "Predict", "PredictBatch", "ComputeLossAndGradients", "__ComputeChunk", "ApplyGradients", "TrainBatch", "Forward1", "ForwardRows1", "Backward1", "Forward2", "ForwardRows2", "Backward2", "Loss" }
        },
        {
            // Inference only: Predict and PredictBatch, no training members.
            """
            [NetGen.Network(Inputs = 24, Seed = 1)]
            [NetGen.Dense(12, NetGen.Activation.ReLU)]
            [NetGen.Dense(2, NetGen.Activation.Sigmoid)]
            internal partial class Inference { }
            """,
            new[] { "Predict", "PredictBatch", "Forward1", "Forward2", "ForwardRows2" }
        },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void EveryHotMethodIsOptimisedFromItsFirstCall(string declaration, string[] expected)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(declaration);
        Assert.Null(result.Exception);
        Assert.Empty(result.CompilationDiagnostics);
        List<MethodDeclarationSyntax> methods = CSharpSyntaxTree.ParseText(result.SingleSource).GetRoot()
            .DescendantNodes().OfType<MethodDeclarationSyntax>().ToList();

        List<string> hot = methods.Where(m => HotName.IsMatch(m.Identifier.Text)).Select(m => m.Identifier.Text).Distinct().ToList();
        Assert.Equal(expected.OrderBy(n => n, System.StringComparer.Ordinal), hot.OrderBy(n => n, System.StringComparer.Ordinal));

        // By name, and by shape: any method with a loop is either inlined into its caller or optimised
        // itself, so a new hot method added without the attribute fails here too.
        IEnumerable<MethodDeclarationSyntax> mustBeOptimised = methods.Where(m =>
            HotName.IsMatch(m.Identifier.Text) || (HasLoop(m) && !Has(m, "AggressiveInlining")));
        Assert.All(mustBeOptimised, m => Assert.True(Has(m, "AggressiveOptimization"), $"{m.Identifier.Text} has no [MethodImpl(MethodImplOptions.AggressiveOptimization)]"));

        // The vector forms of catalog activations run inside the runtime's Map/Scale loops.
        // Every generic method of the lanes passes (Run<TSimd, TVector> and the parts it calls) and the
        // moves in and out of lanes.
        Assert.All(
            methods.Where(m => m.Parent is TypeDeclarationSyntax { Identifier.Text: "LanesForward" or "LanesBackward" } || m.Identifier.Text.StartsWith("ToLanes", System.StringComparison.Ordinal) || m.Identifier.Text == "FromLanes"
                || (m.TypeParameterList is { Parameters.Count: 2 } && m.Identifier.Text != "Apply" && m.Parent is ClassDeclarationSyntax)),
            m => Assert.True(Has(m, "AggressiveOptimization"), $"{m.Identifier.Text} (lanes) has no [MethodImpl(MethodImplOptions.AggressiveOptimization)]"));

        Assert.All(
            methods.Where(m => m.Identifier.Text == "Apply" && m.TypeParameterList is not null),
            m => Assert.True(Has(m, "AggressiveOptimization"), $"{((TypeDeclarationSyntax)m.Parent!).Identifier.Text}.Apply<TSimd, TVector> is not optimised from its first call"));
    }

    private static bool HasLoop(MethodDeclarationSyntax method) =>
        method.DescendantNodes().Any(n => n is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForEachStatementSyntax);

    private static bool Has(MethodDeclarationSyntax method, string option) =>
        method.AttributeLists.SelectMany(l => l.Attributes).Any(a =>
            a.Name.ToString().EndsWith("MethodImpl", System.StringComparison.Ordinal)
            && a.ArgumentList is { } arguments
            && arguments.Arguments.Any(x => x.Expression.ToString().EndsWith("MethodImplOptions." + option, System.StringComparison.Ordinal)));
}
