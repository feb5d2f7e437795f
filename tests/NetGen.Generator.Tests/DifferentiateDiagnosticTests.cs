using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// [Differentiate]: every construct it does not support is a diagnostic on the exact syntax, and
/// nothing is generated for that method; what it supports generates code that compiles.
/// </summary>
public class DifferentiateDiagnosticTests
{
    private static string Wrap(string members) => """
        using System;
        using NetGen;

        public static partial class F
        {
        """ + members + """

            [Differentiate] public static double Ok(double x) => x * x;
            public static double Plain(double x) => x;
            public static int Counter;
            public static readonly double NotConstant = 2;
            [Differentiate] public static float Single(float x) => x;
        }
        """;

    [Theory]
    [InlineData("NG0100", "[Differentiate] public double [|Instance|](double x) => x;", "it must be static")]
    [InlineData("NG0100", "[Differentiate] public static double [|Generic|]<T>(double x) => x;", "it must not be generic")]
    [InlineData("NG0100", "[Differentiate] public static double [|NoParameters|]() => 1;", "at least one parameter")]
    [InlineData("NG0100", "[Differentiate] public static int [|Integer|](int x) => x;", "must return double or float")]
    [InlineData("NG0100", "[Differentiate] public static double [|Mixed|](double x, float y) => x;", "every parameter must be a plain double")]
    [InlineData("NG0100", "[Differentiate] public static double [|ByRef|](ref double x) => x;", "every parameter must be a plain double")]
    [InlineData("NG0101", "[Differentiate] public static double G(double x) { [|if (x > 0) return x;|] return -x; }", "an if statement")]
    [InlineData("NG0101", "[Differentiate] public static double G(double x) { double s = 0; [|for (int i = 0; i < 3; i++) s += x;|] return s; }", "a loop")]
    [InlineData("NG0101", "[Differentiate] public static double G(double x) { double s = x; [|s = s * 2;|] return s; }", "an assignment")]
    [InlineData("NG0101", "[Differentiate] public static double G(double x) { double [|s|]; return x; }", "a local without an initializer")]
    [InlineData("NG0101", "[Differentiate] public static double G(double x) { int [|n = 2|]; return x * n; }", "a local that is not a double")]
    [InlineData("NG0102", "[Differentiate] public static double G(double x) => x * [|Counter++|];", "Counter++")]
    [InlineData("NG0102", "[Differentiate] public static double G(double x) => x * [|NotConstant|];", "a field that is not a constant")]
    [InlineData("NG0102", "[Differentiate] public static double G(double x) => x * [|new[] { 1.0 }[0]|];", "an array or indexer access")]
    [InlineData("NG0102", "[Differentiate] public static double G(double x) => [|x > 0 == true|] ? x : -x;", "a condition other than a comparison")]
    [InlineData("NG0102", "[Differentiate] public static double G(double x) => x % [|2|] + [|x|];", "the operator '%'")]
    [InlineData("NG0103", "[Differentiate] public static double G(double x) => [|Math.Round(x)|];", "neither a supported Math function nor a [Differentiate] method")]
    [InlineData("NG0103", "[Differentiate] public static double G(double x) => [|Math.Log(x, 2)|];", "with 2 arguments (supported: 1)")]
    [InlineData("NG0103", "[Differentiate] public static double G(double x) => x * [|Plain(x)|];", "neither a supported Math function nor a [Differentiate] method")]
    [InlineData("NG0103", "[Differentiate] public static double G(double x) => x * [|Single((float)x)|];", "works on float, not double")]
    public void IsReportedOnTheExactSyntax(string id, string member, string messagePart)
    {
        if (member.Contains("x % [|2|]"))
        {
            // The whole '%' expression is the unsupported node.
            member = "[Differentiate] public static double G(double x) => [|x % 2|] + x;";
        }

        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Wrap(member));
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        // The other methods are still differentiated; the offending one is not.
        Assert.Contains(result.Sources, s => s.HintName.Contains("F.Ok."));
        Assert.DoesNotContain(result.Sources, s => s.HintName.Contains("F.G.") || s.HintName.Contains("F.Instance.") || s.HintName.Contains("F.Generic."));
    }

    [Fact]
    public void AContainingTypeThatIsNotPartialIsNG0100()
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup("""
            public static class Plain
            {
                [NetGen.Differentiate] public static double [|G|](double x) => x;
            }
            """);
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0100", diagnostic.Id);
        Assert.Contains("'Plain' must be partial", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    [Fact]
    public void SupportedMethodsCompileWithoutWarnings()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(Wrap("""
            [Differentiate] public static double All(double a, double b)
            {
                double u = Math.Sin(a) * Math.Cos(b) / Math.Tan(a + 1) - Math.Asin(a / 9) + Math.Acos(b / 9) * Math.Atan(a);
                double v = Math.Sinh(a) + Math.Cosh(b) - Math.Tanh(u) + Math.Exp(-a) * Math.Log(b) / Math.Log10(b + 1);
                double w = Math.Sqrt(b) + Math.Pow(a, 2.5) + Math.Pow(a, b) + Math.Abs(u) + Math.Min(a, b) + Math.Max(u, v);
                double c = a < b && !(u >= v) || a == 2 ? w : (double)(float)v;
                return +c - -u + Math.PI + Ok(w);
            }
            [Differentiate] public static float AllF(float a) => MathF.Sqrt(a) * MathF.Sin(a) + (a > 1f ? MathF.Pow(a, 2f) : MathF.Exp(a)) + Single(a);
            """));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        Assert.Equal(4, result.Sources.Count);
    }
}
