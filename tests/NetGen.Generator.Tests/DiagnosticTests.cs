using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>Each diagnostic: its id, its severity and the exact span it is reported on ([|…|] in the source).</summary>
public class DiagnosticTests
{
    [Theory]
    [InlineData("NG0001", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        public class [|Net|] { }
        """)]
    [InlineData("NG0002", DiagnosticSeverity.Error, """
        [[|NetGen.Dense(3)|]]
        public partial class Net { }
        """)]
    [InlineData("NG0002", DiagnosticSeverity.Error, """
        [[|NetGen.Training(NetGen.Loss.MeanSquaredError)|]]
        public class Net { }
        """)]
    [InlineData("NG0003", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        public partial class [|Net|] { }
        """)]
    [InlineData("NG0004", DiagnosticSeverity.Error, """
        [NetGen.Network([|Inputs = 0|])]
        [NetGen.Dense(1)]
        public partial class Net { }
        """)]
    [InlineData("NG0004", DiagnosticSeverity.Error, """
        [[|NetGen.Network(Seed = 3)|]]
        [NetGen.Dense(1)]
        public partial class Net { }
        """)]
    [InlineData("NG0004", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(4)]
        [NetGen.Dense([|-3|], NetGen.Activation.Tanh)]
        public partial class Net { }
        """)]
    [InlineData("NG0004", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, [|BatchSize = 0|])]
        public partial class Net { }
        """)]
    [InlineData("NG0005", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, [|NetGen.Activation.Softmax|])]
        [NetGen.Dense(3, NetGen.Activation.Softmax)]
        public partial class Net { }
        """)]
    [InlineData("NG0005", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, [|NetGen.Activation.LogSoftmax|])]
        [NetGen.Dense(3, NetGen.Activation.Identity)]
        public partial class Net { }
        """)]
    [InlineData("NG0006", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, NetGen.Activation.Tanh)]
        [NetGen.Training([|NetGen.Loss.CrossEntropy|])]
        public partial class Net { }
        """)]
    [InlineData("NG0006", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, NetGen.Activation.Softmax)]
        [NetGen.Training([|NetGen.Loss.BinaryCrossEntropy|])]
        public partial class Net { }
        """)]
    [InlineData("NG0007", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, [|LearningRate = -0.5f|])]
        public partial class Net { }
        """)]
    [InlineData("NG0007", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, [|Beta2 = 1f|])]
        public partial class Net { }
        """)]
    [InlineData("NG0007", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, [|WeightDecay = -1f|])]
        public partial class Net { }
        """)]
    [InlineData("NG0007", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2, [|Threads = 0|])]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError)]
        public partial class Net { }
        """)]
    [InlineData("NG0008", DiagnosticSeverity.Warning, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, [|NetGen.Activation.BinaryStep|])]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError)]
        public partial class Net { }
        """)]
    [InlineData("NG0009", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        public partial class [|Net|]<T> { }
        """)]
    [InlineData("NG0009", DiagnosticSeverity.Error, """
        public class Outer
        {
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(1)]
            public partial class [|Net|] { }
        }
        """)]
    [InlineData("NG0009", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        public partial record [|Net|] { }
        """)]
    [InlineData("NG0009", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        file partial class [|Net|] { }
        """)]
    [InlineData("NG0009", DiagnosticSeverity.Error, """
        file partial class Outer
        {
            [NetGen.Network(Inputs = 2)]
            [NetGen.Dense(1)]
            public partial class [|Net|] { }
        }
        """)]
    [InlineData("NG0024", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError)]
        public static partial class [|Net|] { }
        """)]
    [InlineData("NG0010", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(4)]
        public partial class Net { }

        [[|NetGen.Dense(1)|]]
        public partial class Net { }
        """)]
    [InlineData("NG0011", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 100000)]
        [[|NetGen.Dense(100000)|]]
        public partial class Net { }
        """)]
    [InlineData("NG0012", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, [|(NetGen.Activation)99|])]
        public partial class Net { }
        """)]
    [InlineData("NG0012", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, [|(NetGen.Optimizer)99|])]
        public partial class Net { }
        """)]
    [InlineData("NG0012", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1, [|Init = (NetGen.Init)5|])]
        public partial class Net { }
        """)]
    [InlineData("NG0012", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2, [|CodeGen = (NetGen.CodeGen)7|])]
        [NetGen.Dense(1)]
        [NetGen.Dense(1)]
        public partial class Net { }
        """)]
    [InlineData("NG0012", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2, [|InputScaling = (NetGen.InputScaling)3|])]
        [NetGen.Dense(1)]
        public partial class Net { }
        """)]
    [InlineData("NG0013", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 40)]
        [NetGen.Dense(32)]
        [NetGen.Dense(40, NetGen.Activation.Tanh, [|CodeGen = NetGen.CodeGen.Unrolled|])]
        public partial class Net { }
        """)]
    [InlineData("NG0013", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 33, [|CodeGen = NetGen.CodeGen.Unrolled|])]
        [NetGen.Dense(32)]
        public partial class Net { }
        """)]
    [InlineData("NG0025", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, NetGen.Activation.LeakyReLU, [|Alpha = float.NaN|])]
        [NetGen.Dense(1)]
        public partial class Net { }
        """)]
    [InlineData("NG0025", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, NetGen.Activation.ELU, [|Alpha = 1f / 0f|])]
        [NetGen.Dense(1)]
        public partial class Net { }
        """)]
    [InlineData("NG0025", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, [|LearningRate = float.NaN|])]
        public partial class Net { }
        """)]
    [InlineData("NG0025", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.Adam, [|Epsilon = float.PositiveInfinity|])]
        public partial class Net { }
        """)]
    [InlineData("NG0025", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.Momentum, [|Momentum = float.NegativeInfinity|])]
        public partial class Net { }
        """)]
    [InlineData("NG0025", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.AdamW, [|WeightDecay = float.PositiveInfinity|])]
        public partial class Net { }
        """)]
    [InlineData("NG0025", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.Huber, [|HuberDelta = float.NaN|])]
        public partial class Net { }
        """)]
    [InlineData("NG0007", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.Adam, [|Epsilon = 0f|])]
        public partial class Net { }
        """)]
    [InlineData("NG0007", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.RmsProp, [|Rho = -0.1f|])]
        public partial class Net { }
        """)]
    [InlineData("NG0007", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, NetGen.Activation.ELU, [|Alpha = -1f|])]
        [NetGen.Dense(1)]
        public partial class Net { }
        """)]
    [InlineData("NG0026", DiagnosticSeverity.Warning, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.Adam, [|Momentum = 0.9f|])]
        public partial class Net { }
        """)]
    [InlineData("NG0026", DiagnosticSeverity.Warning, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.Sgd, [|Beta1 = 0.8f|])]
        public partial class Net { }
        """)]
    [InlineData("NG0026", DiagnosticSeverity.Warning, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.Momentum, [|Beta2 = 0.99f|])]
        public partial class Net { }
        """)]
    [InlineData("NG0026", DiagnosticSeverity.Warning, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.Adam, [|Rho = 0.95f|])]
        public partial class Net { }
        """)]
    [InlineData("NG0026", DiagnosticSeverity.Warning, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.Nesterov, [|Epsilon = 1e-6f|])]
        public partial class Net { }
        """)]
    [InlineData("NG0026", DiagnosticSeverity.Warning, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, NetGen.Optimizer.AdaGrad, [|Nesterov = true|])]
        public partial class Net { }
        """)]
    [InlineData("NG0026", DiagnosticSeverity.Warning, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError, [|HuberDelta = 2f|])]
        public partial class Net { }
        """)]
    [InlineData("NG0026", DiagnosticSeverity.Warning, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, NetGen.Activation.ReLU, [|Alpha = 0.2f|])]
        [NetGen.Dense(1)]
        public partial class Net { }
        """)]
    [InlineData("NG0026", DiagnosticSeverity.Warning, """
        [NetGen.Network(Inputs = 2, [|Threads = 4|])]
        [NetGen.Dense(1)]
        public partial class Net { }
        """)]
    [InlineData("NG0027", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, NetGen.Activation.ReLU, [|Dropout = 1f|])]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError)]
        public partial class Net { }
        """)]
    [InlineData("NG0027", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, NetGen.Activation.ReLU, [|Dropout = -0.1f|])]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError)]
        public partial class Net { }
        """)]
    [InlineData("NG0027", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, NetGen.Activation.ReLU, [|Dropout = float.NaN|])]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError)]
        public partial class Net { }
        """)]
    [InlineData("NG0028", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, NetGen.Activation.ReLU, [|L2 = -1e-4f|])]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError)]
        public partial class Net { }
        """)]
    [InlineData("NG0028", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, NetGen.Activation.ReLU)]
        [NetGen.Dense(1, [|L1 = float.PositiveInfinity|])]
        [NetGen.Training(NetGen.Loss.MeanSquaredError)]
        public partial class Net { }
        """)]
    [InlineData("NG0028", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, NetGen.Activation.ReLU, [|L1 = float.NaN|])]
        [NetGen.Dense(1)]
        [NetGen.Training(NetGen.Loss.MeanSquaredError)]
        public partial class Net { }
        """)]
    [InlineData("NG0029", DiagnosticSeverity.Error, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, NetGen.Activation.ReLU)]
        [NetGen.Dense(1, [|Dropout = 0.2f|])]
        [NetGen.Training(NetGen.Loss.MeanSquaredError)]
        public partial class Net { }
        """)]
    [InlineData("NG0026", DiagnosticSeverity.Warning, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, NetGen.Activation.ReLU, [|Dropout = 0.2f|])]
        [NetGen.Dense(1)]
        public partial class Net { }
        """)]
    [InlineData("NG0026", DiagnosticSeverity.Warning, """
        [NetGen.Network(Inputs = 2)]
        [NetGen.Dense(3, NetGen.Activation.ReLU)]
        [NetGen.Dense(1, [|L2 = 0.01f|])]
        public partial class Net { }
        """)]
    public void IsReportedOnTheOffendingSyntax(string id, DiagnosticSeverity severity, string markup)
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(markup);
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Equal("/src/File0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.DoesNotContain("{", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        if (severity == DiagnosticSeverity.Error)
        {
            Assert.Empty(result.Sources);
        }
    }

    [Theory]
    [InlineData("""
        [[|NetGen.Network(Inputs = "four")|]]
        [NetGen.Dense(3)]
        public partial class Net { }
        """)]
    [InlineData("""
        [NetGen.Network(Inputs = 4)]
        [[|NetGen.Dense(3, NetGen.Activation.Tanh, Alpha = 0.1)|]]
        public partial class Net { }
        """)]
    [InlineData("""
        [NetGen.Network(Inputs = 4)]
        [NetGen.Dense(3)]
        [[|NetGen.Training(NetGen.Loss.MeanSquaredError, LearningRate = 0.1)|]]
        public partial class Net { }
        """)]
    public void AnAttributeWithCompileErrorsSaysNothingIsGenerated(string markup)
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(markup);
        GeneratorHarness.Result result = GeneratorHarness.Run(source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0014", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Empty(result.Sources);
        Assert.Contains(result.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", System.StringComparison.Ordinal));
    }

    [Fact]
    public void EveryDescriptorIsReleaseTrackedAndDocumented()
    {
        var descriptors = typeof(NetGen.Generator.Diagnostics.DiagnosticDescriptors)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();
        string root = RepositoryRoot();
        string unshipped = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "Generator", "Diagnostics", "AnalyzerReleases.Unshipped.md"));
        string docs = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "docs", "diagnostics.md"));
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct().Count());
        foreach (DiagnosticDescriptor descriptor in descriptors)
        {
            Assert.Equal("NetGen", descriptor.Category);
            Assert.Contains($"{descriptor.Id} | NetGen | {descriptor.DefaultSeverity} |", unshipped, System.StringComparison.Ordinal);
            Assert.Contains($"## {descriptor.Id}", docs, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryDescriptorHasAHelpLinkToItsDocsHeading()
    {
        var descriptors = typeof(NetGen.Generator.Diagnostics.DiagnosticDescriptors)
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();
        Assert.NotEmpty(descriptors);
        // The anchors GitHub and docfx derive from the headings: "## NG0001" becomes "#ng0001".
        var anchors = System.IO.File.ReadAllLines(System.IO.Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"))
            .Where(line => line.StartsWith("## ", System.StringComparison.Ordinal))
            .Select(line => "#" + line.Substring(3).Trim().ToLowerInvariant().Replace(' ', '-'))
            .ToHashSet(System.StringComparer.Ordinal);
        foreach (DiagnosticDescriptor descriptor in descriptors)
        {
            string expected = NetGen.Generator.Diagnostics.DiagnosticDescriptors.HelpLinkBase + "#" + descriptor.Id.ToLowerInvariant();
            Assert.Equal(expected, descriptor.HelpLinkUri);
            Assert.Contains(descriptor.HelpLinkUri.Substring(NetGen.Generator.Diagnostics.DiagnosticDescriptors.HelpLinkBase.Length), anchors);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new System.IO.DirectoryInfo(System.AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "NetGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new System.InvalidOperationException("NetGen.sln not found.");
    }
}
