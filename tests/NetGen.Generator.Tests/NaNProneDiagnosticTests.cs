using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Autodiff;
using NetGen.Generator.Catalog.Activations;
using NetGen.Generator.Model;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// NG0105: an operation of a custom activation whose operand the graph does not show inside its
/// domain (interval analysis from x ∈ ℝ, narrowed by branch guards) is a warning on that call; the
/// network is still generated. Guarded or shifted forms, and the repository's activations, are silent.
/// </summary>
public class NaNProneDiagnosticTests
{
    private static string Network(string body, string extraMembers = "", int layers = 1) => """
        using System;
        using NetGen;

        public static partial class Functions
        {
            public static float F(float x)
        """ + body + extraMembers + """

        }

        [Network(Inputs = 2)]
        """ + string.Concat(Enumerable.Repeat("[Dense(3, typeof(Functions), nameof(Functions.F))]\n", layers)) + """
        [Dense(1)]
        public partial class Net { }
        """;

    [Theory]
    [InlineData("=> [|MathF.Log(x)|];", "'MathF.Log(x)' is NaN or infinite where 'x' is ≤ 0, which the function allows ('x' can be anywhere in (-∞, ∞)): guard it with a conditional, e.g. x > 0f ? MathF.Log(x) : 0f, or add a positive constant")]
    [InlineData("=> [|1f / x|];", "'1f / x' is infinite or NaN where 'x' is 0, which the function allows ('x' can be anywhere in (-∞, ∞))")]
    [InlineData("=> [|MathF.Sqrt(x)|];", "'MathF.Sqrt(x)' is NaN where 'x' is < 0")]
    [InlineData("=> [|MathF.Pow(x, 0.5f)|];", "'MathF.Pow(x, 0.5f)' is NaN (a power that may not be an integer) where 'x' is < 0")]
    [InlineData("=> [|MathF.Asin(x)|];", "'MathF.Asin(x)' is NaN where 'x' is outside [-1, 1]")]
    [InlineData("=> [|MathF.Sqrt(x * x)|];", "'MathF.Sqrt(x * x)' is finite but its derivative is infinite (the gradient is NaN) where 'x * x' is 0, which the function allows ('x * x' can be anywhere in [0, ∞)): add a positive constant, e.g. MathF.Sqrt(x * x + 1e-6f)")]
    [InlineData("=> x > 0f ? [|MathF.Log(-x)|] : 0f;", "('-x' can be anywhere in (-∞, 0))")]
    [InlineData("=> x > 0f ? 0f : [|MathF.Log10(x)|];", "('x' can be anywhere in (-∞, 0])")]
    [InlineData("=> [|MathF.Log(MathF.Exp(x) - 1f)|];", "('MathF.Exp(x) - 1f' can be anywhere in (-1, ∞))")]
    [InlineData("{ float y = MathF.Exp(x) - 2f; return [|MathF.Sqrt(y)|]; }", "('y' can be anywhere in (-2, ∞))")]
    public void ANaNProneOperationIsAWarningOnIt(string body, string message)
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Network(body));
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0105", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Contains(result.Sources, s => s.HintName.Contains("Net.")); // a warning: the network is generated
    }

    [Theory]
    [InlineData("=> MathF.Log(1f + MathF.Exp(x));")]
    [InlineData("=> x > 0f ? MathF.Log(x) : 0f;")]
    [InlineData("=> 0f < x ? MathF.Log(x) : 0f;")]
    [InlineData("=> !(x <= 0f) ? MathF.Log(x) : 0f;")]
    [InlineData("=> x > 1f && x < 2f ? MathF.Log(x - 1f) + MathF.Log(2f - x) : 0f;")]
    [InlineData("=> x <= 0f || x > 5f ? 0f : MathF.Log(x);")]
    [InlineData("=> MathF.Sqrt(x * x + 1e-6f);")]
    [InlineData("=> 1f / (1f + MathF.Exp(-x));")]
    [InlineData("=> MathF.Log(MathF.Abs(x) + 1f);")]
    [InlineData("=> MathF.Log10(1f + x * x);")]
    [InlineData("=> x * MathF.Tanh(MathF.Log(1f + MathF.Exp(x)));")]
    [InlineData("=> 1.7159f * MathF.Tanh(0.6667f * x);")]
    [InlineData("{ float magnitude = MathF.Abs(x); float clipped = magnitude <= 1f ? magnitude : 1f + MathF.Log(magnitude); return x < 0f ? -clipped : clipped; }")]
    [InlineData("=> MathF.Acos(0.5f * MathF.Tanh(x));")]
    [InlineData("=> MathF.Pow(x, 2f) + MathF.Pow(MathF.Exp(x), 0.5f) + MathF.Pow(1f + x * x, -1.5f);")]
    [InlineData("=> x * x >= 0f ? x : MathF.Log(x);")]
    [InlineData("=> MathF.Max(x, 0f) + MathF.Log(MathF.Max(x, 1f));")]
    [InlineData("=> x / MathF.Cosh(x) + x / MathF.Sqrt(1f + x * x);")]
    public void AGuardedOrShiftedOperationIsSilent(string body)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(Network(body));
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void AnActivationUsedByTwoLayersIsWarnedOnce()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(Network("=> MathF.Log(x);", layers: 2));
        Assert.Null(result.Exception);
        Assert.Equal("NG0105", Assert.Single(result.GeneratorDiagnostics).Id);
    }

    [Fact]
    public void AMethodThatIsBothTheActivationAndTheLossIsWarnedOnce()
    {
        // F is a layer's activation (c bound to its default) and the network's loss (x the prediction, c
        // the target): one NaN-prone MathF.Log(x), one warning, as for an activation two layers use.
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using System;
            using NetGen;

            public static class Functions
            {
                public static float F(float x, float c = 0f) => MathF.Log(x) + c;
            }

            [Network(Inputs = 2)]
            [Dense(3, typeof(Functions), nameof(Functions.F))]
            [Dense(1)]
            [Training(typeof(Functions), nameof(Functions.F))]
            public partial class Net { }
            """);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0105", diagnostic.Id);
        Assert.Contains("'MathF.Log(x)' is NaN or infinite where 'x' is ≤ 0", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void APlainDifferentiateMethodIsNotAnalysed()
    {
        // Its caller chooses the domain (a log-likelihood's x > 0): only an activation's x is known to be any real.
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using System;
            using NetGen;

            public static partial class Functions
            {
                [Differentiate] public static float LogOf(float x) => MathF.Log(x);
            }
            """);
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratorDiagnostics);
    }

    [Fact]
    public void AMethodThatIsAlsoDifferentiateIsWarnedAsAnActivation()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(Network("=> 1f / x;").Replace("public static float F", "[Differentiate] public static float F"));
        Assert.Null(result.Exception);
        Assert.Equal("NG0105", Assert.Single(result.GeneratorDiagnostics).Id);
    }

    [Fact]
    public void TheParametersRangesAreAnInput()
    {
        // Parameter x, then Log(x): a loss may declare its prediction positive.
        var graph = Graph(new DiffNode(DiffOp.Parameter, EquatableArray<int>.Empty, "x", "x", "", ""),
            new DiffNode(DiffOp.Log, new[] { 0 }.ToEquatableArray(), "t1", "MathF.Log(x)", "", ""));
        Assert.Empty(DomainAnalysis.Analyze(graph, new[] { Interval.Of(0, true, double.PositiveInfinity, true) }));
        DomainFinding finding = Assert.Single(DomainAnalysis.Analyze(graph, new[] { Interval.Of(0, false, 1, false) }));
        Assert.Equal(DomainProblem.LogOfNonPositive, finding.Problem);
        Assert.Equal("[0, 1]", finding.Range.ToString());
    }

    [Fact]
    public void ACallWhoseGraphIsMissingIsRefusedInTheOnnxRecipeNamingIt()
    {
        var graph = Graph(new DiffNode(DiffOp.Parameter, EquatableArray<int>.Empty, "x", "x", "", ""),
            new DiffNode(DiffOp.Call, new[] { 0 }.ToEquatableArray(), "t1", "Other(x)", "", "global::Functions.OtherGradient"));
        string recipe = new CustomActivationDefinition(new CustomActivation("Functions.F", "Functions_F", graph)).OnnxRecipe("0");
        Assert.Equal("!Functions.F: 'Other(x)' has no ONNX operator (the called method's graph is not available)", recipe);
    }

    [Fact]
    public void ARecursiveCallIsNG0103AndStopsTheNetwork()
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup("""
            using System;
            using NetGen;

            public static partial class Functions
            {
                [Differentiate] public static float A(float x) => x > 0f ? B(x) : x;
                [Differentiate] public static float B(float x) => [|A(x - 1f)|];
                public static float F(float x) => A(x);
            }

            [Network(Inputs = 2)]
            [Dense(3, typeof(Functions), nameof(Functions.F))]
            [Dense(1)]
            public partial class Net { }
            """);
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0103", diagnostic.Id);
        Assert.Contains("a recursive call (A → B → A)", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.DoesNotContain(result.Sources, s => s.HintName.Contains("Net."));
    }

    private static DiffSpec Graph(params DiffNode[] nodes) => new(
        null, EquatableArray<string>.Empty, "public", "F", "float", new[] { "x" }.ToEquatableArray(),
        nodes.ToEquatableArray(), EquatableArray<DiffLocal>.Empty, nodes.Length - 1, "Functions.F");
}
