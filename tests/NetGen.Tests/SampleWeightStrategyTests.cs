using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.Reference;
using NetGen.Tests.Weighted;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The weighted ComputeLossAndGradients/TrainBatch overloads: the weighted mean Σ w·ℓ / (Σ w · K) of
/// docs/math.md for every loss, under every code strategy (Loops, Simd, Unrolled, Lanes; Simd and
/// Lanes with Threads = 2), checked against the double reference, against values computed by hand,
/// against the unweighted overload (weights of 1: bit for bit) and against duplicated rows (a
/// weight of 2 is the row twice). The name ends in StrategyTests so that CI's filter reruns them
/// without AVX-512, without AVX2 and without SIMD.
/// </summary>
public class SampleWeightStrategyTests
{
    public static IEnumerable<object[]> Cases =>
        from c in Enumerable.Range(0, WeightedCases.All.Length)
        from s in Enumerable.Range(0, WeightedCases.StrategyNames.Length)
        select new object[] { WeightedCases.All[c].Name, WeightedCases.StrategyNames[s] };

    public static IEnumerable<object[]> Losses => WeightedCases.All.Select(c => new object[] { c.Name });

    private static ITrainableNetwork Create(string loss, string strategy)
    {
        var entry = WeightedCases.All.Single(c => c.Name == loss);
        return entry.Strategies[Array.IndexOf(WeightedCases.StrategyNames, strategy)]();
    }

    private static ReferenceNetwork ReferenceOf(Loss loss, ITrainableNetwork network) => new(3,
        new[] { new ReferenceLayer(5, Activation.Tanh), new ReferenceLayer(3, loss switch
        {
            Loss.BinaryCrossEntropy => Activation.Sigmoid,
            Loss.CrossEntropy => Activation.Softmax,
            _ => Activation.Identity,
        }) },
        loss, huberDelta: loss == Loss.Huber ? 0.5 : 1);

