using System;
using System.IO;
using System.Linq;
using NetGen.Models;
using NetGen.Tests.Reference;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Custom activations across the network's features: constant parameters in the architecture and the
/// model file, threads, the model file round trip, an inference-only network (docs/custom-functions.md).
/// Dropout, L2 and weighted gradients are RegularisationStrategyTests' cases; PredictBatch and
/// concurrent Predict are PredictBatchTests' and ConcurrencyTests' cases.
/// </summary>
public class CustomActivationFeatureTests
{
    [Fact]
    public void TheArchitectureNamesEachBindingsValues()
    {
        Assert.Contains("Dense(5, MyFunctions.Swish(beta=1.5), Graph=", CustomSwishTwoBetas.Architecture, StringComparison.Ordinal);
        Assert.Contains("Dense(4, MyFunctions.Swish(beta=1), Graph=", CustomSwishTwoBetas.Architecture, StringComparison.Ordinal);
        Assert.Contains("Dense(3, MyFunctions.ScaledTanhOf(a=1,b=0.6667), Graph=", CustomSwishTwoBetas.Architecture, StringComparison.Ordinal);
        Assert.Contains("Dense(5, CustomShortForm.Softsign(k=1), Graph=", CustomShortForm.Architecture, StringComparison.Ordinal);
        Assert.Contains("Dense(4, CustomShortForm.Softsign(k=2), Graph=", CustomShortForm.Architecture, StringComparison.Ordinal);
        Assert.NotEqual(CustomSwishBeta15.ArchitectureFingerprint, CustomSwishBeta2.ArchitectureFingerprint);
    }

    /// <summary>The same layer with β = 1.5 and β = 2 computes different functions: Predict differs on the same parameters.</summary>
    [Fact]
    public void EachBindingIsItsOwnFunction()
    {
        var a = new CustomSwishBeta15();
        var b = new CustomSwishBeta2();
        a.Parameters.CopyTo(b.Parameters);
        float[] x = { 0.7f, -1.3f }, ya = new float[1], yb = new float[1];
        a.Predict(x, ya);
        b.Predict(x, yb);
        double[] theta = a.Parameters.ToArray().Select(v => (double)v).ToArray();
        double expectedA = Reference(2, 3, 1.5).Forward(theta, x)[0];
        double expectedB = Reference(2, 3, 2).Forward(theta, x)[0];
        Assert.True(Math.Abs(ya[0] - expectedA) <= 1e-5 * (1 + Math.Abs(expectedA)), $"β = 1.5: {ya[0]} vs {expectedA}");
        Assert.True(Math.Abs(yb[0] - expectedB) <= 1e-5 * (1 + Math.Abs(expectedB)), $"β = 2: {yb[0]} vs {expectedB}");
        Assert.True(Math.Abs(expectedA - expectedB) > 1e-3, "the test point must tell the two apart");
    }

