using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NetGen.CodeFixes;
using NetGen.Generator.Catalog.Losses;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// The code fixes that rewrite NetGen's attributes (docs/ide.md): NG0006 (loss ↔ output activation),
/// NG0005 (Softmax on a hidden layer), NG0026 (an ignored setting). Each case: the exact fixed text through
/// the Roslyn code-fix test framework (single fix and Fix All in document, project and solution scope;
/// <see cref="NetGenCodeFixTest{TCodeFix}"/>), which also requires the fixed source to generate and compile
/// with no diagnostic; and which fixes are offered, so that no fix is offered whose result would not build clean.
/// </summary>
public sealed class AttributeCodeFixTests
{
    private const string Header = "using NetGen;\n\n";

    // ---- NG0006: the loss does not fit the output activation ----

    [Theory]
    [InlineData("Activation.Tanh")]
    [InlineData("Activation.Sigmoid")]
    [InlineData("Activation.LogSoftmax")]
    [InlineData("Activation.Identity")]
    public async Task NG0006CrossEntropyGetsASoftmaxOutput(string activation)
    {
        await NetGenCodeFixTest<LossActivationCodeFix>.VerifyAsync(
            Header + $$"""
            [Network(Inputs = 4)]
            [Dense(8, Activation.ReLU)]
            [Dense(3, {{activation}})]
            [Training({|NG0006:Loss.CrossEntropy|}, Optimizer.Adam)]
            public partial class Net { }
            """,
            Header + """
            [Network(Inputs = 4)]
            [Dense(8, Activation.ReLU)]
            [Dense(3, Activation.Softmax)]
            [Training(Loss.CrossEntropy, Optimizer.Adam)]
            public partial class Net { }
            """,
            LossActivationCodeFix.UseActivationKey,
            "Use Activation.Softmax on the output layer (Loss.CrossEntropy needs it)");
    }

    [Fact]
    public async Task NG0006BinaryCrossEntropyAddsSigmoidToAnOutputWithoutActivationFullyQualifiedWithoutUsing()
    {
        await NetGenCodeFixTest<LossActivationCodeFix>.VerifyAsync(
            """
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(4, NetGen.Activation.Tanh)]
            [NetGen.Dense(1)]
            [NetGen.Training({|NG0006:NetGen.Loss.BinaryCrossEntropy|})]
            public partial class Net { }
            """,
            """
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(4, NetGen.Activation.Tanh)]
            [NetGen.Dense(1, NetGen.Activation.Sigmoid)]
            [NetGen.Training(NetGen.Loss.BinaryCrossEntropy)]
            public partial class Net { }
            """,
            LossActivationCodeFix.UseActivationKey,
            "Use Activation.Sigmoid on the output layer (Loss.BinaryCrossEntropy needs it)");
    }

    [Fact]
    public async Task NG0006TheNewOutputActivationDropsAlpha()
    {
        await NetGenCodeFixTest<LossActivationCodeFix>.VerifyAsync(
            Header + """
            [Network(Inputs = 2)]
            [Dense(3, Activation.LeakyReLU, Alpha = 0.1f)]
            [Training({|NG0006:Loss.CrossEntropy|})]
            public partial class Net { }
            """,
            Header + """
            [Network(Inputs = 2)]
            [Dense(3, Activation.Softmax)]
            [Training(Loss.CrossEntropy)]
            public partial class Net { }
            """,
            LossActivationCodeFix.UseActivationKey,
            "Use Activation.Softmax on the output layer (Loss.CrossEntropy needs it)");
    }

