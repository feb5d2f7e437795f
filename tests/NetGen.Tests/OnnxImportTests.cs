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

    [Fact]
    public void TheGemmModelIsReadAsTwoLayers()
    {
        Assert.Equal("5 > Dense(4, ReLU) > Dense(3, Sigmoid)", ImportedGemm.Architecture);
        Assert.Equal(4 * 5 + 4 + 4 * 3 + 3, ImportedGemm.ParameterCount);
    }
}
