using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// A custom activation's constant parameters (<c>static float F(float x, float beta = 1f)</c>, values from
/// the defaults or [Dense] Arguments), the short form <c>[Dense(n, nameof(F))]</c>, and the settings that
/// do not apply to a custom activation (docs/custom-functions.md).
/// </summary>
public class CustomActivationArgumentTests
{
    private static string Network(string members, string layer) => """
        using System;
        using NetGen;

        public static class Functions
        {
        """ + members + """

        }

        [Network(Inputs = 2)]
        """ + layer + """

        [Dense(1)]
        [Training(Loss.MeanSquaredError)]
        public partial class Net { }
        """;

    private const string Swish = "public static float Swish(float x, float beta) => x / (1f + MathF.Exp(-beta * x));";

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);

    private static string NetSource(GeneratorHarness.Result result) =>
        result.Sources.Single(s => s.HintName.Contains("Net.")).SourceText.ToString();

    private static void AssertCompiles(GeneratorHarness.Result result)
    {
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void AValueFromArgumentsIsAConstantOfTheHelpers()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(Network(Swish, "[Dense(3, typeof(Functions), nameof(Functions.Swish), Arguments = new[] { 1.5f })]"));
        AssertCompiles(result);
        string source = NetSource(result);
        Assert.Contains("private static float Functions_Swish_1p5(float x)", source);
        Assert.Contains("private static float Functions_Swish_1p5WithDerivative(float x, out float derivative)", source);
        Assert.Contains("= -(1.5f);", source);
        Assert.Contains("Dense(3, Functions.Swish(beta=1.5), Graph=", source);
    }

    [Fact]
    public void TwoBindingsAreTwoHelperPairsAndTheSameBindingOne()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(Network(Swish,
            "[Dense(3, typeof(Functions), nameof(Functions.Swish), Arguments = new[] { 1.5f })]\n" +
            "[Dense(3, typeof(Functions), nameof(Functions.Swish), Arguments = new[] { -0.25f })]\n" +
            "[Dense(3, typeof(Functions), nameof(Functions.Swish), Arguments = new[] { 1.5f })]"));
        AssertCompiles(result);
        string source = NetSource(result);
        Assert.Equal(1, Count(source, "private static float Functions_Swish_1p5(float x)"));
        Assert.Equal(1, Count(source, "private static float Functions_Swish_m0p25(float x)"));
        Assert.Contains("= -(-0.25f);", source);
    }

    [Fact]
    public void DefaultsFillTheParametersArgumentsLeaveOut()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(Network(
            "public static float Scaled(float x, float a = 1.7159f, float b = 2f / 3f) => a * MathF.Tanh(b * x);",
            "[Dense(3, typeof(Functions), nameof(Functions.Scaled), Arguments = new[] { 1f })]"));
        AssertCompiles(result);
        Assert.Contains("Dense(3, Functions.Scaled(a=1,b=0.6666667), Graph=", NetSource(result));
    }

    [Fact]
    public void AParameterWithNeitherValueNorDefaultIsNG0110OnTheAttribute()
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Network(Swish, "[[|Dense(3, typeof(Functions), nameof(Functions.Swish))|]]"));
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0110", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("parameter 'beta' has no value", Message(diagnostic));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.DoesNotContain(result.Sources, s => s.HintName.Contains("Net."));
    }

    [Theory]
    [InlineData("Arguments = new[] { 1f, 2f }", "gives 2 values, but Swish has 1 constant parameter(s) after x (beta)")]
    [InlineData("Arguments = new[] { float.NaN }", "Arguments[0], the value of 'beta', is float.NaN")]
    [InlineData("Arguments = new[] { float.NegativeInfinity }", "is float.NegativeInfinity")]
    public void WrongArgumentsAreNG0110OnArguments(string arguments, string messagePart)
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Network(Swish, "[Dense(3, typeof(Functions), nameof(Functions.Swish), [|" + arguments + "|])]"));
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0110", diagnostic.Id);
        Assert.Contains(messagePart, Message(diagnostic));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    [Fact]
    public void ArgumentsForAnActivationWithoutParametersAreNG0110()
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Network("public static float Id(float x) => x;",
            "[Dense(3, typeof(Functions), nameof(Functions.Id), [|Arguments = new[] { 1f }|])]"));
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0110", diagnostic.Id);
        Assert.Contains("has no parameter after x; remove Arguments", Message(diagnostic));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    [Fact]
    public void ANonFiniteDefaultIsNG0110OnTheParameter()
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Network(
            "public static float Swish(float x, float [|beta|] = float.PositiveInfinity) => x * beta;",
            "[Dense(3, typeof(Functions), nameof(Functions.Swish))]"));
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0110", diagnostic.Id);
        Assert.Contains("the default value of 'beta' is float.PositiveInfinity", Message(diagnostic));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    [Fact]
    public void AParameterThatIsNotAFloatIsNG0100InTheMethod()
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Network(
            "public static float [|Swish|](float x, double beta = 1) => x * (float)beta;",
            "[Dense(3, typeof(Functions), nameof(Functions.Swish))]"));
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0100", diagnostic.Id);
        Assert.Contains("parameter 'beta' is not a plain float", Message(diagnostic));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    [Fact]
    public void ArgumentsOnABuiltInActivationAreIgnoredWithNG0026()
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Network("", "[Dense(3, Activation.Tanh, [|Arguments = new[] { 1f }|])]"));
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0026", diagnostic.Id);
        Assert.Contains("Activation.Tanh has no constant parameters", Message(diagnostic));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    /// <summary>Alpha is a built-in's α: on a custom activation it was reported as "Activation.-1 does not use it".</summary>
    [Fact]
    public void AlphaOnACustomActivationIsIgnoredWithNG0026NamingIt()
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Network(Swish,
            "[Dense(3, typeof(Functions), nameof(Functions.Swish), Arguments = new[] { 1f }, [|Alpha = 0.5f|])]"));
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0026", diagnostic.Id);
        Assert.Contains("the custom activation Functions.Swish(beta=1) does not use it", Message(diagnostic));
        Assert.DoesNotContain("Activation.-1", Message(diagnostic));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    [Fact]
    public void CodeGenLanesOnACustomActivationIsRefusedNamingIt()
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Network(Swish,
            "[Dense(3, typeof(Functions), nameof(Functions.Swish), Arguments = new[] { 1f }, [|CodeGen = CodeGen.Lanes|])]"));
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0026", diagnostic.Id);
        Assert.Contains("layer 1 has a custom activation (Functions.Swish(beta=1)), which has no lanes form", Message(diagnostic));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }

    private static string ShortForm(string layer) => """
        using System;
        using NetGen;

        [Network(Inputs = 2)]
        """ + layer + """

        [Dense(4)]
        [Dense(4, Activation.ReLU)]
        [Dense(1, Activation.Identity)]
        [Training(Loss.MeanSquaredError)]
        public partial class Net
        {
            public static float Softsign(float x, float k = 1f) => x / (k + MathF.Abs(x));
        }
        """;

    /// <summary>The short form next to [Dense(n)] and [Dense(n, Activation.X)]: no call becomes ambiguous.</summary>
    [Fact]
    public void TheShortFormResolvesInTheNetworkClass()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(ShortForm("[Dense(3, nameof(Softsign), Arguments = new[] { 2f })]"));
        AssertCompiles(result);
        string source = NetSource(result);
        Assert.Matches(@"Dense\(3, Net\.Softsign\(k=2\), Graph=[0-9A-F]{8}\) > Dense\(4, Identity\) > Dense\(4, ReLU\) > Dense\(1, Identity\)", source);
        Assert.Contains("private static float Net_Softsign_2(float x)", source);
    }

    [Fact]
    public void AShortFormNameMissingFromTheNetworkClassIsNG0104OnTheName()
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(ShortForm("[Dense(3, [|\"Swish\"|])]"));
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0104", diagnostic.Id);
        Assert.Contains("Net has no method named 'Swish'", Message(diagnostic));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.DoesNotContain(result.Sources, s => s.HintName.Contains("Net."));
    }

    private static int Count(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, System.StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, System.StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
