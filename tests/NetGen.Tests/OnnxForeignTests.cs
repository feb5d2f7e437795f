using System;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NetGen.Data;
using Xunit;

namespace NetGen.Tests;

/// <summary>The Keras MNIST model that netgen-digits compiles in (keras2onnx 1.8.1; Samples/NetGen.Aot/Models/README.md).</summary>
[OnnxModel("robust_model_sigmoid_linear.onnx")] public partial class ImportedKerasMnist { }

/// <summary>A PyTorch 2.2 export (torch.onnx.export, opset 17) from auto_LiRPA (Onnx/README.md).</summary>
[OnnxModel("ood-pytorch.onnx")] public partial class ImportedPyTorchOod { }

/// <summary>A PyTorch 1.11 MNIST export whose input is reshaped by a Constant node (x.view), from Marabou (Onnx/README.md).</summary>
[OnnxModel("softmax-last-layer-pytorch.onnx")] public partial class ImportedPyTorchMnist { }

/// <summary>
/// ONNX files written by other tools, compiled in by [OnnxModel]: they are read as the chains they
/// are and predict what ONNX Runtime computes on the same files within 1e-5.
/// </summary>
public class OnnxForeignTests
{
    [Fact]
    public void TheKerasModelIsReadAsItsThreeLayers()
    {
        Assert.Equal("784 > Dense(64, Sigmoid) > Dense(32, Sigmoid) > Dense(10, Identity)", ImportedKerasMnist.Architecture);
        Assert.Equal(784 * 64 + 64 + 64 * 32 + 32 + 32 * 10 + 10, ImportedKerasMnist.ParameterCount);
    }

    [Fact]
    public void ThePyTorchModelIsReadThroughItsMidChainFlatten()
    {
        // Gemm(2→22) → Gemm(22→2) → Flatten → Gemm(2→200) → Relu → Gemm(200→200) → Relu → Gemm(200→3), every Gemm transB = 1.
        Assert.Equal("2 > Dense(22, Identity) > Dense(2, Identity) > Dense(200, ReLU) > Dense(200, ReLU) > Dense(3, Identity)", ImportedPyTorchOod.Architecture);
    }

    [Fact]
    public void ThePyTorchMnistModelIsReadThroughItsConstantReshape()
    {
        Assert.Equal("784 > Dense(32, ReLU) > Dense(32, ReLU) > Dense(10, Softmax)", ImportedPyTorchMnist.Architecture);
    }

    /// <summary>Real digits, as netgen-digits feeds them: 28×28 grey levels / 255.</summary>
    [Theory]
    [InlineData("keras")]
    [InlineData("pytorch")]
    public void TheMnistModelsPredictWhatOnnxRuntimeComputesOnRealDigits(string which)
    {
        (INeuralNetwork net, string file, string input, int[] shape) = which == "keras"
            ? ((INeuralNetwork)new ImportedKerasMnist(), "robust_model_sigmoid_linear.onnx", "flatten_input", new[] { 1, 28, 28 })
            : (new ImportedPyTorchMnist(), "softmax-last-layer-pytorch.onnx", "input", new[] { 1, 1, 28, 28 });
        IdxImages images = IdxReader.ReadImages(DataTests.SampleData("mnist", "mnist-images-idx3-ubyte.gz"));
        using var session = new InferenceSession(Path.Combine(OnnxFixtures.Folder, file));
        Assert.Equal(shape.Select((d, i) => i == 0 ? -1 : d), session.InputMetadata[input].Dimensions);
        float[] x = new float[784], y = new float[10];
        for (int index = 0; index < 10_000; index += 97)
        {
            ReadOnlySpan<byte> pixels = images.ImageOf(index);
            for (int p = 0; p < 784; p++) x[p] = pixels[p] / 255f;
            using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(x.ToArray(), shape)) });
            float[] expected = results.Single().AsEnumerable<float>().ToArray();
            net.Predict(x, y);
            AssertClose(expected, y, $"{which}, digit {index}");
        }
    }

    /// <summary>The Keras model classifies the samples' 10,000 MNIST digits (95.48 % measured; a wrong layer order or transposed W gives ~10 %).</summary>
    [Fact]
    public void TheKerasModelClassifiesDigits()
    {
        var net = new ImportedKerasMnist();
        IdxImages images = IdxReader.ReadImages(DataTests.SampleData("mnist", "mnist-images-idx3-ubyte.gz"));
        byte[] labels = IdxReader.ReadLabels(DataTests.SampleData("mnist", "mnist-labels-idx1-ubyte.gz"));
        float[] x = new float[784], y = new float[10];
        int correct = 0;
        for (int index = 0; index < images.Count; index++)
        {
            ReadOnlySpan<byte> pixels = images.ImageOf(index);
            for (int p = 0; p < 784; p++) x[p] = pixels[p] / 255f;
            net.Predict(x, y);
            correct += Array.IndexOf(y, y.Max()) == labels[index] ? 1 : 0;
        }

        Assert.InRange(correct / (double)images.Count, 0.95, 1.0);
    }

    [Fact]
    public void ThePyTorchModelPredictsWhatOnnxRuntimeComputes()
    {
        var net = new ImportedPyTorchOod();
        using var session = new InferenceSession(Path.Combine(OnnxFixtures.Folder, "ood-pytorch.onnx"));
        string input = session.InputMetadata.Keys.Single();
        Assert.Equal(new[] { 1, 2 }, session.InputMetadata[input].Dimensions);
        var random = new Random(3);
        float[] x = new float[2], y = new float[3];
        for (int n = 0; n < 200; n++)
        {
            x[0] = (float)(random.NextDouble() * 8 - 4);
            x[1] = (float)(random.NextDouble() * 8 - 4);
            using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(x.ToArray(), new[] { 1, 2 })) });
            float[] expected = results.Single().AsEnumerable<float>().ToArray();
            net.Predict(x, y);
            AssertClose(expected, y, $"x = ({x[0]}, {x[1]})");
        }
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int j = 0; j < expected.Length; j++)
        {
            Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-5f * Math.Max(1f, Math.Abs(expected[j])), $"{what}: output {j}: ONNX Runtime {expected[j]}, NetGen {actual[j]}");
        }
    }
}
