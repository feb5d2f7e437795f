using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Onnx;
using NetGen.Onnx;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// Hostile ONNX files, each compiled as a user's project build does ([OnnxModel] on a partial class, the
/// file handed over as base64 text): cycles, a node consuming its own output, duplicate producers,
/// shadowed initializers, missing outputs, huge or empty dimensions. Each must end with one NG error on
/// the attribute, nothing generated, within a step budget of 3 steps per node plus one per node input
/// and output (<see cref="OnnxImporter.Probe"/> counts them; past the budget the probe throws, so a
/// regression fails here instead of hanging the test run).
/// </summary>
public class OnnxHostileInputTests
{
    private const string Declaration = """
        [NetGen.OnnxModel([|"net.onnx"|])]
        public partial class Net { }
        """;

    /// <summary>A graph as an exporter (or an attacker) would write it.</summary>
    private sealed class Model
    {
        private readonly List<(string Name, string Op, string[] Inputs, string[] Outputs, List<(string, long)> Ints)> _nodes = new();
        private readonly List<ProtoWriter> _initializers = new();
        private readonly List<ProtoWriter> _constants = new();
        private readonly long[] _inputDims;
        private readonly string _output;

        /// <param name="output">the graph output's name.</param>
        /// <param name="inputDims">the input x's dimensions after the batch; −1 is symbolic.</param>
        public Model(string output, params long[] inputDims)
        {
            _output = output;
            _inputDims = inputDims;
        }

        public int NodeCount => _nodes.Count;

        /// <summary>The budget the importer promises: 3 steps per node plus one per node input and output.</summary>
        public int Budget => 3 * _nodes.Count + _nodes.Sum(n => n.Inputs.Length + n.Outputs.Length);

        public Model Node(string name, string op, string output, params string[] inputs) => Node(name, op, new[] { output }, inputs);

        public Model Node(string name, string op, string[] outputs, params string[] inputs)
        {
            _nodes.Add((name, op, inputs, outputs, new List<(string, long)>()));
            return this;
        }

        /// <summary>A Constant node holding a float tensor (older PyTorch writes Reshape shapes so; the reader folds it into the initializers).</summary>
        public Model Constant(string name, params long[] dims)
        {
            _constants.Add(new ProtoWriter().String(2, name).String(3, "const_" + name).String(4, "Constant")
                .Message(5, new ProtoWriter().String(1, "value").Message(5, new ProtoWriter().PackedInts(1, dims).Int(2, 1).Bytes(9, new byte[dims.Aggregate(4L, (a, d) => a * d)])).Int(20, 4)));
            return this;
        }

        /// <summary>An integer attribute on the last node added.</summary>
        public Model Int(string attribute, long value)
        {
            _nodes[_nodes.Count - 1].Ints.Add((attribute, value));
            return this;
        }

        public Model Initializer(string name, params long[] dims) => Initializer(name, i => 0.25f * (i % 7) - 0.5f, dims);

        public Model Initializer(string name, Func<int, float> value, params long[] dims)
        {
            long count = dims.Aggregate(1L, (a, d) => a * d);
            byte[] raw = new byte[count * 4];
            for (int i = 0; i < count; i++)
            {
                BitConverter.TryWriteBytes(raw.AsSpan(i * 4), value(i));
            }

            _initializers.Add(new ProtoWriter().PackedInts(1, dims).Int(2, 1).String(8, name).Bytes(9, raw));
            return this;
        }

