using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// [Training(typeof(T), nameof(T.L))]: a method that cannot be a loss is a diagnostic on the exact
/// syntax (the attribute's name argument, or the method itself), and the network is not generated.
/// </summary>
public class CustomLossDiagnosticTests
{
    private static string Network(string loss, string members, string settings = "") => """
        using System;
        using NetGen;

        public static class Losses
        {
        """ + members + """

        }

        [Network(Inputs = 2)]
        [Dense(3, Activation.Tanh)]
        [Dense(2)]
        """ + "[Training(typeof(Losses), " + loss + ", Optimizer.Adam" + settings + ")]" + """

        public partial class Net { }
        """;

    [Theory]
    [InlineData("public static float Other(float p, float t) => p - t;", "has no method named 'Missing'")]
    [InlineData("public static float Missing(float p, float t) => p - t; public static float Missing(float p) => p;", "has 2 methods named 'Missing' (a loss is one static float L(float prediction, float target))")]
    public void AMissingOrOverloadedMethodIsNG0104OnTheName(string members, string messagePart)
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Network("[|\"Missing\"|]", members));
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0104", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.StartsWith("The loss 'Losses.Missing' cannot be used: ", message);
        Assert.Contains(messagePart, message);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.DoesNotContain(result.Sources, s => s.HintName.Contains("Net."));
    }

    [Theory]
    [InlineData("NG0100", "public float [|Pinball|](float p, float t) => t - p;", "it must be static")]
    [InlineData("NG0100", "public static double [|Pinball|](double p, double t) => t - p;", "a loss must be a static float L(float prediction, float target)")]
    [InlineData("NG0100", "public static float [|Pinball|](float p) => p;", "a loss must be a static float L(float prediction, float target)")]
    [InlineData("NG0100", "public static float [|Pinball|](float p, float t, float tau) => p;", "a loss must be a static float L(float prediction, float target)")]
    [InlineData("NG0100", "public static float [|Pinball|](float p, int t) => p;", "every parameter must be a plain float")]
    [InlineData("NG0101", "public static float Pinball(float p, float t) { float s = 0f; [|for (int i = 0; i < 3; i++) { }|] return s; }", "a loop")]
    [InlineData("NG0103", "public static float Pinball(float p, float t) => [|MathF.Round(p - t)|];", "neither a supported Math function")]
    public void AMethodOutsideTheSubsetIsReportedInTheMethod(string id, string member, string messagePart)
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Network("nameof(Losses.Pinball)", member));
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(messagePart, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.DoesNotContain(result.Sources, s => s.HintName.Contains("Net."));
    }

    [Fact]
    public void AProblemInADifferentiatedMethodIsReportedOnce()
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup("""
            using System;
            using NetGen;

            public static partial class Losses
            {
                [Differentiate] public static float Rounded(float p, float t) => [|MathF.Round(p - t)|];
            }

            [Network(Inputs = 2)]
            [Dense(1)]
            [Training(typeof(Losses), nameof(Losses.Rounded))]
            public partial class Net { }
            """);
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0103", diagnostic.Id);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.DoesNotContain(result.Sources, s => s.HintName.Contains("Net."));
    }

    [Fact]
    public void ADifferentiatedMethodWithALossSignatureProblemGetsOnlyThatFromTheNetwork()
    {
        // [Differentiate] accepts double G(double p, double t); only the network says a loss must be float.
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup("""
            using NetGen;

            public static partial class Losses
            {
                [Differentiate] public static double [|Squared|](double p, double t) => (p - t) * (p - t);
            }

            [Network(Inputs = 2)]
            [Dense(1)]
            [Training(typeof(Losses), nameof(Losses.Squared))]
            public partial class Net { }
            """);
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0100", diagnostic.Id);
        Assert.Contains("a loss must be a static float L(float prediction, float target)", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    [Fact]
    public void HuberDeltaWithACustomLossIsIgnoredWithAWarning()
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Network("nameof(Losses.Pinball)",
            "public static float Pinball(float p, float t) => t - p >= 0f ? 0.9f * (t - p) : -0.1f * (t - p);", ", [|HuberDelta = 0.5f|]"));
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0026", diagnostic.Id);
        Assert.Contains("the custom loss Losses.Pinball does not use it", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    [Theory]
    [InlineData("[Dense(3, Activation.Tanh)]\n[Dense(2)]")]
    [InlineData("[Dense(3, Activation.Tanh)]\n[Dense(2, Activation.Softmax)]")]
    [InlineData("[Dense(40, Activation.Tanh)]\n[Dense(10, Activation.Sigmoid)]")]
    public void AValidLossGeneratesCodeThatCompilesWithAnyOutput(string layers)
    {
        string source = Network("nameof(Losses.Pinball)", """
            public static float Pinball(float prediction, float target)
            {
                float e = target - prediction;
                return e >= 0f ? 0.9f * e : (0.9f - 1f) * e;
            }
            """).Replace("[Dense(3, Activation.Tanh)]\n[Dense(2)]", layers);
        Assert.Contains(layers, source);
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string generated = Assert.Single(result.Sources, s => s.HintName.Contains("Net.")).SourceText.ToString();
        Assert.Contains("private static float Losses_PinballDerivative(float prediction, float target)", generated);
        Assert.Contains("(global::NetGen.Loss)(-1)", generated);
        Assert.DoesNotContain("d_target", generated); // differentiated with respect to the prediction only
    }

    [Fact]
    public void ALossThatIgnoresThePredictionCompilesWithAZeroDerivative()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(Network("nameof(Losses.Constant)", "public static float Constant(float prediction, float target) => target * target;"));
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        string generated = Assert.Single(result.Sources, s => s.HintName.Contains("Net.")).SourceText.ToString();
        Assert.Contains("return 0; // Losses.Constant does not depend on prediction", generated);
    }
}
