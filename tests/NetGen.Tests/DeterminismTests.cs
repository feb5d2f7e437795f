using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// What is deterministic, exactly. The initial parameters depend only on the seed and the
/// architecture: the same on every run and every machine (checked against exact values). Training
/// is bit-identical for the same seed, data, options and <c>Threads</c> on the same instruction set
/// (vector width, FMA) and .NET runtime; on another instruction set the sums are added in another
/// order and the trained parameters differ in the last bits (measured: AVX2 against
/// <c>DOTNET_EnableAVX2=0</c>, after 20 Adam steps of the MNIST network and 25 SGD steps of an
/// unrolled one).
/// </summary>
public class DeterminismTests
{
    [Fact]
    public void SameSeedGivesIdenticalParametersAfterConstruction()
    {
        Assert.Equal(new ReluTanhSoftmaxCrossEntropy().Parameters.ToArray(), new ReluTanhSoftmaxCrossEntropy().Parameters.ToArray());
        Assert.Equal(new LoopsTanhIdentityMse().Parameters.ToArray(), new LoopsTanhIdentityMse().Parameters.ToArray());
    }

    [Fact]
    public void UserConstructorsGetTheSameInitialParameters()
    {
        // WithConstructors has the shape and seed of TanhIdentityMse, and declares its own constructors.
        float[] expected = new TanhIdentityMse().Parameters.ToArray();
        Assert.Equal(expected, new WithConstructors().Parameters.ToArray());
        Assert.Equal(expected, new WithConstructors("named").Parameters.ToArray());
        Assert.Equal("named", new WithConstructors("named").Name);
    }

    [Fact]
    public void InitialParametersAreTheSameOnEveryMachine()
    {
        // Exact values: SplitMix64 and one rounding per float (limit · (2u − 1)), no vector code, so
        // any machine, instruction set (these checksums were also seen with DOTNET_EnableAVX2=0 and
        // DOTNET_EnableHWIntrinsic=0) and .NET version gives these bits. FNV-1a over the bytes.
        Assert.Equal(619038414903414750UL, Checksum(new ReluTanhSoftmaxCrossEntropy().Parameters)); // unrolled
        Assert.Equal(6189198784273412920UL, Checksum(new LoopsTanhIdentityMse().Parameters));        // loops
        Assert.Equal(398402798999255401UL, Checksum(new NetGen.Samples.MnistNet().Parameters));     // SIMD, 101,770 parameters
        Assert.Equal(new[] { 0.081291996f, 0.7923916f, 0.17115295f, -0.8035f }, new ReluTanhSoftmaxCrossEntropy().Parameters[..4].ToArray());
    }

    [Fact]
    public void SameSeedGivesIdenticalParametersAfterTrainingOnTheSameMachine()
    {
        // Same seed, data, Threads and instruction set: bit-identical. (Not across instruction sets:
        // see the class summary.)
        float[] first = Train(new ReluTanhSoftmaxCrossEntropy(), 25);
        float[] second = Train(new ReluTanhSoftmaxCrossEntropy(), 25);
        Assert.Equal(first, second);
        Assert.NotEqual(new ReluTanhSoftmaxCrossEntropy().Parameters.ToArray(), first);
    }

    [Fact]
    public void InitialisationFollowsTheSpec()
    {
        // ReluTanhSoftmaxCrossEntropy: 3 →(ReLU, He) 5 →(Tanh, Glorot) 6 →(Softmax, Glorot) 4.
        float[] p = new ReluTanhSoftmaxCrossEntropy().Parameters.ToArray();
        AssertUniformBlock(p.AsSpan(0, 15), MathF.Sqrt(6f / 3));
        Assert.All(p[15..20], b => Assert.Equal(0f, b));
        AssertUniformBlock(p.AsSpan(20, 30), MathF.Sqrt(6f / (5 + 6)));
        Assert.All(p[50..56], b => Assert.Equal(0f, b));
        AssertUniformBlock(p.AsSpan(56, 24), MathF.Sqrt(6f / (6 + 4)));
        Assert.All(p[80..84], b => Assert.Equal(0f, b));

        // The first weight is the first draw of SplitMix64 from the seed, scaled to ±limit.
        var random = new SeededRandom(15);
        float limit = MathF.Sqrt(6f / 3);
        Assert.Equal(limit * (2f * random.NextSingle() - 1f), p[0]);
    }

    [Fact]
    public void SeededRandomIsSplitMix64()
    {
        // The published SplitMix64 sequence for seed 1234567 (Vigna's reference splitmix64.c).
        var random = new SeededRandom(1234567);
        Assert.Equal(6457827717110365317UL, random.NextUInt64());
        Assert.Equal(3203168211198807973UL, random.NextUInt64());
        Assert.Equal(9817491932198370423UL, random.NextUInt64());
    }

    [Fact]
    public void DifferentSeedsGiveDifferentParameters() =>
        Assert.NotEqual(new TanhIdentityMse().Parameters.ToArray(), new SigmoidSigmoidMse().Parameters[..new TanhIdentityMse().Parameters.Length].ToArray());

    private static void AssertUniformBlock(ReadOnlySpan<float> weights, float limit)
    {
        float max = 0;
        foreach (float w in weights)
        {
            Assert.InRange(w, -limit, limit);
            max = MathF.Max(max, MathF.Abs(w));
        }

        Assert.True(max > limit / 4, $"weights look too small for U(±{limit}): max |w| = {max}");
    }

    /// <summary>64-bit FNV-1a over the little-endian bytes of the values.</summary>
    private static ulong Checksum(ReadOnlySpan<float> values)
    {
        ulong hash = 14695981039346656037UL;
        foreach (float value in values)
        {
            uint bits = BitConverter.SingleToUInt32Bits(value);
            for (int b = 0; b < 4; b++)
            {
                hash ^= (bits >> (8 * b)) & 0xFF;
                hash *= 1099511628211UL;
            }
        }

        return hash;
    }

    private static float[] Train(ITrainableNetwork network, int steps)
    {
        var random = new SeededRandom(3);
        float[] inputs = Enumerable.Range(0, network.BatchSize * network.InputSize).Select(_ => random.NextSingle()).ToArray();
        float[] targets = new float[network.BatchSize * network.OutputSize];
        for (int s = 0; s < network.BatchSize; s++)
        {
            targets[s * network.OutputSize + s % network.OutputSize] = 1;
        }

        for (int i = 0; i < steps; i++)
        {
            network.TrainBatch(inputs, targets, network.BatchSize);
        }

        return network.Parameters.ToArray();
    }
}
