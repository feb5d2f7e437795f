using System;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// PredictBatch against Predict, sample by sample, for every strategy and chunk boundary (64 rows, or
/// 12 for the 9,000-unit networks), including networks whose Predict scratch is too large for the stack.
/// </summary>
public class PredictBatchTests
{
    public static TheoryData<string> Networks() => new()
    {
        "iris (unrolled)", "mnist (SIMD)", "size 20 loops", "size 20 SIMD", "size 9 unrolled", "imported Gemm", "embedded XOR", "deep",
        "8-9000-2 (heap scratch)", "4-9000-2 trainable (heap scratch)", "2-9000-2 loops (heap scratch)", "784-512-512-10",
        "custom activations unrolled", "custom activations SIMD", "custom activations loops", "custom activation, inference only",
    };

    private static INeuralNetwork Create(string name) => name switch
    {
        "iris (unrolled)" => new NetGen.Samples.IrisNet(),
        "mnist (SIMD)" => new NetGen.Samples.MnistNet(),
        "size 20 loops" => Strategies.StrategyCases.All[19].Loops(),
        "size 20 SIMD" => Strategies.StrategyCases.All[19].Simd(),
        "size 9 unrolled" => Strategies.StrategyCases.All[8].Unrolled!(),
        "imported Gemm" => new ImportedGemm(),
        "embedded XOR" => new EmbeddedXor(),
        "8-9000-2 (heap scratch)" => new WideInferenceOnly(),
        "4-9000-2 trainable (heap scratch)" => new Concurrency.WideTrainable(),
        "2-9000-2 loops (heap scratch)" => new Concurrency.WideLoops(),
        "784-512-512-10" => new Concurrency.Large(),
        "custom activations unrolled" => new CustomDropoutL2Unrolled(),
        "custom activations SIMD" => new CustomDropoutL2SimdThreads(),
        "custom activations loops" => new CustomScaledTanhLoops(),
        "custom activation, inference only" => new CustomInferenceOnly(),
        _ => new OnnxDeepNet(),
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void EqualsPredictForEveryRowAndAllocatesNothingAfterTheFirstCall(string name)
    {
        INeuralNetwork net = Create(name);
        var random = new Random(name.Length);
        foreach (int count in new[] { 0, 1, 3, 63, 64, 65, 130 })
        {
            float[] inputs = new float[count * net.InputSize];
            for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)(random.NextDouble() * 2 - 1);
            float[] outputs = new float[count * net.OutputSize];
            net.PredictBatch(inputs, outputs, count);
            float[] one = new float[net.OutputSize];
            for (int s = 0; s < count; s++)
            {
                net.Predict(inputs.AsSpan(s * net.InputSize, net.InputSize), one);
                for (int j = 0; j < one.Length; j++)
                {
                    float batched = outputs[s * net.OutputSize + j];
                    Assert.True(Math.Abs(batched - one[j]) <= 1e-5f * Math.Max(1f, Math.Abs(one[j])), $"{name}, count {count}, sample {s}, output {j}: batch {batched}, single {one[j]}");
                }
            }

            // The fewest bytes of three calls (Allocations.Fewest): a call that allocates every time shows in
            // all three; the runtime's own one-off allocations (tiered recompilation, seen once in CI) do not.
            float[] sample = new float[net.InputSize];
            long fewest = Allocations.Fewest(() => net.PredictBatch(inputs, outputs, count), rounds: 3);
            long fewestPredict = Allocations.Fewest(() => net.Predict(sample, one), rounds: 3);

            Assert.Equal(0, fewest);
            Assert.Equal(0, fewestPredict);
        }
    }

    [Fact]
    public void WrongLengthsAndNegativeCountsAreRejected()
    {
        var net = new NetGen.Samples.IrisNet();
        Assert.Throws<ArgumentException>(() => net.PredictBatch(new float[8], new float[6], 3));
        Assert.Throws<ArgumentException>(() => net.PredictBatch(new float[12], new float[5], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => net.PredictBatch(new float[0], new float[0], -1));
    }
}
