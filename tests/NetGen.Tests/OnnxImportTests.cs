using System;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;

namespace NetGen.Tests;

[OnnxModel("OnnxStepNet.onnx")] public partial class ImportedStep { }
[OnnxModel("OnnxSigmoidNet.onnx")] public partial class ImportedSigmoid { }
[OnnxModel("OnnxTanhNet.onnx")] public partial class ImportedTanh { }
[OnnxModel("OnnxAtanNet.onnx")] public partial class ImportedAtan { }
[OnnxModel("OnnxReluNet.onnx")] public partial class ImportedRelu { }
[OnnxModel("OnnxLeakyNet.onnx")] public partial class ImportedLeaky { }
[OnnxModel("OnnxPReluNet.onnx")] public partial class ImportedPRelu { }
[OnnxModel("OnnxEluNet.onnx")] public partial class ImportedElu { }
[OnnxModel("Onnx/OnnxDeepNet.onnx")] public partial class ImportedDeep { }
[OnnxModel("gemm.onnx")] public partial class ImportedGemm { }
[OnnxModel("reshape.onnx")] public partial class ImportedReshape { }
[OnnxModel("reshape-constant.onnx")] public partial class ImportedReshapeConstant { }
[OnnxModel("OnnxLogSoftmaxNet.onnx")] public partial class ImportedLogSoftmax { }
[OnnxModel("OnnxSimdLogSoftmaxNet.onnx")] public partial class ImportedSimdLogSoftmax { }
[OnnxModel("OnnxGeluNet.onnx")] public partial class ImportedGelu { }
[OnnxModel("OnnxSiluNet.onnx")] public partial class ImportedSilu { }
[OnnxModel("OnnxMishNet.onnx")] public partial class ImportedMish { }
[OnnxModel("gelu-opset20.onnx")] public partial class ImportedNativeGelu { }
[OnnxModel("mish-opset18.onnx")] public partial class ImportedNativeMish { }

/// <summary>
/// [OnnxModel]: ONNX files compiled into classes at build time. NetGen's own exports come back with
/// bit-identical parameters and predictions; every file, including a PyTorch-style Gemm model
/// (Flatten, transB = 1, alpha, beta, float_data), predicts what ONNX Runtime computes within 1e-5.
/// </summary>
public class OnnxImportTests
{
    private static INeuralNetwork Imported(string name) => name switch
    {
        "OnnxStepNet" => new ImportedStep(),
        "OnnxSigmoidNet" => new ImportedSigmoid(),
        "OnnxTanhNet" => new ImportedTanh(),
        "OnnxAtanNet" => new ImportedAtan(),
        "OnnxReluNet" => new ImportedRelu(),
        "OnnxLeakyNet" => new ImportedLeaky(),
        "OnnxPReluNet" => new ImportedPRelu(),
        "OnnxEluNet" => new ImportedElu(),
        "OnnxDeepNet" => new ImportedDeep(),
        "OnnxLogSoftmaxNet" => new ImportedLogSoftmax(),
        "OnnxSimdLogSoftmaxNet" => new ImportedSimdLogSoftmax(),
        "OnnxGeluNet" => new ImportedGelu(),
        "OnnxSiluNet" => new ImportedSilu(),
        "OnnxMishNet" => new ImportedMish(),
        "gelu-opset20" => new ImportedNativeGelu(),
        "mish-opset18" => new ImportedNativeMish(),
        "reshape" => new ImportedReshape(),
        "reshape-constant" => new ImportedReshapeConstant(),
        _ => new ImportedGemm(),
    };