    /// <summary>A model file saved with Swish(β = 1.5) loads into the same network, bit for bit, and is refused by Swish(β = 2).</summary>
    [Fact]
    public void AModelFileRoundTripsAndIsRefusedByAnotherBinding()
    {
        var trained = new CustomSwishBeta15();
        var random = new SeededRandom(12);
        float[] inputs = Enumerable.Range(0, 8).Select(_ => 2f * random.NextSingle() - 1f).ToArray();
        float[] targets = Enumerable.Range(0, 4).Select(_ => random.NextSingle()).ToArray();
        for (int i = 0; i < 5; i++)
        {
            trained.TrainBatch(inputs, targets, 4);
        }

        var stream = new MemoryStream();
        ModelFile.Save(trained, stream);
        byte[] file = stream.ToArray();
        var loaded = new CustomSwishBeta15();
        ModelFile.Load(loaded, new MemoryStream(file));
        Assert.Equal(trained.Parameters.ToArray(), loaded.Parameters.ToArray());
        float[] y1 = new float[1], y2 = new float[1];
        trained.Predict(inputs.AsSpan(0, 2), y1);
        loaded.Predict(inputs.AsSpan(0, 2), y2);
        Assert.Equal(y1[0], y2[0]);

        var other = new CustomSwishBeta2();
        InvalidDataException error = Assert.Throws<InvalidDataException>(() => ModelFile.Load(other, new MemoryStream(file)));
        Assert.Contains("beta=1.5", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Threads = 2 against Threads = 1 (same seed, so the same initial parameters and dropout masks): the
    /// gradients agree up to the order of the chunks' sums, and two threaded runs agree bit for bit.
    /// </summary>
    [Fact]
    public void TwoThreadsAgreeWithOneAndAreDeterministic()
    {
        var single = new CustomDropoutL2Simd();
        var threaded = new CustomDropoutL2SimdThreads();
        var again = new CustomDropoutL2SimdThreads();
        Assert.Equal(2, CustomDropoutL2SimdThreads.Threads);
        Assert.Equal(single.Parameters.ToArray(), threaded.Parameters.ToArray());
        var random = new SeededRandom(13);
        for (int step = 0; step < 6; step++)
        {
            int count = CustomDropoutL2Simd.BatchSize - step % 3;
            float[] inputs = Enumerable.Range(0, count * 3).Select(_ => 4f * random.NextSingle() - 2f).ToArray();
            float[] targets = Enumerable.Range(0, count * 4).Select(_ => random.NextSingle()).ToArray();
            float l1 = single.ComputeLossAndGradients(inputs, targets, count);
            float l2 = threaded.ComputeLossAndGradients(inputs, targets, count);
            Assert.True(Math.Abs(l1 - l2) <= 1e-6f + 1e-5f * Math.Abs(l1), $"step {step}: loss {l2} vs {l1}");
            float[] g1 = single.Gradients.ToArray(), g2 = threaded.Gradients.ToArray();
            for (int i = 0; i < g1.Length; i++)
            {
                Assert.True(Math.Abs(g1[i] - g2[i]) <= 1e-6f + 1e-5f * Math.Abs(g1[i]), $"step {step}, gradient {i}: {g2[i]} vs {g1[i]}");
            }

            single.TrainBatch(inputs, targets, count);
            threaded.TrainBatch(inputs, targets, count);
            again.TrainBatch(inputs, targets, count);
            Assert.Equal(threaded.Parameters.ToArray(), again.Parameters.ToArray());
        }

        float[] p1 = single.Parameters.ToArray(), p2 = threaded.Parameters.ToArray();
        for (int i = 0; i < p1.Length; i++)
        {
            Assert.True(Math.Abs(p1[i] - p2[i]) <= 1e-5f + 1e-4f * Math.Abs(p1[i]), $"parameter {i}: {p2[i]} vs {p1[i]}");
        }
    }

    /// <summary>An inference-only network (no [Training]) with Swish(β = 2): Predict against the double reference.</summary>
    [Fact]
    public void AnInferenceOnlyNetworkPredictsTheReference()
    {
        var network = new CustomInferenceOnly();
        Assert.IsNotAssignableFrom<ITrainableNetwork>(network);
        var random = new SeededRandom(14);
        for (int i = 0; i < network.Parameters.Length; i++)
        {
            network.Parameters[i] = 1.6f * random.NextSingle() - 0.8f;
        }

        double[] theta = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        var reference = new ReferenceNetwork(3, new ReferenceLayer[]
        {
            new(4, Activation.Identity, Custom: MyFunctions.SwishReference(2), CustomDerivative: MyFunctions.SwishDerivativeReference(2)),
            new(2, Activation.Identity),
        }, Loss.MeanSquaredError);
        float[] x = new float[3], y = new float[2];
        for (int trial = 0; trial < 20; trial++)
        {
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = 8f * random.NextSingle() - 4f;
            }

            network.Predict(x, y);
            double[] expected = reference.Forward(theta, x);
            for (int k = 0; k < y.Length; k++)
            {
                Assert.True(Math.Abs(y[k] - expected[k]) <= 1e-5 * (1 + Math.Abs(expected[k])), $"trial {trial}, output {k}: {y[k]} vs {expected[k]}");
            }
        }
    }

    private static ReferenceNetwork Reference(int inputs, int units, double beta) => new(inputs, new ReferenceLayer[]
    {
        new(units, Activation.Identity, Custom: MyFunctions.SwishReference(beta), CustomDerivative: MyFunctions.SwishDerivativeReference(beta)),
        new(1, Activation.Identity),
    }, Loss.MeanSquaredError);
}
