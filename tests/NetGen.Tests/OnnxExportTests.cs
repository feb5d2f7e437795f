using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NetGen.Onnx;
using Xunit;

namespace NetGen.Tests;

[Network(Inputs = 3, Seed = 11)] [Dense(5, Activation.Identity)] [Dense(4, Activation.Identity)] public partial class OnnxIdentityNet { }
[Network(Inputs = 3, Seed = 12)] [Dense(5, Activation.BinaryStep)] [Dense(4, Activation.Identity)] public partial class OnnxStepNet { }
[Network(Inputs = 3, Seed = 13)] [Dense(5, Activation.Sigmoid)] [Dense(4, Activation.Sigmoid)] public partial class OnnxSigmoidNet { }
[Network(Inputs = 3, Seed = 14)] [Dense(5, Activation.Tanh)] [Dense(4, Activation.Softmax)] public partial class OnnxTanhNet { }
[Network(Inputs = 3, Seed = 15)] [Dense(5, Activation.ArcTan)] [Dense(4, Activation.Identity)] public partial class OnnxAtanNet { }
[Network(Inputs = 3, Seed = 16)] [Dense(5, Activation.ReLU)] [Dense(4, Activation.Softmax)] public partial class OnnxReluNet { }
[Network(Inputs = 3, Seed = 17)] [Dense(5, Activation.LeakyReLU, Alpha = 0.05f)] [Dense(4, Activation.Identity)] public partial class OnnxLeakyNet { }
[Network(Inputs = 3, Seed = 18)] [Dense(5, Activation.PReLU, Alpha = 0.3f)] [Dense(4, Activation.Identity)] public partial class OnnxPReluNet { }
[Network(Inputs = 3, Seed = 19)] [Dense(5, Activation.ELU, Alpha = 0.7f)] [Dense(4, Activation.SoftPlus)] public partial class OnnxEluNet { }
[Network(Inputs = 40, Seed = 20)] [Dense(33, Activation.ReLU)] [Dense(17, Activation.Tanh)] [Dense(10, Activation.Softmax)] public partial class OnnxDeepNet { }
[Network(Inputs = 3, Seed = 21)] [Dense(5, Activation.Sigmoid)] [Dense(4, Activation.LogSoftmax)] public partial class OnnxLogSoftmaxNet { }
[Network(Inputs = 30, Seed = 22)] [Dense(20, Activation.ReLU)] [Dense(12, Activation.LogSoftmax)] public partial class OnnxSimdLogSoftmaxNet { }
[Network(Inputs = 3, Seed = 23)] [Dense(5, Activation.GELU)] [Dense(4, Activation.GELU)] public partial class OnnxGeluNet { }
[Network(Inputs = 30, Seed = 24, CodeGen = CodeGen.Simd)] [Dense(20, Activation.GELU)] [Dense(4, Activation.Identity)] public partial class OnnxSimdGeluNet { }
[Network(Inputs = 3, Seed = 25)] [Dense(5, Activation.SiLU)] [Dense(4, Activation.SiLU)] public partial class OnnxSiluNet { }
[Network(Inputs = 30, Seed = 26, CodeGen = CodeGen.Simd)] [Dense(20, Activation.SiLU)] [Dense(4, Activation.Identity)] public partial class OnnxSimdSiluNet { }
[Network(Inputs = 3, Seed = 27)] [Dense(5, Activation.Mish)] [Dense(4, Activation.Mish)] public partial class OnnxMishNet { }
[Network(Inputs = 30, Seed = 28, CodeGen = CodeGen.Simd)] [Dense(20, Activation.Mish)] [Dense(4, Activation.Identity)] public partial class OnnxSimdMishNet { }

/// <summary>
/// ONNX export checked by ONNX Runtime (a test-only dependency): for every activation and a few
/// shapes, ONNX Runtime's output on the exported file equals NetGen's Predict within 1e-5.
/// </summary>
public class OnnxExportTests
{
    public static TheoryData<string> Networks() => new()
    {
        nameof(OnnxIdentityNet), nameof(OnnxStepNet), nameof(OnnxSigmoidNet), nameof(OnnxTanhNet), nameof(OnnxAtanNet),
        nameof(OnnxReluNet), nameof(OnnxLeakyNet), nameof(OnnxPReluNet), nameof(OnnxEluNet), nameof(OnnxDeepNet),
        nameof(OnnxLogSoftmaxNet), nameof(OnnxSimdLogSoftmaxNet), nameof(OnnxGeluNet), nameof(OnnxSimdGeluNet), nameof(OnnxSiluNet), nameof(OnnxSimdSiluNet), nameof(OnnxMishNet), nameof(OnnxSimdMishNet), nameof(CustomScaledTanhUnrolled), nameof(CustomSoftClipUnrolled), nameof(CustomLog10Net), nameof(CustomHandMishUnrolled), nameof(CustomSwishTwoBetas), nameof(CustomShortForm), "Mnist",
    };

    public static INeuralNetwork CreateNetwork(string name) => Create(name);