        public byte[] ToArray()
        {
            var graph = new ProtoWriter();
            foreach (ProtoWriter constant in _constants) graph.Message(1, constant);
            foreach ((string name, string op, string[] inputs, string[] outputs, List<(string, long)> ints) in _nodes)
            {
                var node = new ProtoWriter();
                foreach (string input in inputs) node.String(1, input);
                foreach (string output in outputs) node.String(2, output);
                foreach ((string attribute, long value) in ints) node.Message(5, new ProtoWriter().String(1, attribute).Int(3, value).Int(20, 2));
                graph.Message(1, node.String(3, name).String(4, op));
            }

            foreach (ProtoWriter initializer in _initializers) graph.Message(5, initializer);
            var shape = new ProtoWriter().Message(1, new ProtoWriter().String(2, "N"));
            foreach (long d in _inputDims)
            {
                shape.Message(1, d < 0 ? new ProtoWriter().String(2, "D") : new ProtoWriter().Int(1, d));
            }

            ProtoWriter Info(string name, ProtoWriter dims) => new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, new ProtoWriter().Int(1, 1).Message(2, dims)));
            graph.Message(11, Info("x", shape)).Message(12, Info(_output, new ProtoWriter().Message(1, new ProtoWriter().String(2, "N"))));
            return new ProtoWriter().Int(1, 8).Message(7, graph).Message(8, new ProtoWriter().String(1, "").Int(2, 17)).ToArray();
        }
    }

    /// <summary>Two inputs, W [2, 3], b [3], V [3, 1]: a 2-3-1 network once its nodes are added.</summary>
    private static Model Net(string output = "y") => new Model(output, 2).Initializer("W", 2, 3).Initializer("b", 3).Initializer("V", 3, 1);

    public static TheoryData<string, string> Hostile() => new()
    {
        // Cycles.
        { "selfLoopThroughTheInput", "node 'loop' (Identity) is reached a second time, through the tensor 'x' it writes itself: the graph has a cycle" },
        { "gemmSelfLoop", "node 'g' (Gemm) is reached a second time, through the tensor 'x' it writes itself: the graph has a cycle" },
        { "identityThreeCycleThroughTheInput", "node 'i1' (Identity) is reached a second time, through the tensor 'x' written by node 'i3' (Identity): the graph has a cycle" },
        { "identityThreeCycle", "node 'i1' (Identity) is reached a second time, through the tensor 'c' written by node 'i3' (Identity): the graph has a cycle" },
        { "gemmReluLoop", "node 'g' (Gemm) is reached a second time, through the tensor 'x' written by node 'r' (Relu): the graph has a cycle" },
        { "matMulAddTanhLoop", "node 'm' (MatMul) is reached a second time, through the tensor 'x' written by node 't' (Tanh): the graph has a cycle" },
        { "twoLayerLoop", "node 'g1' (Gemm) is reached a second time, through the tensor 'x' written by node 'r2' (Relu): the graph has a cycle" },
        { "stepLoop", "node 'm' (MatMul) is reached a second time, through the tensor 'x' written by node 'cast' (Cast): the graph has a cycle" },
        // A node consuming its own output.
        { "reluConsumesItsOutput", "node 'r' (Relu) is reached a second time, through the tensor 'a' it writes itself: the graph has a cycle" },
        { "identityConsumesItsOutput", "node 'i' (Identity) is reached a second time, through the tensor 'a' it writes itself: the graph has a cycle" },
        // Duplicate producers, shadowed initializers, a missing output.
        { "duplicateOutput", "the tensor 'y' is written by two nodes, node 'm2' (MatMul) and node 'r' (Relu)" },
        { "duplicateOutputOnACycle", "the tensor 'h' is written by two nodes, node 'm' (MatMul) and node 'i2' (Identity)" },
        { "initializerShadowsAnOutput", "node 'm' (MatMul) writes the tensor 'h', which is also an initializer" },
        { "outputShadowsTheWeights", "node 'r' (Relu) writes the tensor 'W', which is also an initializer" },
        { "outputWrittenByNoNode", "the graph's output 'y' is written by no node" },
        { "duplicateInitializer", "the initializer 'W' is defined twice" },
        { "constantShadowsAnInitializer", "the initializer 'W' is defined twice" },
        // Dimensions.
        { "flattenOverflowsToTwo", "node 'f' (Flatten): the input's shape [N, 3, 6148914691236517206] holds more than 2147483647 values per row" },
        { "flattenHuge", "node 'f' (Flatten): the input's shape [N, 4294967296, 4294967296, 4294967296] holds more than 2147483647 values per row" },
        { "weightsWithoutInputs", "node 'm' (MatMul): its weights have the shape [0, 3]; a layer needs at least one input and one unit" },
        { "gemmWithoutUnits", "node 'g' (Gemm): its weights have the shape [0, 2]; a layer needs at least one input and one unit" },
    };

    private static Model Build(string what) => what switch
    {
        "selfLoopThroughTheInput" => Net().Node("loop", "Identity", "x", "x"),
        "gemmSelfLoop" => new Model("y", 3).Initializer("W", 3, 3).Initializer("b", 3).Node("g", "Gemm", "x", "x", "W", "b"),
        "identityThreeCycleThroughTheInput" => Net().Node("i1", "Identity", "p", "x").Node("i2", "Identity", "q", "p").Node("i3", "Identity", "x", "q"),
        "identityThreeCycle" => Net().Node("m", "MatMul", "h", "x", "W").Node("i1", "Identity", "p", "h", "c").Node("i2", "Identity", "q", "p").Node("i3", "Identity", "c", "q"),
        "gemmReluLoop" => new Model("y", 4).Initializer("W", 4, 4).Initializer("b", 4).Node("g", "Gemm", "h", "x", "W", "b").Node("r", "Relu", "x", "h"),
        "matMulAddTanhLoop" => new Model("y", 3).Initializer("W", 3, 3).Initializer("b", 3).Node("m", "MatMul", "h", "x", "W").Node("add", "Add", "z", "h", "b").Node("t", "Tanh", "x", "z"),
        "twoLayerLoop" => new Model("y", 3).Initializer("W", 3, 3).Initializer("b", 3)
            .Node("g1", "Gemm", "h1", "x", "W", "b").Node("r1", "Relu", "a1", "h1").Node("g2", "Gemm", "h2", "a1", "W", "b").Node("r2", "Relu", "x", "h2"),
        "stepLoop" => new Model("y", 3).Initializer("W", 3, 3).Initializer("zero", _ => 0f, 1).Node("m", "MatMul", "z", "x", "W")
            .Node("less", "Less", "l", "z", "zero").Node("not", "Not", "n", "l").Node("cast", "Cast", "x", "n").Int("to", 1),
        "reluConsumesItsOutput" => Net().Node("m", "MatMul", "h", "x", "W").Node("r", "Relu", "a", "h", "a"),
        "identityConsumesItsOutput" => Net().Node("m", "MatMul", "h", "x", "W").Node("i", "Identity", "a", "h", "a").Node("m2", "MatMul", "y", "a", "V"),
        "duplicateOutput" => Net().Node("m", "MatMul", "h", "x", "W").Node("t", "Tanh", "a", "h").Node("m2", "MatMul", "y", "a", "V").Node("r", "Relu", "y", "q"),
        "duplicateOutputOnACycle" => Net().Node("m", "MatMul", "h", "x", "W").Node("i1", "Identity", "a", "h").Node("i2", "Identity", "h", "a"),
        "initializerShadowsAnOutput" => Net().Initializer("h", 3).Node("m", "MatMul", "h", "x", "W").Node("t", "Tanh", "a", "h").Node("m2", "MatMul", "y", "a", "V"),
        "outputShadowsTheWeights" => Net().Node("m", "MatMul", "h", "x", "W").Node("r", "Relu", "W", "h"),
        "duplicateInitializer" => Net().Initializer("W", _ => 1f, 2, 3).Node("m", "MatMul", "h", "x", "W").Node("m2", "MatMul", "y", "h", "V"),
        "constantShadowsAnInitializer" => Net().Constant("W", 2, 3).Node("m", "MatMul", "h", "x", "W").Node("m2", "MatMul", "y", "h", "V"),
        "outputWrittenByNoNode" => Net().Node("m", "MatMul", "h", "x", "W").Node("t", "Tanh", "a", "h"),
        "flattenOverflowsToTwo" => new Model("y", 3, 6148914691236517206).Initializer("W", 2, 1).Node("f", "Flatten", "r", "x").Node("m", "MatMul", "y", "r", "W"),
        "flattenHuge" => new Model("y", 1L << 32, 1L << 32, 1L << 32).Initializer("W", 2, 1).Node("f", "Flatten", "r", "x").Node("m", "MatMul", "y", "r", "W"),
        "weightsWithoutInputs" => new Model("y", -1).Initializer("W", 0, 3).Node("m", "MatMul", "y", "x", "W"),
        _ => new Model("y", 2).Initializer("W", 0, 2).Node("g", "Gemm", "y", "x", "W").Int("transB", 1),
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void AHostileFileIsNG0022WithinTheStepBudget(string what, string reason)
    {
        Model model = Build(what);
        (OnnxImportSteps steps, GeneratorHarness.Result result, TextSpan span) = Compile(model);
        Assert.Null(result.Exception);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.Equal("NG0022", diagnostic.Id);
        string expected = "The ONNX file 'net.onnx' is not a supported network: " + reason;
        Assert.True(message.StartsWith(expected, StringComparison.Ordinal), $"expected a message starting\n  {expected}\ngot\n  {message}");
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Empty(result.Sources);
        Assert.InRange(steps.Count, 0, model.Budget);
    }

    [Fact]
    public void ACycleMessageSaysWhatToDo()
    {
        (_, GeneratorHarness.Result result, _) = Compile(Build("gemmReluLoop"));
        Assert.Equal(
            "The ONNX file 'net.onnx' is not a supported network: node 'g' (Gemm) is reached a second time, through the tensor 'x' written by node 'r' (Relu): "
            + "the graph has a cycle, and a network is a chain without one from the input to the output (ONNX graphs are acyclic, so the file is damaged or was edited by hand): export the model again",
            Assert.Single(result.GeneratorDiagnostics).GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ALongValidChainImportsWithinTheStepBudget()
    {
        // 2-3-1 with 1,000 Identity nodes between the layers (what a converter leaves of Dropout).
        Model model = Net().Node("m", "MatMul", "h", "x", "W").Node("add", "Add", "z0", "h", "b");
        for (int i = 0; i < 1000; i++)
        {
            model.Node("i" + i, "Identity", "z" + (i + 1), "z" + i);
        }

        model.Node("t", "Tanh", "a", "z1000").Node("m2", "MatMul", "y", "a", "V");
        (OnnxImportSteps steps, GeneratorHarness.Result result, _) = Compile(model);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Contains("\"2 > Dense(3, Tanh) > Dense(1, Identity)\"", result.SingleSource);
        Assert.InRange(steps.Count, 1004, model.Budget);
    }

    /// <summary>The importer stops at its next step once the build is cancelled (Roslyn's token, from the pipeline).</summary>
    [Fact]
    public void CancellationStopsTheImportAtTheNextStep()
    {
        Model model = Net().Node("m", "MatMul", "h", "x", "W");
        for (int i = 0; i < 100; i++)
        {
            model.Node("i" + i, "Identity", "h" + (i + 1), i == 0 ? "h" : "h" + i);
        }

        model.Node("m2", "MatMul", "y", "h100", "V");
        using var cancellation = new CancellationTokenSource();
        var steps = new OnnxImportSteps { OnStep = count => { if (count == 350) cancellation.Cancel(); } };
        OnnxImporter.Probe.Value = steps;
        try
        {
            (string source, _) = GeneratorHarness.ParseMarkup(Declaration);
            GeneratorDriver driver = GeneratorHarness.Driver().AddAdditionalTexts(ImmutableArray.Create(Encoded(model.ToArray())));
            Assert.ThrowsAny<OperationCanceledException>(() => driver.RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(source), out _, out _, cancellation.Token));
            Assert.Equal(350, steps.Count);
        }
        finally
        {
            OnnxImporter.Probe.Value = null;
        }
    }

    private static AdditionalText Encoded(byte[] bytes) =>
        new GeneratorHarness.InMemoryText("/obj/netgen/net.onnx.b64", "NetGen model net.onnx\n" + Convert.ToBase64String(bytes) + "\n");

    /// <summary>Runs the generator as a build would, counting the importer's steps; past the budget the probe throws.</summary>
    private static (OnnxImportSteps Steps, GeneratorHarness.Result Result, TextSpan Span) Compile(Model model)
    {
        int budget = model.Budget;
        var steps = new OnnxImportSteps
        {
            OnStep = count =>
            {
                if (count > budget)
                {
                    throw new InvalidOperationException($"the importer took more than {budget} steps for {model.NodeCount} nodes");
                }
            },
        };
        OnnxImporter.Probe.Value = steps;
        try
        {
            (string source, TextSpan span) = GeneratorHarness.ParseMarkup(Declaration);
            return (steps, GeneratorHarness.Run(ImmutableArray.Create(Encoded(model.ToArray())), source), span);
        }
        finally
        {
            OnnxImporter.Probe.Value = null;
        }
    }
}
