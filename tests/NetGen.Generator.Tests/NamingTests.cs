using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Every name the generator writes back (namespace, containing types, the class, a differentiated
/// method and its parameters and locals) is the user's own, escaped where it is a C# keyword, so the
/// generated code compiles whatever the user called things.
/// </summary>
public class NamingTests
{
    [Fact]
    public void ANetworkNamedWithKeywordsCompiles()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            namespace @event.@class
            {
                public static partial class @static
                {
                    internal partial struct @struct
                    {
                        [NetGen.Network(Inputs = 3, Seed = 2)]
                        [NetGen.Dense(4, NetGen.Activation.Tanh)]
                        [NetGen.Dense(2, NetGen.Activation.Softmax)]
                        [NetGen.Training(NetGen.Loss.CrossEntropy, NetGen.Optimizer.Adam, BatchSize = 4)]
                        public partial class @class { }
                    }
                }
            }

            public static class Use
            {
                public static float[] Run()
                {
                    var net = new @event.@class.@static.@struct.@class();
                    var output = new float[2];
                    net.Predict(new float[] { 1, 2, 3 }, output);
                    return output;
                }
            }
            """);
        Assert.Null(result.Exception);
        AssertCompiles(result);
        GeneratedSourceResult source = Assert.Single(result.Sources);
        Assert.Equal("event.class.static.struct.class.g.cs", source.HintName);
        string text = source.SourceText.ToString();
        Assert.Contains("namespace @event.@class", text, StringComparison.Ordinal);
        Assert.Contains("partial class @static", text, StringComparison.Ordinal);
        Assert.Contains("partial struct @struct", text, StringComparison.Ordinal);
        Assert.Contains("partial class @class : global::NetGen.ITrainableNetwork", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "@class")]
    [InlineData("namespace @void;", "@in")]
    [InlineData("namespace @void;", "@var")]
    [InlineData("namespace N;", "@var")]
    [InlineData("namespace N;", "@record")]
    [InlineData("namespace N;", "@file")]
    [InlineData("namespace N;", "@required")]
    [InlineData("namespace N;", "@scoped")]
    [InlineData("namespace N;", "@async")]
    [InlineData("namespace N;", "@dynamic")]
    [InlineData("namespace N;", "@nameof")]
    [InlineData("namespace nameof;", "Net")]
    [InlineData("namespace N;", "nameof")]
    [InlineData("namespace @var.@async.@record;", "@Net")]
    [InlineData("namespace N;", "\\u0063lass")]
    public void AnyClassNameCompiles(string ns, string name)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run($$"""
            {{ns}}

            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(3, NetGen.Activation.ReLU)]
            [NetGen.Dense(1)]
            [NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.Adam)]
            public partial class {{name}} { }
            """);
        AssertCompiles(result);
        Assert.Single(result.Sources);
    }

    [Fact]
    public void AnOnnxModelNamedWithKeywordsCompiles()
    {
        string path = System.IO.Path.Combine(RepositoryRoot(), "tests", "NetGen.Tests", "Onnx", "OnnxTanhNet.onnx");
        byte[] bytes = System.IO.File.ReadAllBytes(path);
        var file = new GeneratorHarness.InMemoryText("/obj/netgen/OnnxTanhNet.onnx.b64",
            "NetGen model OnnxTanhNet.onnx\n" + Convert.ToBase64String(bytes) + "\n");
        GeneratorHarness.Result result = GeneratorHarness.Run(ImmutableArray.Create<AdditionalText>(file), """
            namespace @operator.@int
            {
                public partial class @base
                {
                    [NetGen.OnnxModel("OnnxTanhNet.onnx")]
                    public partial class @in { }
                }
            }
            """);
        Assert.Null(result.Exception);
        AssertCompiles(result);
        GeneratedSourceResult source = Assert.Single(result.Sources);
        Assert.Equal("operator.int.base.in.g.cs", source.HintName);
        Assert.Contains("partial class @in : global::NetGen.INeuralNetwork", source.SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ADifferentiatedMethodNamedWithKeywordsCompiles()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            namespace @event.@class
            {
                public static partial class @checked
                {
                    [NetGen.Differentiate]
                    public static double @in(double @in, double @class)
                    {
                        double @out = @in * @class;
                        double @var = System.Math.Sin(@out) + @in;
                        return @var * @out;
                    }

                    [NetGen.Differentiate]
                    public static double @return(double @double) => @checked.@in(@double, 2) * @double;
                }
            }

            public static class Use
            {
                public static (double, double, double) Run() => @event.@class.@checked.inGradient(1, 2);

                public static (double, double) Chain() => @event.@class.@checked.@returnGradient(3);
            }
            """);
        Assert.Null(result.Exception);
        AssertCompiles(result);
        Assert.Equal(
            new[] { "event.class.checked.in.Gradient.g.cs", "event.class.checked.return.Gradient.g.cs" },
            result.Sources.Select(s => s.HintName).OrderBy(h => h, StringComparer.Ordinal));
        string text = result.Sources.First(s => s.HintName.Contains(".in.", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("(double Value, double DIn, double DClass) inGradient(double @in, double @class)", text, StringComparison.Ordinal);
        Assert.Contains("new string[] { \"out\", \"var\" }", text, StringComparison.Ordinal);
    }

    /// <summary>No generator diagnostic, no compiler error or warning: the diagnostics in the failure message.</summary>
    internal static void AssertCompiles(GeneratorHarness.Result result)
    {
        Assert.Null(result.Exception);
        string diagnostics = string.Join("\n", result.GeneratorDiagnostics.Concat(result.CompilationDiagnostics).Select(d => d.ToString()));
        Assert.True(diagnostics.Length == 0, diagnostics);
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new System.IO.DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "NetGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("NetGen.sln not found.");
    }
}