    [Fact]
    public async Task NG0006ACustomOutputActivationIsReplacedWithItsArguments()
    {
        await NetGenCodeFixTest<LossActivationCodeFix>.VerifyAsync(
            Header + """
            [Network(Inputs = 2)]
            [Dense(3, typeof(Functions), nameof(Functions.Scaled), Arguments = new[] { 2f })]
            [Training({|NG0006:Loss.CrossEntropy|})]
            public partial class Net { }

            public static class Functions
            {
                public static float Scaled(float x, float k) => k * x;
            }
            """,
            Header + """
            [Network(Inputs = 2)]
            [Dense(3, Activation.Softmax)]
            [Training(Loss.CrossEntropy)]
            public partial class Net { }

            public static class Functions
            {
                public static float Scaled(float x, float k) => k * x;
            }
            """,
            LossActivationCodeFix.UseActivationKey,
            "Use Activation.Softmax on the output layer (Loss.CrossEntropy needs it)");
    }

    [Theory]
    [InlineData("Activation.Softmax", 3, "Loss.BinaryCrossEntropy", "Loss.CrossEntropy", "Use Loss.CrossEntropy for the Softmax output")]
    [InlineData("Activation.Sigmoid", 3, "Loss.CrossEntropy", "Loss.BinaryCrossEntropy", "Use Loss.BinaryCrossEntropy for the Sigmoid output")]
    [InlineData("Activation.Sigmoid", 1, "Loss.CrossEntropy", "Loss.BinaryCrossEntropy", "Use Loss.BinaryCrossEntropy for the Sigmoid output")]
    public async Task NG0006TheLossFollowsTheOutputActivation(string activation, int units, string loss, string fitting, string title)
    {
        await NetGenCodeFixTest<LossActivationCodeFix>.VerifyAsync(
            Header + $$"""
            [Network(Inputs = 4)]
            [Dense(8, Activation.ReLU)]
            [Dense({{units}}, {{activation}})]
            [Training({|NG0006:{{loss}}|}, Optimizer.Adam, LearningRate = 0.01f)]
            public partial class Net { }
            """,
            Header + $$"""
            [Network(Inputs = 4)]
            [Dense(8, Activation.ReLU)]
            [Dense({{units}}, {{activation}})]
            [Training({{fitting}}, Optimizer.Adam, LearningRate = 0.01f)]
            public partial class Net { }
            """,
            LossActivationCodeFix.UseLossKey,
            title);
    }

    [Theory]
    // Every pairing NG0006 reports (a loss that needs an activation × an output that has another one), and which fixes are valid.
    [InlineData("Loss.CrossEntropy", "3, Activation.Tanh", "Use Activation.Softmax on the output layer (Loss.CrossEntropy needs it)")]
    [InlineData("Loss.CrossEntropy", "3", "Use Activation.Softmax on the output layer (Loss.CrossEntropy needs it)")]
    [InlineData("Loss.CrossEntropy", "3, Activation.LogSoftmax", "Use Activation.Softmax on the output layer (Loss.CrossEntropy needs it)")]
    [InlineData("Loss.CrossEntropy", "3, Activation.Sigmoid", "Use Activation.Softmax on the output layer (Loss.CrossEntropy needs it)|Use Loss.BinaryCrossEntropy for the Sigmoid output")]
    [InlineData("Loss.CrossEntropy", "1, Activation.Sigmoid", "Use Loss.BinaryCrossEntropy for the Sigmoid output")]
    [InlineData("Loss.CrossEntropy", "1", "")] // a one-unit Softmax is always 1, and no loss needs Identity
    [InlineData("Loss.BinaryCrossEntropy", "3, Activation.Softmax", "Use Activation.Sigmoid on the output layer (Loss.BinaryCrossEntropy needs it)|Use Loss.CrossEntropy for the Softmax output")]
    [InlineData("Loss.BinaryCrossEntropy", "1, Activation.Softmax", "Use Activation.Sigmoid on the output layer (Loss.BinaryCrossEntropy needs it)")]
    [InlineData("Loss.BinaryCrossEntropy", "1, Activation.ReLU", "Use Activation.Sigmoid on the output layer (Loss.BinaryCrossEntropy needs it)")]
    [InlineData("Loss.BinaryCrossEntropy", "2, Activation.LogSoftmax", "Use Activation.Sigmoid on the output layer (Loss.BinaryCrossEntropy needs it)")]
    public async Task NG0006OffersOnlyTheFixesThatBuildClean(string loss, string output, string titles)
    {
        string source = Header + $$"""
            [Network(Inputs = 4)]
            [Dense(8, Activation.ReLU)]
            [Dense({{output}})]
            [Training({{loss}})]
            public partial class Net { }
            """;
        Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics, d => d.Id == "NG0006");

