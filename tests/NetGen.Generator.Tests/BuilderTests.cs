using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Building;
using NetGen.Generator.Model;
using G = NetGen.Generator.Model; // its Activation, Init, CodeGen: the runtime's files compiled into the generator
using NetGen.Onnx;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// The one builder both readers use: the policy (layout, strategy, defaults, α checks) is the same for a
/// [Network] declaration and an imported ONNX graph. Before it, the importer had its own copy, which had
/// drifted: it took an α of NaN from the file (the parser refuses NaN, NG0025) and gave every layer
/// Glorot initialisation (the parser gives the ReLU family He).
/// </summary>
public class BuilderTests
{
    private static readonly (string, long[], float[], int)[] Weights = OnnxImportDiagnosticTests.Weights;

    private static ProtoWriter Node(string op, string output, params string[] inputs) => OnnxImportDiagnosticTests.Node(op, output, inputs);

    /// <summary>A node with one float attribute (AttributeProto: name 1, f 2, type 20 = FLOAT).</summary>
    private static ProtoWriter WithFloat(ProtoWriter node, string name, float value) =>
        node.Message(5, new ProtoWriter().String(1, name).Float(2, value).Int(20, 1));

    private static GeneratorHarness.Result Import(byte[] model) =>
        GeneratorHarness.Run(ImmutableArray.Create(OnnxImportDiagnosticTests.Encoded("net.onnx", model)),
            "[NetGen.OnnxModel(\"net.onnx\")]\npublic partial class Net { }");

    private static byte[] Model(ProtoWriter activation) =>
        OnnxImportDiagnosticTests.Model(2, "y", Weights, Node("MatMul", "h", "x", "W"), Node("Add", "z", "h", "b"), activation, Node("MatMul", "y", "a", "V"));

    [Theory]
    [InlineData("LeakyRelu")]
    [InlineData("Elu")]
    public void AnImportedAlphaOfNaNIsRefusedAsInAnAttribute(string op)
    {
        GeneratorHarness.Result result = Import(Model(WithFloat(Node(op, "a", "z"), "alpha", float.NaN)));
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("NG0022", diagnostic.Id);
        Assert.Contains("Alpha of layer 1 is float.NaN, but it must be a finite number", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Empty(result.Sources);

        // The same α in an attribute: NG0025 on it.
        GeneratorHarness.Result declared = GeneratorHarness.Run(
            $"[NetGen.Network(Inputs = 2)]\n[NetGen.Dense(3, NetGen.Activation.{(op == "Elu" ? "ELU" : "LeakyReLU")}, Alpha = float.NaN)]\n[NetGen.Dense(1)]\npublic partial class Net {{ }}");
        Assert.Equal("NG0025", Assert.Single(declared.GeneratorDiagnostics).Id);
    }

    [Fact]
    public void AnImportedReluLayerGetsTheInitialisationADeclaredOneGets()
    {
        string imported = Import(Model(Node("Relu", "a", "z"))).SingleSource;
        string declared = GeneratorHarness.Run("[NetGen.Network(Inputs = 2)]\n[NetGen.Dense(3, NetGen.Activation.ReLU)]\n[NetGen.Dense(1)]\npublic partial class Net { }").SingleSource;
        const string he = "[2×3] ReLU; W1 at 0, b1 at 6; He uniform ±√(6/2)";
        Assert.Contains(he, declared, System.StringComparison.Ordinal);
        Assert.Contains(he, imported, System.StringComparison.Ordinal);
    }

    private static NetworkSpec Build(int inputs, params LayerRequest[] layers)
    {
        BuildResult result = NetworkBuilder.Build(new NetworkRequest(null, default, "N", "N", inputs, 0, layers.Length, layers));
        Assert.Empty(result.Problems);
        return result.Spec!;
    }

    [Fact]
    public void AutoUnrollsUpTo256WeightsAndUsesSimdAbove()
    {
        NetworkSpec spec = Build(16, new LayerRequest(1, 16, G.Activation.Tanh), new LayerRequest(2, 17, G.Activation.Tanh), new LayerRequest(3, 1, G.Activation.Identity));
        Assert.Equal(new[] { LayerStrategy.Unrolled, LayerStrategy.Simd, LayerStrategy.Unrolled }, spec.Layers.Select(l => l.Strategy));
    }

    [Fact]
    public void DefaultsAndLayoutFollowTheActivation()
    {
        NetworkSpec spec = Build(3,
            new LayerRequest(1, 4, G.Activation.PReLU),
            new LayerRequest(2, 2, G.Activation.ELU),
            new LayerRequest(3, 2, G.Activation.LeakyReLU, 0.2f, G.Init.GlorotUniform),
            new LayerRequest(4, 1, G.Activation.Sigmoid));
        Assert.Equal(new[] { 0.25f, 1f, 0.2f, 0f }, spec.Layers.Select(l => l.Alpha));
        Assert.Equal(new[] { G.Init.HeUniform, G.Init.HeUniform, G.Init.GlorotUniform, G.Init.GlorotUniform }, spec.Layers.Select(l => l.Init));
        // W, b, then PReLU's slopes: 3·4 + 4 + 4 = 20, then 4·2 + 2, 2·2 + 2, 2·1 + 1.
        Assert.Equal(new[] { 0, 20, 30, 36 }, spec.Layers.Select(l => l.ParameterOffset));
        Assert.Equal(39, spec.ParameterCount);
    }

    [Fact]
    public void UnrolledPast1024WeightsIsNG0013OnTheCodeGen()
    {
        BuildResult result = NetworkBuilder.Build(new NetworkRequest(null, default, "N", "N", 33, 0, 2,
            new[] { new LayerRequest(1, 32, G.Activation.Tanh, CodeGen: G.CodeGen.Unrolled), new LayerRequest(2, 1, G.Activation.Identity) }));
        Assert.Null(result.Spec);
        BuildProblem problem = Assert.Single(result.Problems);
        Assert.Equal(("NG0013", 1, RequestPart.CodeGen), (problem.Problem.Descriptor.Id, problem.Layer, problem.Part));
    }
}
