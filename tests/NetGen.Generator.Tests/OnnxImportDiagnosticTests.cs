using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Onnx;
using NetGen.Onnx;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// [OnnxModel]: every unsupported construct and every kind of corrupt file is a diagnostic on the
/// attribute naming the node, its op type and the reason; the reader never throws out of the generator.
/// </summary>
public class OnnxImportDiagnosticTests
{
    private const string Declaration = """
        [NetGen.OnnxModel([|"net.onnx"|])]
        public partial class Net { }
        """;

    internal static AdditionalText Encoded(string identity, byte[] bytes) =>
        new GeneratorHarness.InMemoryText($"/obj/netgen/{System.IO.Path.GetFileName(identity)}.b64",
            "NetGen model " + identity + "\n" + Convert.ToBase64String(bytes) + "\n");

    /// <summary>A model with one input [N, inputs], the given nodes and float initializers, one output.</summary>
    internal static byte[] Model(int inputs, string output, (string Name, long[] Dims, float[] Values, int DataType)[] initializers, params ProtoWriter[] nodes)
    {
        var graph = new ProtoWriter();
        foreach (ProtoWriter node in nodes) graph.Message(1, node);
        foreach ((string name, long[] dims, float[] values, int type) in initializers)
        {
            var t = new ProtoWriter().PackedInts(1, dims).Int(2, type).String(8, name);
            byte[] raw = values.SelectMany(BitConverter.GetBytes).ToArray();
            graph.Message(5, t.Bytes(9, raw));
        }

        ProtoWriter Info(string name, long width) => new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1,
            new ProtoWriter().Int(1, 1).Message(2, new ProtoWriter().Message(1, new ProtoWriter().String(2, "N")).Message(1, new ProtoWriter().Int(1, width)))));
        graph.Message(11, Info("x", inputs)).Message(12, Info(output, 1));
        return new ProtoWriter().Int(1, 8).Message(7, graph).Message(8, new ProtoWriter().String(1, "").Int(2, 17)).ToArray();
    }

    internal static ProtoWriter Node(string op, string output, params string[] inputs)
    {
        var n = new ProtoWriter();
        foreach (string input in inputs) n.String(1, input);
        return n.String(2, output).String(3, "n_" + output).String(4, op);
    }

    internal static readonly (string, long[], float[], int)[] Weights =
    {
        ("W", new long[] { 2, 3 }, new float[6], 1), ("b", new long[] { 3 }, new float[3], 1), ("V", new long[] { 3, 1 }, new float[3], 1),
    };

    [Fact]
    public void AGoodModelGeneratesANetwork()
    {
        GeneratorHarness.Result result = Run(Model(2, "y", Weights, Node("MatMul", "h", "x", "W"), Node("Add", "z", "h", "b"), Node("Tanh", "a", "z"), Node("MatMul", "y", "a", "V")));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        Assert.Contains("\"2 > Dense(3, Tanh) > Dense(1, Identity)\"", result.SingleSource);
    }

    public static TheoryData<string, string> Unsupported() => new()
    {
        { "op", "node 'n_a' (Conv) is not supported" },
        { "branch", "the tensor 'z' feeds 2 nodes" },
        { "int", "it is of ONNX data type 7, not float (1)" },
        { "external", "external data is not supported" },
        { "inputs", "the graph has 2 inputs" },
        { "domain", "is in the domain 'com.microsoft'" },
        { "transA", "transA = 1" },
        { "width", "its weights take 2 inputs, but the tensor before it has 5" },
        { "softmaxHidden", "Softmax on a hidden layer" },
        { "logSoftmaxHidden", "LogSoftmax on a hidden layer" },
        { "reshapeDynamic", "its target shape is not a constant [batch, width] of int64" },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void AnUnsupportedConstructIsNG0022NamingTheNodeAndTheReason(string what, string reason)
    {
        byte[] model = what switch
        {
            "op" => Model(2, "y", Weights, Node("MatMul", "h", "x", "W"), Node("Add", "z", "h", "b"), Node("Conv", "a", "z"), Node("MatMul", "y", "a", "V")),
            "branch" => Model(2, "y", Weights, Node("MatMul", "h", "x", "W"), Node("Add", "z", "h", "b"), Node("Tanh", "a", "z"), Node("Relu", "a2", "z"), Node("MatMul", "y", "a", "V")),
            "int" => Model(2, "y", new[] { ("W", new long[] { 2, 3 }, new float[6], 7), Weights[1], Weights[2] }, Node("MatMul", "h", "x", "W"), Node("Add", "z", "h", "b"), Node("MatMul", "y", "z", "V")),
            "external" => ExternalData(),
            "inputs" => Model(2, "y", Weights, Node("MatMul", "h", "x", "W"), Node("Add", "z", "h", "x2"), Node("MatMul", "y", "z", "V")).Concat(Array.Empty<byte>()).ToArray(),
            "domain" => Model(2, "y", Weights, Node("MatMul", "h", "x", "W").String(7, "com.microsoft"), Node("MatMul", "y", "h", "V")),
            "transA" => Model(2, "y", Weights, Node("Gemm", "h", "x", "W", "b").Message(5, new ProtoWriter().String(1, "transA").Int(3, 1).Int(20, 2)), Node("MatMul", "y", "h", "V")),
            "width" => Model(5, "y", Weights, Node("MatMul", "h", "x", "W"), Node("MatMul", "y", "h", "V")),
            "reshapeDynamic" => Model(2, "y", Weights, Node("Reshape", "r", "x", "computed"), Node("MatMul", "h", "r", "W"), Node("MatMul", "y", "h", "V")),
            "logSoftmaxHidden" => Model(2, "y", Weights, Node("MatMul", "h", "x", "W"), Node("LogSoftmax", "a", "h"), Node("MatMul", "y", "a", "V")),
            _ => Model(2, "y", Weights, Node("MatMul", "h", "x", "W"), Node("Softmax", "a", "h"), Node("MatMul", "y", "a", "V")),
        };
        if (what == "inputs")
        {
            model = TwoInputs();
        }

        AssertDiagnostic(model, "NG0022", reason);
    }

    /// <summary>
    /// ONNX's native Gelu (opset 20) is read as GELU with approximate = "none" or absent, and refused
    /// with approximate = "tanh" (another function); Mish (opset 18) is Mish, and Swish (opset 24) with
    /// alpha = 1 or absent is SiLU, another alpha refused.
    /// </summary>
    [Theory]
    [InlineData("Gelu", null, "GELU")]
    [InlineData("Gelu", "none", "GELU")]
    [InlineData("Mish", null, "Mish")]
    [InlineData("Swish", null, "SiLU")]
    [InlineData("Swish", "1", "SiLU")]
    public void NativeGeluMishAndSwishNodesAreTheCatalogActivations(string op, string? attribute, string activation)
    {
        GeneratorHarness.Result result = Run(Model(2, "y", Weights, Node("MatMul", "h", "x", "W"), Node("Add", "z", "h", "b"), NativeNode(op, attribute), Node("MatMul", "y", "a", "V")));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        Assert.Contains($"\"2 > Dense(3, {activation}) > Dense(1, Identity)\"", result.SingleSource);
    }

    [Theory]
    [InlineData("Gelu", "tanh", "The ONNX file 'net.onnx' is not a supported network: node 'n_a' (Gelu): approximate = \"tanh\" is not supported; NetGen's GELU is the exact erf form ½z(1 + erf(z/√2)) (approximate = \"none\")")]
    [InlineData("Swish", "2", "The ONNX file 'net.onnx' is not a supported network: node 'n_a' (Swish): alpha = 2 is not supported; NetGen's SiLU is Swish with alpha = 1")]
    public void GeluWithTheTanhApproximationAndSwishWithAnotherAlphaAreNG0022(string op, string attribute, string message)
    {
        byte[] model = Model(2, "y", Weights, Node("MatMul", "h", "x", "W"), Node("Add", "z", "h", "b"), NativeNode(op, attribute), Node("MatMul", "y", "a", "V"));
        AssertDiagnostic(model, "NG0022", message);
        (string source, _) = GeneratorHarness.ParseMarkup(Declaration);
        string actual = Assert.Single(GeneratorHarness.Run(ImmutableArray.Create(Encoded("net.onnx", model)), source).GeneratorDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(message, actual);
    }

    /// <summary>Node a = op(z), with Gelu's string approximate (type STRING = 3) or Swish's float alpha (FLOAT = 1) when given.</summary>
    private static ProtoWriter NativeNode(string op, string? attribute) => attribute is null ? Node(op, "a", "z")
        : op == "Gelu" ? Node(op, "a", "z").Message(5, new ProtoWriter().String(1, "approximate").String(4, attribute).Int(20, 3))
        : Node(op, "a", "z").Message(5, new ProtoWriter().String(1, "alpha").Float(2, float.Parse(attribute, System.Globalization.CultureInfo.InvariantCulture)).Int(20, 1));

    private static byte[] ExternalData()
    {
        var graph = new ProtoWriter()
            .Message(1, Node("MatMul", "y", "x", "W"))
            .Message(5, new ProtoWriter().PackedInts(1, new long[] { 2, 1 }).Int(2, 1).String(8, "W").Int(14, 1))
            .Message(11, new ProtoWriter().String(1, "x"))
            .Message(12, new ProtoWriter().String(1, "y"));
        return new ProtoWriter().Int(1, 8).Message(7, graph).ToArray();
    }

    private static byte[] TwoInputs()
    {
        var graph = new ProtoWriter()
            .Message(1, Node("MatMul", "y", "x", "x2"))
            .Message(11, new ProtoWriter().String(1, "x"))
            .Message(11, new ProtoWriter().String(1, "x2"))
            .Message(12, new ProtoWriter().String(1, "y"));
        return new ProtoWriter().Int(1, 8).Message(7, graph).ToArray();
    }

    [Fact]
    public void CorruptAndMissingFilesAreNG0021AndNG0020()
    {
        byte[] good = OnnxExporterTestNet();
        AssertDiagnostic(good.Take(good.Length / 2).ToArray(), "NG0021", "corrupt or not an ONNX file");
        AssertDiagnostic(new byte[] { 1, 2, 3 }, "NG0021", "");
        AssertDiagnostic(Array.Empty<byte>(), "NG0021", "the file has no graph");
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Declaration);
        GeneratorHarness.Result result = GeneratorHarness.Run(ImmutableArray<AdditionalText>.Empty, source);
        Diagnostic missing = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0020", missing.Id);
        Assert.Equal(span, missing.Location.SourceSpan);
    }

    /// <summary>
    /// Mutations of two valid files: MatMul + Add + Tanh, and one with a Constant node holding an int64
    /// shape, Reshape, Gemm and LogSoftmax (the attribute tensors and int64 data). NETGEN_FUZZ_ROUNDS
    /// sets the mutations per file (default 3,000).
    /// </summary>
    [Theory]
    [InlineData("matmul")]
    [InlineData("constant")]
    public void TheReaderNeverThrowsOnHostileInput(string seed)
    {
        byte[] good = seed == "matmul" ? OnnxExporterTestNet() : ConstantReshapeNet();
        Assert.Empty(Run(good).GeneratorDiagnostics); // the seed itself imports
        int rounds = int.TryParse(Environment.GetEnvironmentVariable("NETGEN_FUZZ_ROUNDS"), out int r) && r > 0 ? r : 3000;
        var random = new Random(3);
        for (int n = 0; n < rounds; n++)
        {
            byte[] bytes = n % 3 == 0 ? good.Take(random.Next(good.Length)).ToArray() : (byte[])good.Clone();
            if (n % 3 == 1) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            if (n % 3 == 2) { for (int k = 0; k < 5; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256); }
            var request = new OnnxRequest(null, default, "Net", "Net", "net.onnx");
            var file = new OnnxFile("net.onnx", null, new NetGen.Generator.Model.EquatableArray<byte>(bytes));
            // Resolve either imports or returns diagnostics; it must not throw (huge declared lengths,
            // truncated varints, wrong wire types, nonsense dimensions included).
            Assert.NotNull(OnnxResolver.Resolve(request, ImmutableArray.Create(file)));
        }

        byte[] huge = new ProtoWriter().Message(7, new ProtoWriter().Message(5, new ProtoWriter().PackedInts(1, new long[] { long.MaxValue, 3 }).Int(2, 1))).ToArray();
        Assert.NotNull(OnnxResolver.Resolve(new OnnxRequest(null, default, "Net", "Net", "n"), ImmutableArray.Create(new OnnxFile("n", null, new NetGen.Generator.Model.EquatableArray<byte>(huge)))));
    }

    /// <summary>
    /// Source mid-edit (a namespace or class without its name yet, as the generator fuzz test's broken
    /// syntax produced: <c>namespace" Fuzz20802</c>): the compiler reports the syntax error; the generator
    /// adds nothing that does not compile (it used to emit <c>namespace ;</c> into '.Net.g.cs').
    /// </summary>
    [Theory]
    [InlineData("namespace\" Models\n{\n[NetGen.OnnxModel(\"net.onnx\")]\npublic partial class Net { }\n}\n")]
    [InlineData("namespace A.\n{\n[NetGen.OnnxModel(\"net.onnx\")]\npublic partial class Net { }\n}\n")]
    [InlineData("namespace Models\n{\npublic partial class\n{\n[NetGen.OnnxModel(\"net.onnx\")]\npublic partial class Net { }\n}\n}\n")]
    [InlineData("[NetGen.OnnxModel(\"net.onnx\")]\npublic partial class\n{ }\n")]
    public void SourceMidEditGetsNoGeneratedCodeThatDoesNotCompile(string source)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(ImmutableArray.Create(Encoded("net.onnx", OnnxExporterTestNet())), source);
        Assert.Null(result.Exception);
        Assert.Empty(result.GeneratorDiagnostics);
        var generatedTrees = result.Sources.Select(g => g.SyntaxTree).ToHashSet();
        Assert.True(result.Sources.Count == 0, "generated " + string.Join(", ", result.Sources.Select(g => $"'{g.HintName}'")) + ", with "
            + string.Join("; ", result.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && generatedTrees.Contains(d.Location.SourceTree!)).Take(3)));
        Assert.NotEmpty(result.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)); // the compiler's own syntax error
    }

    private static byte[] ConstantReshapeNet()
    {
        byte[] shape = new byte[16];
        BitConverter.TryWriteBytes(shape.AsSpan(0, 8), -1L);
        BitConverter.TryWriteBytes(shape.AsSpan(8, 8), 2L);
        ProtoWriter constant = new ProtoWriter().String(2, "shape").String(3, "c").String(4, "Constant")
            .Message(5, new ProtoWriter().String(1, "value").Message(5, new ProtoWriter().PackedInts(1, new long[] { 2 }).Int(2, 7).Bytes(9, shape)).Int(20, 4));
        return Model(2, "y", Weights, constant, Node("Reshape", "r", "x", "shape"),
            Node("Gemm", "h", "r", "W", "b").Message(5, new ProtoWriter().String(1, "alpha").Float(2, 0.5f).Int(20, 1)),
            Node("Relu", "a", "h"), Node("MatMul", "o", "a", "V"),
            Node("LogSoftmax", "y", "o").Message(5, new ProtoWriter().String(1, "axis").Int(3, -1).Int(20, 2)));
    }

    private static byte[] OnnxExporterTestNet() =>
        Model(2, "y", Weights, Node("MatMul", "h", "x", "W"), Node("Add", "z", "h", "b"), Node("Tanh", "a", "z"), Node("MatMul", "y", "a", "V"));

    private static GeneratorHarness.Result Run(byte[] model)
    {
        (string source, _) = GeneratorHarness.ParseMarkup(Declaration);
        return GeneratorHarness.Run(ImmutableArray.Create(Encoded("net.onnx", model)), source);
    }

    private static void AssertDiagnostic(byte[] model, string id, string reason)
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Declaration);
        GeneratorHarness.Result result = GeneratorHarness.Run(ImmutableArray.Create(Encoded("net.onnx", model)), source);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Empty(result.Sources);
    }
}

