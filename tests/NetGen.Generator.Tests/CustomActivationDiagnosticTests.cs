using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// [Dense(units, typeof(T), nameof(T.F))]: a method that cannot be an activation is a diagnostic on
/// the exact syntax (the attribute's argument, or the method itself), and the network is not generated.
/// </summary>
public class CustomActivationDiagnosticTests
{
    private static string Network(string activation, string members) => """
        using System;
        using NetGen;

        public static class Functions
        {
        """ + members + """

        }

        [Network(Inputs = 2)]
        """ + "[Dense(3, typeof(Functions), " + activation + ")]" + """

        [Dense(1)]
        public partial class Net { }
        """;

    [Fact]
    public void AMissingMethodIsNG0104OnTheName()
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Network("[|\"Missing\"|]", "public static float Other(float x) => x;"));
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0104", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("has no method named 'Missing'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.DoesNotContain(result.Sources, s => s.HintName.Contains("Net."));
    }

    [Theory]
    [InlineData("NG0100", "public float [|Instance|](float x) => x;", "it must be static")]
    [InlineData("NG0100", "public static double [|Instance|](double x) => x;", "static float F(float x)")]
    [InlineData("NG0100", "public static float [|Instance|](float x, int y) => x;", "parameter 'y' is not a plain float")]
    [InlineData("NG0103", "public static float Instance(float x) => [|MathF.Round(x)|];", "neither a supported Math function")]
    [InlineData("NG0102", "private static float scale = 2f; public static float Instance(float x) => x * [|scale|];", "not a constant")]
    [InlineData("NG0101", "public static float Instance(float x) { float y = x; [|for (int i = 0; i < 2; i++) { y = y * x; }|] return y; }", "straight-line")]
    [InlineData("NG0101", "public static float Instance(float x) { [|Console.WriteLine(x);|] return x; }", "straight-line")]
    public void AMethodOutsideTheSubsetIsReportedInTheMethod(string id, string member, string messagePart)
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Network("nameof(Functions.Instance)", member));
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.DoesNotContain(result.Sources, s => s.HintName.Contains("Net."));
    }

    [Fact]
    public void AProblemInADifferentiatedMethodIsReportedOnce()
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup("""
            using System;
            using NetGen;

            public static partial class Functions
            {
                [Differentiate] public static float Rounded(float x) => [|MathF.Round(x)|];
            }

            [Network(Inputs = 2)]
            [Dense(3, typeof(Functions), nameof(Functions.Rounded))]
            [Dense(1)]
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
    public void AValidActivationGeneratesCodeThatCompiles()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(Network("nameof(Functions.Scaled)", "public static float Scaled(float x) => 1.7159f * MathF.Tanh(0.6667f * x);"));
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Contains(result.Sources, s => s.HintName.Contains("Net."));
    }
}