    private static void Randomize(Span<float> values, ref SeededRandom random, float low, float high)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = low + (high - low) * random.NextSingle();
        }
    }

    /// <summary>Inputs in [−2, 2]; targets that suit the loss (probabilities, one-hot or soft rows).</summary>
    private static (float[] Inputs, float[] Targets) Batch(Loss loss, int count, ref SeededRandom random)
    {
        float[] inputs = new float[count * 3];
        float[] targets = new float[count * 3];
        Randomize(inputs, ref random, -2f, 2f);
        switch (loss)
        {
            case Loss.BinaryCrossEntropy:
                Randomize(targets, ref random, 0f, 1f);
                break;
            case Loss.CrossEntropy:
                for (int s = 0; s < count; s++)
                {
                    if (s % 2 == 0)
                    {
                        targets[s * 3 + random.NextInt32(3)] = 1f; // one-hot
                    }
                    else
                    {
                        targets[s * 3] = 0.2f; targets[s * 3 + 1] = 0.5f; targets[s * 3 + 2] = 0.3f; // a probability vector
                    }
                }

                break;
            default:
                Randomize(targets, ref random, -1.5f, 1.5f);
                break;
        }

        return (inputs, targets);
    }

    /// <summary>Weights in [0, 3), the first 0 when there are several rows (a masked row).</summary>
    private static float[] Weights(int count, ref SeededRandom random)
    {
        float[] weights = new float[count];
        Randomize(weights, ref random, 0f, 3f);
        if (count > 1)
        {
            weights[0] = 0f;
        }

        return weights;
    }

    private static void AssertClose(string context, ReadOnlySpan<float> actual, IReadOnlyList<double> expected, double absolute, double relative)
    {
        Assert.Equal(expected.Count, actual.Length);
        for (int i = 0; i < actual.Length; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= absolute + relative * Math.Abs(expected[i]),
                $"{context}: gradient {i} is {actual[i]}, expected {expected[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WeightedLossAndGradientsMatchTheReference(string loss, string strategy)
    {
        ITrainableNetwork network = Create(loss, strategy);
        ReferenceNetwork reference = ReferenceOf(network.Loss, network);
        Assert.Equal(reference.ParameterCount, network.ParameterCount);
        var random = new SeededRandom(loss.Length * 131 + strategy.Length);
        Randomize(network.Parameters, ref random, -0.8f, 0.8f);
        double[] theta = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        foreach (int count in new[] { 1, 3, 6 })
        {
            string context = $"{loss} {strategy}, count {count}";
            (float[] inputs, float[] targets) = Batch(network.Loss, count, ref random);
            float[] weights = Weights(count, ref random);
            float value = network.ComputeLossAndGradients(inputs, targets, weights, count);
            double expected = reference.Loss(theta, inputs, targets, count, weights);
            Assert.True(Math.Abs(value - expected) <= 1e-5 * (1 + Math.Abs(expected)), $"{context}: loss {value}, the reference gives {expected}");

            // Tolerances as GradientCheckTests: float arithmetic against double backpropagation, and
            // against central differences of the reference loss (which checks the reference too).
            AssertClose(context + " (backpropagation in double)", network.Gradients, reference.Gradient(theta, inputs, targets, count, weights), 2e-5, 1e-4);
            AssertClose(context + " (finite differences)", network.Gradients, reference.FiniteDifferenceGradient(theta, inputs, targets, count, weights: weights), 1e-4, 1e-3);
        }
    }

    [Fact]
    public void WeightedGradientsMatchTheReferenceThroughTanhAndPReLUOutputs()
    {
        var cases = new (ITrainableNetwork Network, ReferenceNetwork Reference)[]
        {
            (new TanhOutMseSimd(), new ReferenceNetwork(3, new[] { new ReferenceLayer(5, Activation.ReLU), new ReferenceLayer(3, Activation.Tanh) }, Loss.MeanSquaredError)),
            (new PReLUHuberLoops(), new ReferenceNetwork(3, new[] { new ReferenceLayer(5, Activation.Tanh), new ReferenceLayer(3, Activation.PReLU) }, Loss.Huber)),
        };
        var random = new SeededRandom(17);
        foreach ((ITrainableNetwork network, ReferenceNetwork reference) in cases)
        {
            Randomize(network.Parameters, ref random, -0.8f, 0.8f);
            double[] theta = network.Parameters.ToArray().Select(v => (double)v).ToArray();
            (float[] inputs, float[] targets) = Batch(Loss.MeanSquaredError, 6, ref random);
            float[] weights = Weights(6, ref random);
            float value = network.ComputeLossAndGradients(inputs, targets, weights, 6);
            double expected = reference.Loss(theta, inputs, targets, 6, weights);
            Assert.True(Math.Abs(value - expected) <= 1e-5 * (1 + Math.Abs(expected)), $"{network.GetType().Name}: loss {value} vs {expected}");
            AssertClose(network.GetType().Name, network.Gradients, reference.Gradient(theta, inputs, targets, 6, weights), 2e-5, 1e-4);
        }
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void EveryStrategyAgreesWithTheScalarLoops(string loss)
    {
        ITrainableNetwork loops = Create(loss, "Loops");
        var random = new SeededRandom(loss.Length * 7);
        Randomize(loops.Parameters, ref random, -0.8f, 0.8f);
        var others = WeightedCases.StrategyNames.Skip(1).Select(s => (Name: s, Network: Create(loss, s))).ToArray();
        foreach ((_, ITrainableNetwork other) in others)
        {
            loops.Parameters.CopyTo(other.Parameters);
        }

        for (int count = 1; count <= loops.BatchSize; count++)
        {
            (float[] inputs, float[] targets) = Batch(loops.Loss, count, ref random);
            float[] weights = Weights(count, ref random);
            float expected = loops.ComputeLossAndGradients(inputs, targets, weights, count);
            float[] expectedGradients = loops.Gradients.ToArray();
            foreach ((string name, ITrainableNetwork other) in others)
            {
                string context = $"{loss}, {name}, count {count}";
                float value = other.ComputeLossAndGradients(inputs, targets, weights, count);
                Assert.True(Math.Abs(value - expected) <= 1e-5f * (1 + Math.Abs(expected)), $"{context}: loss {value} vs {expected}");
                AssertClose(context, other.Gradients, expectedGradients.Select(g => (double)g).ToArray(), 1e-5, 1e-4);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WeightsOfOneGiveTheUnweightedLossAndGradientsBitForBit(string loss, string strategy)
    {
        ITrainableNetwork network = Create(loss, strategy);
        var random = new SeededRandom(5);
        Randomize(network.Parameters, ref random, -0.8f, 0.8f);
        foreach (int count in new[] { 1, 4, 6 })
        {
            (float[] inputs, float[] targets) = Batch(network.Loss, count, ref random);
            float unweighted = network.ComputeLossAndGradients(inputs, targets, count);
            float[] expected = network.Gradients.ToArray();
            float weighted = network.ComputeLossAndGradients(inputs, targets, Enumerable.Repeat(1f, count).ToArray(), count);
            Assert.Equal(unweighted, weighted);
            Assert.Equal(expected, network.Gradients.ToArray());

            // Equal weights of any size: the same up to rounding (only the ratios of the weights matter).
            float scaled = network.ComputeLossAndGradients(inputs, targets, Enumerable.Repeat(0.37f, count).ToArray(), count);
            Assert.True(Math.Abs(scaled - unweighted) <= 1e-6f * (1 + Math.Abs(unweighted)), $"{loss} {strategy}: {scaled} vs {unweighted}");
            AssertClose($"{loss} {strategy}, weights 0.37", network.Gradients, expected.Select(g => (double)g).ToArray(), 1e-6, 1e-5);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnIntegerWeightCountsAsThatManyCopiesOfTheRow(string loss, string strategy)
    {
        ITrainableNetwork network = Create(loss, strategy);
        var random = new SeededRandom(23);
        Randomize(network.Parameters, ref random, -0.8f, 0.8f);
        (float[] inputs, float[] targets) = Batch(network.Loss, 3, ref random);
        float[] weights = { 2f, 1f, 3f };
        float weighted = network.ComputeLossAndGradients(inputs, targets, weights, 3);
        float[] weightedGradients = network.Gradients.ToArray();

        // The same rows, row 0 twice, row 1 once, row 2 three times: 6 rows, unweighted.
        int[] rows = { 0, 0, 1, 2, 2, 2 };
        float[] repeatedInputs = rows.SelectMany(r => inputs.Skip(r * 3).Take(3)).ToArray();
        float[] repeatedTargets = rows.SelectMany(r => targets.Skip(r * 3).Take(3)).ToArray();
        float repeated = network.ComputeLossAndGradients(repeatedInputs, repeatedTargets, 6);
        Assert.True(Math.Abs(weighted - repeated) <= 1e-6f * (1 + Math.Abs(repeated)), $"{loss} {strategy}: {weighted} vs {repeated}");
        AssertClose($"{loss} {strategy}, weights 2, 1, 3 against the rows repeated", weightedGradients, network.Gradients.ToArray().Select(g => (double)g).ToArray(), 1e-6, 1e-5);
    }

    /// <summary>
    /// y = w·x + b with w = 1, b = 0, x = (1, 2), t = (0, 0): errors 1 and 2, squared 1 and 4. With
    /// weights (1, 3): loss (1·1 + 3·4)/4 = 3.25, ∂/∂w = (1·2·1·1 + 3·2·2·2)/4 = 6.5, ∂/∂b = (1·2·1 + 3·2·2)/4 = 3.5.
    /// With weights (0, 1): loss 4, ∂/∂w = 8, ∂/∂b = 4. Every value is exact in float.
    /// </summary>
    [Fact]
    public void TheWeightedMeanOfATinyCaseIsExactlyTheHandComputedValue()
    {
        ITrainableNetwork[] networks = { new TinyLoops(), new TinyUnrolled(), new TinySimd(), new TinyLanes(), new TinyThreads() };
        foreach (ITrainableNetwork network in networks)
        {
            string name = network.GetType().Name;
            network.Parameters[0] = 1f;
            network.Parameters[1] = 0f;
            float[] x = { 1f, 2f };
            float[] t = { 0f, 0f };
            Assert.Equal(3.25f, network.ComputeLossAndGradients(x, t, new[] { 1f, 3f }, 2));
            Assert.True(network.Gradients.SequenceEqual(new[] { 6.5f, 3.5f }), $"{name}: {string.Join(", ", network.Gradients.ToArray())}");
            Assert.Equal(4f, network.ComputeLossAndGradients(x, t, new[] { 0f, 1f }, 2));
            Assert.True(network.Gradients.SequenceEqual(new[] { 8f, 4f }), $"{name}: {string.Join(", ", network.Gradients.ToArray())}");

            // One SGD step (α = 0.01) from the first: w = 1 − 0.065, b = −0.035.
            Assert.Equal(3.25f, network.TrainBatch(x, t, new[] { 1f, 3f }, 2));
            Assert.Equal(1f - 0.01f * 6.5f, network.Parameters[0]);
            Assert.Equal(-0.01f * 3.5f, network.Parameters[1]);
        }
    }

    [Fact]
    public void BadWeightsAreRefusedNamingTheRowAndNothingChanges()
    {
        foreach (ITrainableNetwork network in new ITrainableNetwork[] { new MseLoops(), new CeLanesThreads() })
        {
            float[] inputs = new float[3 * 3];
            float[] targets = new float[3 * 3];
            float[] before = network.Parameters.ToArray();
            foreach (float bad in new[] { float.NaN, -1f, float.PositiveInfinity, float.NegativeInfinity })
            {
                var error = Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainBatch(inputs, targets, new[] { 1f, 1f, bad }, 3));
                Assert.Equal("sampleWeights", error.ParamName);
                Assert.Contains("sampleWeights[2] (the weight of row 2 of the batch)", error.Message, StringComparison.Ordinal);
            }

            var zero = Assert.Throws<ArgumentException>(() => network.TrainBatch(inputs, targets, new float[3], 3));
            Assert.Contains("all zero", zero.Message, StringComparison.Ordinal);
            var length = Assert.Throws<ArgumentException>(() => network.ComputeLossAndGradients(inputs, targets, new[] { 1f, 1f }, 3));
            Assert.Contains("Expected sampleWeights.Length = count (3)", length.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => network.ComputeLossAndGradients(inputs, targets, new[] { 1f, 1f, 1f, 1f }, 3));
            Assert.Equal(before, network.Parameters.ToArray());
            Assert.Equal(0, network.Step);
        }
    }

    [Fact]
    public void WeightedTrainingStepsAllocateNothing()
    {
        var networks = WeightedCases.All.SelectMany(c => c.Strategies.Select(create => create())).Append(new Samples.MnistNet()).ToArray();
        foreach (ITrainableNetwork network in networks)
        {
            int count = network.BatchSize;
            float[] inputs = new float[count * network.InputSize];
            float[] targets = new float[count * network.OutputSize];
            float[] weights = Enumerable.Range(0, count).Select(i => 0.5f + i % 3).ToArray();
            for (int i = 0; i < 3; i++)
            {
                network.TrainBatch(inputs, targets, weights, count);
            }

            Assert.True(0 == Allocations.Fewest(() =>
            {
                for (int i = 0; i < 5; i++)
                {
                    network.TrainBatch(inputs, targets, weights, count);
                }
            }), network.GetType().Name);
        }
    }
}