        IReadOnlyList<(string Title, string? Key)> offered = await OfferedFixes.ForAsync(new LossActivationCodeFix(), source);

        Assert.Equal(titles.Split('|', System.StringSplitOptions.RemoveEmptyEntries), offered.Select(fix => fix.Title));
    }

    [Fact]
    public async Task NG0006FixAllChangesEveryNetworkOfTheDocument()
    {
        await NetGenCodeFixTest<LossActivationCodeFix>.VerifyAsync(
            Header + """
            [Network(Inputs = 4)]
            [Dense(3, Activation.Tanh)]
            [Training({|NG0006:Loss.CrossEntropy|})]
            public partial class First { }

            [Network(Inputs = 4)]
            [Dense(5, Activation.ReLU)]
            [Dense(1)]
            [Training({|NG0006:Loss.BinaryCrossEntropy|}, Optimizer.Adam)]
            public partial class Second { }

            [Network(Inputs = 4)]
            [Dense(2, Activation.LogSoftmax)]
            [Training({|NG0006:Loss.CrossEntropy|})]
            public partial class Third { }
            """,
            Header + """
            [Network(Inputs = 4)]
            [Dense(3, Activation.Softmax)]
            [Training(Loss.CrossEntropy)]
            public partial class First { }

            [Network(Inputs = 4)]
            [Dense(5, Activation.ReLU)]
            [Dense(1, Activation.Sigmoid)]
            [Training(Loss.BinaryCrossEntropy, Optimizer.Adam)]
            public partial class Second { }

            [Network(Inputs = 4)]
            [Dense(2, Activation.Softmax)]
            [Training(Loss.CrossEntropy)]
            public partial class Third { }
            """,
            LossActivationCodeFix.UseActivationKey,
            null,
            iterations: 3);
    }

    [Fact]
    public void TheFixesKnowEveryLossThatNeedsAnOutputActivation()
    {
        Dictionary<string, string> catalog = LossCatalog.All
            .Where(loss => loss.RequiredOutput is not null)
            .ToDictionary(loss => loss.Kind.ToString(), loss => loss.RequiredOutput!.Value.ToString());

        Assert.Equal(catalog.OrderBy(pair => pair.Key), NetworkSyntax.RequiredOutput.OrderBy(pair => pair.Key));
    }

    // ---- NG0005: Softmax or LogSoftmax on a hidden layer ----

    [Fact]
    public async Task NG0005MovesSoftmaxToAnOutputWithoutActivationAndTheHiddenLayerGetsReLU()
    {
        // The classic slip: Softmax one layer too early. Moving it also fits the loss (NG0006 goes too).
        await NetGenCodeFixTest<HiddenSoftmaxCodeFix>.VerifyAsync(
            Header + """
            [Network(Inputs = 4)]
            [Dense(16, {|NG0005:Activation.Softmax|})]
            [Dense(3)]
            [Training({|NG0006:Loss.CrossEntropy|}, Optimizer.Adam)]
            public partial class Net { }
            """,
            Header + """
            [Network(Inputs = 4)]
            [Dense(16, Activation.ReLU)]
            [Dense(3, Activation.Softmax)]
            [Training(Loss.CrossEntropy, Optimizer.Adam)]
            public partial class Net { }
            """,
            HiddenSoftmaxCodeFix.MoveKey,
            "Move Activation.Softmax to the output layer (layer 1 uses Activation.ReLU)");
    }

    [Fact]
    public async Task NG0005UsesReLUOnTheHiddenLayerWhenTheOutputAlreadyHasSoftmax()
    {
        await NetGenCodeFixTest<HiddenSoftmaxCodeFix>.VerifyAsync(
            Header + """
            [Network(Inputs = 4)]
            [Dense(16, Activation.Tanh)]
            [Dense(8, {|NG0005:Activation.Softmax|}, Alpha = 0.2f)]
            [Dense(3, Activation.Softmax)]
            [Training(Loss.CrossEntropy)]
            public partial class Net { }
            """,
            Header + """
            [Network(Inputs = 4)]
            [Dense(16, Activation.Tanh)]
            [Dense(8, Activation.ReLU)]
            [Dense(3, Activation.Softmax)]
            [Training(Loss.CrossEntropy)]
            public partial class Net { }
            """,
            HiddenSoftmaxCodeFix.UseReLUKey,
            "Use Activation.ReLU on hidden layer 2");
    }

    [Theory]
    // Move only where the output has no activation, two units or more, and the loss takes the moved activation.
    [InlineData("Activation.Softmax", "3", "", "Move Activation.Softmax to the output layer (layer 1 uses Activation.ReLU)|Use Activation.ReLU on hidden layer 1")]
    [InlineData("Activation.Softmax", "3, Activation.Identity", "[Training(Loss.MeanSquaredError)]", "Move Activation.Softmax to the output layer (layer 1 uses Activation.ReLU)|Use Activation.ReLU on hidden layer 1")]
    [InlineData("Activation.LogSoftmax", "3", "[Training(Loss.Huber)]", "Move Activation.LogSoftmax to the output layer (layer 1 uses Activation.ReLU)|Use Activation.ReLU on hidden layer 1")]
    [InlineData("Activation.Softmax", "3, Activation.Softmax", "[Training(Loss.CrossEntropy)]", "Use Activation.ReLU on hidden layer 1")]
    [InlineData("Activation.Softmax", "3, Activation.Tanh", "", "Use Activation.ReLU on hidden layer 1")]
    [InlineData("Activation.Softmax", "1", "", "Use Activation.ReLU on hidden layer 1")]
    [InlineData("Activation.Softmax", "3", "[Training(Loss.BinaryCrossEntropy)]", "Use Activation.ReLU on hidden layer 1")]
    [InlineData("Activation.LogSoftmax", "3", "[Training(Loss.CrossEntropy)]", "Use Activation.ReLU on hidden layer 1")]
    public async Task NG0005OffersTheMoveOnlyWhereItBuildsClean(string hidden, string output, string training, string titles)
    {
        string source = Header + $$"""
            [Network(Inputs = 4)]
            [Dense(16, {{hidden}})]
            [Dense({{output}})]
            {{training}}
            public partial class Net { }
            """;
        Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics, d => d.Id == "NG0005");

        IReadOnlyList<(string Title, string? Key)> offered = await OfferedFixes.ForAsync(new HiddenSoftmaxCodeFix(), source);

        Assert.Equal(titles.Split('|'), offered.Select(fix => fix.Title));
    }

    [Fact]
    public async Task NG0005FixAllMovesSoftmaxOnceForTwoHiddenLayers()
    {
        await NetGenCodeFixTest<HiddenSoftmaxCodeFix>.VerifyAsync(
            Header + """
            [Network(Inputs = 4)]
            [Dense(16, {|NG0005:Activation.Softmax|})]
            [Dense(8, {|NG0005:Activation.Softmax|})]
            [Dense(3)]
            public partial class Net { }
            """,
            // One at a time: after the first move the output has Softmax, so the second layer is offered ReLU only.
            Header + """
            [Network(Inputs = 4)]
            [Dense(16, Activation.ReLU)]
            [Dense(8, {|NG0005:Activation.Softmax|})]
            [Dense(3, Activation.Softmax)]
            public partial class Net { }
            """,
            HiddenSoftmaxCodeFix.MoveKey,
            "Move Activation.Softmax to the output layer (layer 1 uses Activation.ReLU)",
            iterations: 1,
            batchFixedCode: Header + """
            [Network(Inputs = 4)]
            [Dense(16, Activation.ReLU)]
            [Dense(8, Activation.ReLU)]
            [Dense(3, Activation.Softmax)]
            public partial class Net { }
            """);
    }

    // ---- NG0026: a setting the network does not use ----

    [Theory]
    [InlineData(
        "[Training(Loss.MeanSquaredError, Optimizer.Adam, {|NG0026:Momentum = 0.9f|})]",
        "[Training(Loss.MeanSquaredError, Optimizer.Adam)]", "Momentum")]
    [InlineData(
        "[Training(Loss.MeanSquaredError, Optimizer.Adam, {|NG0026:Momentum = 0.9f|}, LearningRate = 0.01f)]",
        "[Training(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01f)]", "Momentum")]
    [InlineData(
        "[Training(Loss.MeanSquaredError, {|NG0026:HuberDelta = 2f|})]",
        "[Training(Loss.MeanSquaredError)]", "HuberDelta")]
    [InlineData(
        "[Training(\n    Loss.MeanSquaredError,\n    Optimizer.Sgd,\n    {|NG0026:Beta1 = 0.8f|},\n    LearningRate = 0.05f)]",
        "[Training(\n    Loss.MeanSquaredError,\n    Optimizer.Sgd,\n    LearningRate = 0.05f)]", "Beta1")]
    [InlineData(
        "[Training(\n    Loss.MeanSquaredError,\n    Optimizer.Sgd,\n    {|NG0026:Epsilon = 1e-7f|})]",
        "[Training(\n    Loss.MeanSquaredError,\n    Optimizer.Sgd)]", "Epsilon")]
    public async Task NG0026RemovesTheArgumentAndKeepsTheLayout(string training, string fixedTraining, string name)
    {
        await NetGenCodeFixTest<RemoveIgnoredSettingCodeFix>.VerifyAsync(
            Header + $$"""
            [Network(Inputs = 2)]
            [Dense(1)]
            {{training}}
            public partial class Net { }
            """,
            Header + $$"""
            [Network(Inputs = 2)]
            [Dense(1)]
            {{fixedTraining}}
            public partial class Net { }
            """,
            RemoveIgnoredSettingCodeFix.RemoveKey,
            $"Remove {name}, which the network does not use");
    }

    [Fact]
    public async Task NG0026OnLayersAndTheNetwork()
    {
        await NetGenCodeFixTest<RemoveIgnoredSettingCodeFix>.VerifyAsync(
            Header + """
            [Network(Inputs = 2, {|NG0026:Threads = 4|})]
            [Dense(4, Activation.ReLU, {|NG0026:Alpha = 0.1f|}, {|NG0026:Dropout = 0.5f|})]
            [Dense(1)]
            public partial class Net { }
            """,
            Header + """
            [Network(Inputs = 2)]
            [Dense(4, Activation.ReLU)]
            [Dense(1)]
            public partial class Net { }
            """,
            RemoveIgnoredSettingCodeFix.RemoveKey,
            null,
            iterations: 3);
    }

    [Fact]
    public async Task NG0026FixAllRemovesSeveralArgumentsOfOneAttribute()
    {
        await NetGenCodeFixTest<RemoveIgnoredSettingCodeFix>.VerifyAsync(
            Header + """
            [Network(Inputs = 2)]
            [Dense(1)]
            [Training(Loss.MeanSquaredError, Optimizer.Sgd, {|NG0026:Momentum = 0.9f|}, {|NG0026:Rho = 0.9f|}, {|NG0026:Beta2 = 0.99f|})]
            public partial class Net { }
            """,
            Header + """
            [Network(Inputs = 2)]
            [Dense(1)]
            [Training(Loss.MeanSquaredError, Optimizer.Sgd)]
            public partial class Net { }
            """,
            RemoveIgnoredSettingCodeFix.RemoveKey,
            null,
            iterations: 3);
    }

    // ---- NG0029: Dropout on the output layer ----

    [Fact]
    public async Task NG0029RemovesDropoutFromTheOutputLayersOfADocument()
    {
        await NetGenCodeFixTest<RemoveOutputDropoutCodeFix>.VerifyAsync(
            Header + """
            [Network(Inputs = 4)]
            [Dense(8, Activation.ReLU, Dropout = 0.2f)]
            [Dense(3, Activation.Softmax, {|NG0029:Dropout = 0.5f|}, L2 = 1e-4f)]
            [Training(Loss.CrossEntropy, Optimizer.Adam)]
            public partial class First { }

            [Network(Inputs = 4)]
            [Dense(1, {|NG0029:Dropout = 0.1f|})]
            [Training(Loss.MeanSquaredError)]
            public partial class Second { }
            """,
            Header + """
            [Network(Inputs = 4)]
            [Dense(8, Activation.ReLU, Dropout = 0.2f)]
            [Dense(3, Activation.Softmax, L2 = 1e-4f)]
            [Training(Loss.CrossEntropy, Optimizer.Adam)]
            public partial class First { }

            [Network(Inputs = 4)]
            [Dense(1)]
            [Training(Loss.MeanSquaredError)]
            public partial class Second { }
            """,
            RemoveOutputDropoutCodeFix.RemoveKey,
            RemoveOutputDropoutCodeFix.Title,
            iterations: 2);
    }

    // ---- all fixes ----

    [Fact]
    public async Task ADiagnosticThatNoLongerFitsTheTextGetsNoFixAndNoException()
    {
        // The IDE can ask with a diagnostic of an older version of the text: past the end, or on another node.
        string source = Header + """
            [Network(Inputs = 2)]
            [Dense(1)]
            public partial class Net { }
            """;
        var past = new Microsoft.CodeAnalysis.Text.TextSpan(source.Length + 10, 4);
        var onTheClassName = new Microsoft.CodeAnalysis.Text.TextSpan(source.IndexOf("Net {", System.StringComparison.Ordinal), 3);
        foreach (Microsoft.CodeAnalysis.Text.TextSpan span in new[] { past, onTheClassName })
        {
            Assert.Empty(await OfferedFixes.ForSpanAsync(new LossActivationCodeFix(), NetGen.Generator.Diagnostics.DiagnosticDescriptors.LossNeedsOutputActivation, source, span));
            Assert.Empty(await OfferedFixes.ForSpanAsync(new HiddenSoftmaxCodeFix(), NetGen.Generator.Diagnostics.DiagnosticDescriptors.SoftmaxOnHiddenLayer, source, span));
            Assert.Empty(await OfferedFixes.ForSpanAsync(new RemoveIgnoredSettingCodeFix(), NetGen.Generator.Diagnostics.DiagnosticDescriptors.IgnoredSetting, source, span));
        }
    }

    [Fact]
    public void EveryFixHasItsOwnEquivalenceKeys()
    {
        string[] keys =
        {
            MakePartialCodeFix.Title,
            LossActivationCodeFix.UseActivationKey, LossActivationCodeFix.UseLossKey,
            HiddenSoftmaxCodeFix.MoveKey, HiddenSoftmaxCodeFix.UseReLUKey,
            RemoveIgnoredSettingCodeFix.RemoveKey,
            RemoveOutputDropoutCodeFix.RemoveKey,
        };
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(new[] { "NG0006" }, new LossActivationCodeFix().FixableDiagnosticIds);
        Assert.Equal(new[] { "NG0005" }, new HiddenSoftmaxCodeFix().FixableDiagnosticIds);
        Assert.Equal(new[] { "NG0026" }, new RemoveIgnoredSettingCodeFix().FixableDiagnosticIds);
        Assert.Equal(new[] { "NG0029" }, new RemoveOutputDropoutCodeFix().FixableDiagnosticIds);
    }
}
