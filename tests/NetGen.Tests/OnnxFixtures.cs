using System;
using System.IO;
using NetGen.Onnx;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The ONNX files the import tests compile in (tests/NetGen.Tests/Onnx/): NetGen's own exports of the
/// seeded networks of <see cref="OnnxExportTests"/> (MatMul + Add form), and gemm.onnx, written here in
/// the form PyTorch exports nn.Linear (Flatten, Gemm with transB = 1, alpha and beta), and
/// reshape(-constant).onnx, the input reshaped by an int64 shape (a Constant node, or an initializer), and
/// gelu-opset20.onnx / mish-opset18.onnx, the parameters of OnnxGeluNet / OnnxMishNet written with ONNX's
/// native Gelu and Mish operators (<see cref="NativeActivation"/>). This test checks
/// that the committed files are exactly what this code writes; NETGEN_UPDATE_ONNX_FIXTURES=1 rewrites them.
/// </summary>
public class OnnxFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Onnx");

    public static readonly string[] Exported = { "OnnxStepNet", "OnnxSigmoidNet", "OnnxTanhNet", "OnnxAtanNet", "OnnxReluNet", "OnnxLeakyNet", "OnnxPReluNet", "OnnxEluNet", "OnnxDeepNet", "OnnxLogSoftmaxNet", "OnnxSimdLogSoftmaxNet", "OnnxGeluNet", "OnnxSiluNet", "OnnxMishNet" };

    /// <summary>Gemm(x, W [4×5], c; transB = 1, alpha 0.5, beta 2) → Relu → Gemm(·, V [4×3]) → Sigmoid, after Flatten of [batch, 1, 5].</summary>
    public static byte[] Gemm()
    {
        float[] w = new float[4 * 5], c = new float[4], v = new float[4 * 3];
        for (int i = 0; i < w.Length; i++) w[i] = MathF.Sin(i * 0.7f) * 0.8f;
        for (int i = 0; i < c.Length; i++) c[i] = 0.1f * i - 0.15f;
        for (int i = 0; i < v.Length; i++) v[i] = MathF.Cos(i * 1.3f);
        var graph = new ProtoWriter()
            .Message(1, Node("Flatten", "flat", "x").Message(5, new ProtoWriter().String(1, "axis").Int(3, 1).Int(20, 2)))
            .Message(1, Node("Gemm", "h", "flat", "W", "c")
                .Message(5, new ProtoWriter().String(1, "transB").Int(3, 1).Int(20, 2))
                .Message(5, new ProtoWriter().String(1, "alpha").Float(2, 0.5f).Int(20, 1))
                .Message(5, new ProtoWriter().String(1, "beta").Float(2, 2f).Int(20, 1)))
            .Message(1, Node("Relu", "r", "h"))
            .Message(1, Node("Gemm", "o", "r", "V"))
            .Message(1, Node("Sigmoid", "y", "o"))
            .String(2, "torch-like")
            .Message(5, Tensor("W", new long[] { 4, 5 }, w))
            .Message(5, Tensor("c", new long[] { 4 }, c))
            .Message(5, Tensor("V", new long[] { 4, 3 }, v))
            .Message(11, ValueInfo("x", -1, 1, 5))
            .Message(12, ValueInfo("y", -1, 3));
        return Model(graph);
    }

    /// <summary>
    /// The input [batch, 1, 2, 3] reshaped to rows of 6 by a Constant node holding the int64 shape
    /// [−1, 6] (as older PyTorch exports write x.view(-1, 6)), then MatMul + Add → Tanh → MatMul + Add
    /// → LogSoftmax; with <paramref name="initializer"/>, the shape [0, 6] is an int64 initializer in
    /// int64_data instead.
    /// </summary>
    public static byte[] Reshape(bool initializer)
    {
        float[] w = new float[6 * 4], b = new float[4], v = new float[4 * 3], c = new float[3];
        for (int i = 0; i < w.Length; i++) w[i] = MathF.Sin(i * 0.9f + 0.3f);
        for (int i = 0; i < b.Length; i++) b[i] = 0.2f * i - 0.3f;
        for (int i = 0; i < v.Length; i++) v[i] = MathF.Cos(i * 0.7f) * 1.5f;
        for (int i = 0; i < c.Length; i++) c[i] = 0.1f * i;
        var shape = new ProtoWriter().PackedInts(1, new long[] { 2 }).Int(2, 7).String(8, "shape");
        if (initializer)
        {
            shape.PackedInts(7, new long[] { 0, 6 }); // int64_data
        }
        else
        {
            byte[] raw = new byte[16];
            BitConverter.TryWriteBytes(raw.AsSpan(0, 8), -1L);
            BitConverter.TryWriteBytes(raw.AsSpan(8, 8), 6L);
            shape.Bytes(9, raw); // raw_data, little-endian
        }

        var graph = new ProtoWriter();
        if (!initializer)
        {
            // Constant node: output "shape", attribute value (AttributeProto.t = 5, type TENSOR = 4).
            graph.Message(1, new ProtoWriter().String(2, "shape").String(3, "constant_shape").String(4, "Constant")
                .Message(5, new ProtoWriter().String(1, "value").Message(5, shape).Int(20, 4)));
        }

        graph.Message(1, Node("Reshape", "rows", "x", "shape"))
            .Message(1, Node("MatMul", "h", "rows", "W"))
            .Message(1, Node("Add", "z", "h", "b"))
            .Message(1, Node("Tanh", "a", "z"))
            .Message(1, Node("MatMul", "o", "a", "V"))
            .Message(1, Node("Add", "zo", "o", "c"))
            .Message(1, Node("LogSoftmax", "y", "zo").Message(5, new ProtoWriter().String(1, "axis").Int(3, 1).Int(20, 2)))
            .String(2, "reshape");
        if (initializer)
        {
            graph.Message(5, shape);
        }

        graph.Message(5, Tensor("W", new long[] { 6, 4 }, w))
            .Message(5, Tensor("b", new long[] { 4 }, b))
            .Message(5, Tensor("V", new long[] { 4, 3 }, v))
            .Message(5, Tensor("c", new long[] { 3 }, c))
            .Message(11, ValueInfo("x", -1, 1, 2, 3))
            .Message(12, ValueInfo("y", -1, 3));
        return Model(graph);
    }

    /// <summary>
    /// The parameters of the native network <paramref name="network"/> (Dense(5) → Dense(4) over 3
    /// inputs, both with the same activation) written with ONNX's own activation operator
    /// <paramref name="op"/> at <paramref name="opset"/>, as tools newer than NetGen's exporter write
    /// them: Gelu (opset 20; the first with approximate = "none" spelled out, the second with the
    /// default) and Mish (opset 18).
    /// </summary>
    public static byte[] NativeActivation(string network, string op, long opset)
    {
        float[] p = OnnxExportTests.CreateNetwork(network).Parameters.ToArray();
        float[] Slice(int start, int length) => p.AsSpan(start, length).ToArray();
        ProtoWriter Activation(string output, string input, bool spelledOut)
        {
            ProtoWriter node = Node(op, output, input);
            return op == "Gelu" && spelledOut ? node.Message(5, new ProtoWriter().String(1, "approximate").String(4, "none").Int(20, 3)) : node;
        }

        var graph = new ProtoWriter()
            .Message(1, Node("MatMul", "h1", "x", "W1"))
            .Message(1, Node("Add", "z1", "h1", "b1"))
            .Message(1, Activation("a1", "z1", spelledOut: true))
            .Message(1, Node("MatMul", "h2", "a1", "W2"))
            .Message(1, Node("Add", "z2", "h2", "b2"))
            .Message(1, Activation("y", "z2", spelledOut: false))
            .String(2, "native-" + op.ToLowerInvariant())
            .Message(5, Tensor("W1", new long[] { 3, 5 }, Slice(0, 15)))
            .Message(5, Tensor("b1", new long[] { 5 }, Slice(15, 5)))
            .Message(5, Tensor("W2", new long[] { 5, 4 }, Slice(20, 20)))
            .Message(5, Tensor("b2", new long[] { 4 }, Slice(40, 4)))
            .Message(11, ValueInfo("x", -1, 3))
            .Message(12, ValueInfo("y", -1, 4));
        Assert.Equal(44, p.Length);
        return Model(graph, opset, irVersion: opset >= 19 ? 9 : 8);
    }

    private static ProtoWriter Tensor(string name, long[] dims, float[] values)
    {
        var t = new ProtoWriter().PackedInts(1, dims).Int(2, 1).String(8, name);
        foreach (float value in values) t.Float(4, value); // float_data, unpacked: the other encoding
        return t;
    }

    private static ProtoWriter Node(string op, string output, params string[] inputs)
    {
        var n = new ProtoWriter();
        foreach (string input in inputs) n.String(1, input);
        return n.String(2, output).String(3, op.ToLowerInvariant() + "_" + output).String(4, op);
    }

    private static ProtoWriter ValueInfo(string name, params long[] dims)
    {
        var shape = new ProtoWriter();
        foreach (long d in dims) shape.Message(1, d < 0 ? new ProtoWriter().String(2, "N") : new ProtoWriter().Int(1, d));
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, new ProtoWriter().Int(1, 1).Message(2, shape)));
    }

    private static byte[] Model(ProtoWriter graph, long opset = 17, long irVersion = 8) =>
        new ProtoWriter().Int(1, irVersion).String(2, "fixture").Message(7, graph).Message(8, new ProtoWriter().String(1, "").Int(2, opset)).ToArray();

    public static byte[] Export(string name) => OnnxExporter.ToBytes(OnnxExportTests.CreateNetwork(name));

    [Fact]
    public void TheCommittedFixturesAreWhatThisCodeWrites()
    {
        string source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Onnx"));
        bool update = Environment.GetEnvironmentVariable("NETGEN_UPDATE_ONNX_FIXTURES") == "1";
        foreach ((string file, byte[] bytes) in Fixtures())
        {
            if (update)
            {
                Directory.CreateDirectory(source);
                File.WriteAllBytes(Path.Combine(source, file), bytes);
            }
            else
            {
                Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(Folder, file)));
            }
        }
    }

    public static System.Collections.Generic.IEnumerable<(string File, byte[] Bytes)> Fixtures()
    {
        foreach (string name in Exported)
        {
            yield return (name + ".onnx", Export(name));
        }

        yield return ("gemm.onnx", Gemm());
        yield return ("reshape-constant.onnx", Reshape(initializer: false));
        yield return ("reshape.onnx", Reshape(initializer: true));
        yield return ("gelu-opset20.onnx", NativeActivation("OnnxGeluNet", "Gelu", 20));
        yield return ("mish-opset18.onnx", NativeActivation("OnnxMishNet", "Mish", 18));
    }
}
