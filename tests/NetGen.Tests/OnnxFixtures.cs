using System;
using System.IO;
using NetGen.Onnx;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The ONNX files the import tests compile in (tests/NetGen.Tests/Onnx/): NetGen's own exports of the
/// seeded networks of <see cref="OnnxExportTests"/> (MatMul + Add form), and gemm.onnx, written here in
/// the form PyTorch exports nn.Linear (Flatten, Gemm with transB = 1, alpha and beta). This test checks
/// that the committed files are exactly what this code writes; NETGEN_UPDATE_ONNX_FIXTURES=1 rewrites them.
/// </summary>
public class OnnxFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Onnx");

    public static readonly string[] Exported = { "OnnxStepNet", "OnnxSigmoidNet", "OnnxTanhNet", "OnnxAtanNet", "OnnxReluNet", "OnnxLeakyNet", "OnnxPReluNet", "OnnxEluNet", "OnnxDeepNet", "OnnxLogSoftmaxNet", "OnnxSimdLogSoftmaxNet" };

    /// <summary>Gemm(x, W [4×5], c; transB = 1, alpha 0.5, beta 2) → Relu → Gemm(·, V [4×3]) → Sigmoid, after Flatten of [batch, 1, 5].</summary>
    public static byte[] Gemm()
    {
        float[] w = new float[4 * 5], c = new float[4], v = new float[4 * 3];
        for (int i = 0; i < w.Length; i++) w[i] = MathF.Sin(i * 0.7f) * 0.8f;
        for (int i = 0; i < c.Length; i++) c[i] = 0.1f * i - 0.15f;
        for (int i = 0; i < v.Length; i++) v[i] = MathF.Cos(i * 1.3f);
        ProtoWriter Tensor(string name, long[] dims, float[] values)
        {
            var t = new ProtoWriter().PackedInts(1, dims).Int(2, 1).String(8, name);
            foreach (float value in values) t.Float(4, value); // float_data, unpacked: the other encoding
            return t;
        }

        ProtoWriter Node(string op, string output, params string[] inputs)
        {
            var n = new ProtoWriter();
            foreach (string input in inputs) n.String(1, input);
            return n.String(2, output).String(3, op.ToLowerInvariant() + "_" + output).String(4, op);
        }

        ProtoWriter ValueInfo(string name, params long[] dims)
        {
            var shape = new ProtoWriter();
            foreach (long d in dims) shape.Message(1, d < 0 ? new ProtoWriter().String(2, "N") : new ProtoWriter().Int(1, d));
            return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, new ProtoWriter().Int(1, 1).Message(2, shape)));
        }

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
        return new ProtoWriter().Int(1, 8).String(2, "fixture").Message(7, graph).Message(8, new ProtoWriter().String(1, "").Int(2, 17)).ToArray();
    }

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
    }
}
