using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests;

/// <summary>Same seed, same parameters: after construction, after training, on every machine.</summary>
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
    public void SameSeedGivesIdenticalParametersAfterTraining()
    {
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