    public static TheoryData<string> ExportedNames()
    {
        var data = new TheoryData<string>();
        foreach (string name in OnnxFixtures.Exported)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExportedNames))]
    public void ExportThenImportGivesBackBitIdenticalParametersAndPredictions(string name)
    {
        INeuralNetwork original = OnnxExportTests.CreateNetwork(name);
        INeuralNetwork imported = Imported(name);
        Assert.Equal(original.InputSize, imported.InputSize);
        Assert.Equal(original.OutputSize, imported.OutputSize);
        Assert.Equal(original.Parameters.Length, imported.Parameters.Length);
        for (int i = 0; i < original.Parameters.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(original.Parameters[i]), BitConverter.SingleToInt32Bits(imported.Parameters[i]));
        }

        var random = new Random(5);
        float[] x = new float[original.InputSize], a = new float[original.OutputSize], b = new float[original.OutputSize];
        for (int n = 0; n < 50; n++)
        {
            for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 4 - 2);
            original.Predict(x, a);
            imported.Predict(x, b);
            Assert.Equal(a, b);
        }

        Assert.False(imported is ITrainableNetwork); // inference only
    }

    [Theory]
    [MemberData(nameof(ExportedNames))]
    [InlineData("gemm")]
    [InlineData("reshape")]
    [InlineData("reshape-constant")]
    [InlineData("gelu-opset20")]
    [InlineData("mish-opset18")]
    public void ImportedPredictEqualsOnnxRuntimeOnTheSameFile(string name)
    {
        INeuralNetwork imported = Imported(name);
        using var session = new InferenceSession(System.IO.Path.Combine(OnnxFixtures.Folder, name + ".onnx"));
        string input = session.InputMetadata.Keys.Single();
        int[] shape = session.InputMetadata[input].Dimensions.Select(d => d < 0 ? 1 : d).ToArray();
        var random = new Random(9);
        float[] x = new float[imported.InputSize], expected = new float[imported.OutputSize];
        for (int n = 0; n < 30; n++)
        {
            for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 4 - 2);
            using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(x.ToArray(), shape)) });
            float[] onnx = results.Single().AsEnumerable<float>().ToArray();
            imported.Predict(x, expected);
            for (int j = 0; j < expected.Length; j++)
            {
                Assert.True(Math.Abs(onnx[j] - expected[j]) <= 1e-5f * Math.Max(1f, Math.Abs(onnx[j])), $"{name}: output {j}: ONNX Runtime {onnx[j]}, NetGen {expected[j]}");
            }
        }
    }

    [Fact]
    public void AReshapeOfTheInputByAnInt64ShapeIsReadFromAConstantNodeOrAnInitializer()
    {
        Assert.Equal("6 > Dense(4, Tanh) > Dense(3, LogSoftmax)", ImportedReshape.Architecture);
        Assert.Equal(ImportedReshape.Architecture, ImportedReshapeConstant.Architecture);
    }

    /// <summary>
    /// ONNX's native Gelu (opset 20, approximate = "none" spelled out or absent) and Mish (opset 18)
    /// nodes are read as Activation.GELU and Activation.Mish: the networks are the natively declared
    /// OnnxGeluNet and OnnxMishNet, bit for bit, and match a double reference of the formula.
    /// </summary>
    [Theory]
    [InlineData("gelu-opset20", "OnnxGeluNet", "GELU")]
    [InlineData("mish-opset18", "OnnxMishNet", "Mish")]
    public void NativeGeluAndMishNodesAreTheNativelyDeclaredNetworks(string file, string native, string activation)
    {
        INeuralNetwork imported = Imported(file);
        INeuralNetwork declared = OnnxExportTests.CreateNetwork(native);
        Assert.Equal($"3 > Dense(5, {activation}) > Dense(4, {activation})", file == "gelu-opset20" ? ImportedNativeGelu.Architecture : ImportedNativeMish.Architecture);
        Assert.Equal(declared.Parameters.ToArray(), imported.Parameters.ToArray());

        var random = new Random(11);
        float[] p = declared.Parameters.ToArray();
        float[] x = new float[3], a = new float[4], b = new float[4];
        for (int n = 0; n < 50; n++)
        {
            for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 8 - 4);
            declared.Predict(x, a);
            imported.Predict(x, b);
            Assert.Equal(a, b);
            double[] reference = DenseReference(DenseReference(x.Select(v => (double)v).ToArray(), p, 0, 3, 5, activation), p, 20, 5, 4, activation);
            for (int j = 0; j < 4; j++)
            {
                Assert.True(Math.Abs(reference[j] - b[j]) <= 1e-5 * Math.Max(1, Math.Abs(reference[j])), $"{file}: output {j}: reference {reference[j]}, NetGen {b[j]}");
            }
        }
    }

    /// <summary>One dense layer in double: weights [inputs × units] then the bias at <paramref name="offset"/>, then GELU (exact) or Mish.</summary>
    private static double[] DenseReference(double[] x, float[] p, int offset, int inputs, int units, string activation)
    {
        double[] a = new double[units];
        for (int j = 0; j < units; j++)
        {
            double z = p[offset + inputs * units + j];
            for (int i = 0; i < inputs; i++) z += x[i] * p[offset + i * units + j];
            a[j] = activation == "GELU"
                ? 0.5 * z * (1 + NetGen.Tests.Reference.ReferenceMath.Erf(z / Math.Sqrt(2)))
                : z * Math.Tanh(Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))));
        }

        return a;
    }

    [Fact]
    public void TheGemmModelIsReadAsTwoLayers()
    {
        Assert.Equal("5 > Dense(4, ReLU) > Dense(3, Sigmoid)", ImportedGemm.Architecture);
        Assert.Equal(4 * 5 + 4 + 4 * 3 + 3, ImportedGemm.ParameterCount);
    }
}