/// <summary>A real PyTorch export (tests/NetGen.Generator.Tests/Onnx/README.md).</summary>
public class ForeignOnnxTests
{
    [Fact]
    public void APyTorchConvolutionalNetworkIsReadAndRefusedAtItsFirstConvNode()
    {
        byte[] bytes = System.IO.File.ReadAllBytes(System.IO.Path.Combine(AppContext.BaseDirectory, "Onnx", "lenet-pytorch.onnx"));
        OnnxGraph graph = OnnxGraph.Read(bytes);
        Assert.Contains(graph.Nodes, n => n.OpType == "Conv");
        Assert.Contains(graph.Nodes, n => n.OpType == "Gemm");
        Assert.Single(graph.Inputs);

        (string source, TextSpan span) = GeneratorHarness.ParseMarkup("""
            [NetGen.OnnxModel([|"lenet-pytorch.onnx"|])]
            public partial class LeNet { }
            """);
        var file = new GeneratorHarness.InMemoryText("/obj/netgen/lenet-pytorch.onnx.b64", "NetGen model Onnx/lenet-pytorch.onnx\n" + Convert.ToBase64String(bytes) + "\n");
        GeneratorHarness.Result result = GeneratorHarness.Run(ImmutableArray.Create<AdditionalText>(file), source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0022", diagnostic.Id);
        Assert.Contains("(Conv) is not supported here: a layer starts with MatMul or Gemm", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
    }
}
