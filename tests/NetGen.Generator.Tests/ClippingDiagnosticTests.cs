using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Catalog.Optimizers;
using NetGen.Generator.Model;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// [Training] ClipNorm and ClipValue: a threshold written out must be finite and positive (NG0030);
/// the run-time properties the generator writes check with the catalog's ranges.
/// </summary>
public class ClippingDiagnosticTests
{
    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("ClipNorm = 0f", "ClipNorm is 0")]
    [InlineData("ClipNorm = -1.5f", "ClipNorm is -1.5")]
    [InlineData("ClipValue = float.NaN", "ClipValue is float.NaN")]
    [InlineData("ClipValue = float.PositiveInfinity", "ClipValue is float.PositiveInfinity")]
    public void ANonPositiveOrNonFiniteThresholdIsNG0030(string setting, string start)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run($$"""
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(1)]
            [NetGen.Training(NetGen.Loss.MeanSquaredError, {{setting}})]
            public partial class Net { }
            """);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0030", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        string name = setting.Substring(0, setting.IndexOf(' '));
        Assert.Equal(
            $"{start}, but a clipping threshold must be a finite number greater than zero; give a positive value, or leave {name} out to train without clipping",
            Message(diagnostic));
    }

    [Fact]
    public void PositiveThresholdsCompileAndStartThere()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(1)]
            [NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.Adam, ClipNorm = 1f, ClipValue = 0.5f)]
            public partial class Net { }
            """);
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        string source = result.SingleSource;
        Assert.Contains("private float __clipNorm = 1.0f, __clipValue = 0.5f;", source, System.StringComparison.Ordinal);
        Assert.Contains("GradientClipping.Clip(gradients, __clipValue, __clipNorm);", source, System.StringComparison.Ordinal);
    }

    [Fact]
    public void EverySetterChecksWithTheCatalogsRange()
    {
        // One network per optimizer: each hyperparameter it reads gets a property whose setter passes
        // the same HyperparameterRange that NG0007 uses for the [Training] value.
        foreach (OptimizerDefinition optimizer in OptimizerCatalog.All)
        {
            GeneratorHarness.Result result = GeneratorHarness.Run($$"""
                [NetGen.Network(Inputs = 2)]
                [NetGen.Dense(1)]
                [NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.{{optimizer.Kind}})]
                public partial class Net { }
                """);
            Assert.Null(result.Exception);
            Assert.Empty(result.CompilationDiagnostics);
            string source = result.SingleSource;
            foreach (HyperparameterDefault entry in optimizer.Hyperparameters.Where(h => h.Parameter != Hyperparameter.LearningRate))
            {
                Hyperparameter h = entry.Parameter;
                Assert.Contains(
                    $"public float {h.Name} {{ get => {h.Field}; set => {h.Field} = global::NetGen.CompilerServices.ThrowHelper.CheckHyperparameter(value, global::NetGen.CompilerServices.HyperparameterRange.{h.Range}, \"{h.Name}\"); }}",
                    source, System.StringComparison.Ordinal);
                Assert.Contains($"{h.Name} = {h.Field},", source, System.StringComparison.Ordinal); // the rule reads the field
            }
        }
    }
}