    private static INeuralNetwork Create(string name) => name switch
    {
        nameof(OnnxIdentityNet) => new OnnxIdentityNet(),
        nameof(OnnxStepNet) => new OnnxStepNet(),
        nameof(OnnxSigmoidNet) => new OnnxSigmoidNet(),
        nameof(OnnxTanhNet) => new OnnxTanhNet(),
        nameof(OnnxAtanNet) => new OnnxAtanNet(),
        nameof(OnnxReluNet) => new OnnxReluNet(),
        nameof(OnnxLeakyNet) => new OnnxLeakyNet(),
        nameof(OnnxPReluNet) => Perturbed(new OnnxPReluNet()),
        nameof(OnnxEluNet) => new OnnxEluNet(),
        nameof(OnnxDeepNet) => new OnnxDeepNet(),
        nameof(OnnxLogSoftmaxNet) => new OnnxLogSoftmaxNet(),
        nameof(OnnxSimdLogSoftmaxNet) => new OnnxSimdLogSoftmaxNet(),
        nameof(OnnxGeluNet) => new OnnxGeluNet(),
        nameof(OnnxSimdGeluNet) => new OnnxSimdGeluNet(),
        nameof(OnnxSiluNet) => new OnnxSiluNet(),
        nameof(OnnxSimdSiluNet) => new OnnxSimdSiluNet(),
        nameof(OnnxMishNet) => new OnnxMishNet(),
        nameof(OnnxSimdMishNet) => new OnnxSimdMishNet(),
        nameof(CustomScaledTanhUnrolled) => new CustomScaledTanhUnrolled(),
        nameof(CustomSoftClipUnrolled) => new CustomSoftClipUnrolled(),
        nameof(CustomLog10Net) => new CustomLog10Net(),
        nameof(CustomHandMishUnrolled) => new CustomHandMishUnrolled(),
        nameof(CustomSwishTwoBetas) => new CustomSwishTwoBetas(),
        nameof(CustomShortForm) => new CustomShortForm(),
        _ => new NetGen.Samples.MnistNet(),
    };

    /// <summary>PReLU's slopes start equal; make them differ, as after training, so that each is checked.</summary>
    private static INeuralNetwork Perturbed(INeuralNetwork net)
    {
        Span<float> p = net.Parameters;
        for (int i = p.Length - 4 * 5 - 4 - 5; i < p.Length - 4 * 5 - 4; i++)
        {
            p[i] = 0.1f * (i % 5) - 0.15f;
        }

        return net;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void OnnxRuntimeComputesWhatPredictComputes(string name)
    {
        INeuralNetwork net = Create(name);
        byte[] model = OnnxExporter.ToBytes(net);
        using var session = new InferenceSession(model, new SessionOptions { IntraOpNumThreads = 1 });
        Assert.Equal("input", session.InputMetadata.Keys.Single());
        Assert.Equal("output", session.OutputMetadata.Keys.Single());
        Assert.Equal(new[] { -1, net.InputSize }, session.InputMetadata["input"].Dimensions);

        const int batch = 7;
        var random = new Random(name.Length);
        float[] inputs = new float[batch * net.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)(random.NextDouble() * 4 - 2);
        }

        var tensor = new DenseTensor<float>(inputs, new[] { batch, net.InputSize });
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("input", tensor) });
        float[] onnx = results.Single().AsEnumerable<float>().ToArray();
        Assert.Equal(batch * net.OutputSize, onnx.Length);

        float[] expected = new float[net.OutputSize];
        for (int s = 0; s < batch; s++)
        {
            net.Predict(inputs.AsSpan(s * net.InputSize, net.InputSize), expected);
            for (int j = 0; j < net.OutputSize; j++)
            {
                float actual = onnx[s * net.OutputSize + j];
                Assert.True(Math.Abs(actual - expected[j]) <= 1e-5f * Math.Max(1f, Math.Abs(expected[j])),
                    $"{name}, sample {s}, output {j}: ONNX Runtime {actual}, NetGen {expected[j]}");
            }
        }
    }

    [Fact]
    public void TheModelCarriesProducerAndArchitecture()
    {
        var net = new OnnxTanhNet();
        using var session = new InferenceSession(OnnxExporter.ToBytes(net));
        ModelMetadata metadata = session.ModelMetadata;
        Assert.Equal("NetGen", metadata.ProducerName);
        Assert.Equal(OnnxTanhNet.Architecture, metadata.CustomMetadataMap["netgen.architecture"]);
        Assert.Equal(OnnxTanhNet.ArchitectureFingerprint.ToString("X16"), metadata.CustomMetadataMap["netgen.fingerprint"]);
    }

    [Fact]
    public void ANetworkWithoutTheGeneratedOnnxFormIsRefused()
    {
        // The exporter knows no activation by name: a network that does not carry its recipes
        // (IOnnxForm, written by the generator from its catalog) cannot be exported.
        var net = new HandWritten(new OnnxTanhNet());
        ArgumentException error = Assert.Throws<ArgumentException>(() => OnnxExporter.ToBytes(net));
        Assert.Contains("IOnnxForm", error.Message, StringComparison.Ordinal);
    }

    private sealed class HandWritten(INeuralNetwork inner) : INeuralNetwork
    {
        public int InputSize => inner.InputSize;
        public int OutputSize => inner.OutputSize;
        public int ParameterCount => inner.ParameterCount;
        public string Architecture => inner.Architecture;
        public ulong ArchitectureFingerprint => inner.ArchitectureFingerprint;
        public Span<float> Parameters => inner.Parameters;
        public void Predict(ReadOnlySpan<float> input, Span<float> output) => inner.Predict(input, output);
        public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count) => inner.PredictBatch(inputs, outputs, count);
    }
}
