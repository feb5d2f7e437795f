using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.Strategies;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The same network generated with every strategy (scalar loops, the reference path; SIMD; unrolled;
/// lanes, one sample per vector lane)
/// gives the same outputs, losses and gradients within float tolerance, for sizes 1..33 (every
/// remainder of a 4-row tile and of a 16-, 8- or 4-float vector) and every batch count 1..7. CI runs
/// these tests three times: with AVX-512, with AVX-512 disabled and with SIMD disabled.
/// </summary>
public class StrategyTests
{
    public static IEnumerable<object[]> Sizes => StrategyCases.All.Select(c => new object[] { c.Size });

    [Theory]
    [MemberData(nameof(Sizes))]
    public void EveryStrategyAgreesWithTheScalarLoops(int size)
    {
        var testCase = StrategyCases.All.Single(c => c.Size == size);
        ITrainableNetwork reference = testCase.Loops();
        var others = new List<(string Name, ITrainableNetwork Network)> { ("Simd", testCase.Simd()) };
        if (testCase.Unrolled is { } unrolled)
        {
            others.Add(("Unrolled", unrolled()));
        }

        if (testCase.Lanes is { } lanes)
        {
            others.Add(("Lanes", lanes()));
        }

        var random = new SeededRandom(size);
        float[] parameters = Enumerable.Range(0, reference.ParameterCount).Select(_ => 1.6f * random.NextSingle() - 0.8f).ToArray();
        parameters.CopyTo(reference.Parameters);
        foreach ((_, ITrainableNetwork network) in others)
        {
            Assert.Equal(reference.Architecture, network.Architecture);
            parameters.CopyTo(network.Parameters);
        }

        for (int count = 1; count <= reference.BatchSize; count++)
        {
            float[] inputs = Enumerable.Range(0, count * reference.InputSize).Select(_ => 4f * random.NextSingle() - 2f).ToArray();
            float[] targets = Enumerable.Range(0, count * reference.OutputSize).Select(_ => 2f * random.NextSingle() - 1f).ToArray();
            float expectedLoss = reference.ComputeLossAndGradients(inputs, targets, count);
            float[] expectedGradients = reference.Gradients.ToArray();
            float[] expectedOutput = new float[reference.OutputSize];
            reference.Predict(inputs.AsSpan(0, reference.InputSize), expectedOutput);

            foreach ((string name, ITrainableNetwork network) in others)
            {
                string context = $"size {size}, {name}, count {count}";
                float loss = network.ComputeLossAndGradients(inputs, targets, count);
                Assert.True(Math.Abs(loss - expectedLoss) <= 1e-5f * (1 + Math.Abs(expectedLoss)), $"{context}: loss {loss} vs {expectedLoss}");
                ReadOnlySpan<float> gradients = network.Gradients;
                for (int i = 0; i < gradients.Length; i++)
                {
                    // Sums in another order (and fused multiply-adds): a few ulps per term.
                    Assert.True(Math.Abs(gradients[i] - expectedGradients[i]) <= 1e-5f + 1e-4f * Math.Abs(expectedGradients[i]),
                        $"{context}: gradient {i} is {gradients[i]}, the scalar loops give {expectedGradients[i]}");
                }

                float[] output = new float[network.OutputSize];
                network.Predict(inputs.AsSpan(0, network.InputSize), output);
                for (int k = 0; k < output.Length; k++)
                {
                    Assert.True(Math.Abs(output[k] - expectedOutput[k]) <= 1e-5f * (1 + Math.Abs(expectedOutput[k])), $"{context}: output {k}");
                }
            }
        }
    }

    [Fact]
    public void TrainingStepsAndPredictionsAllocateNothing()
    {
        ITrainableNetwork[] networks = { new Samples.MnistNet(), new SimdPReLUEluSoftmax(), new Size17Simd() };
        foreach (ITrainableNetwork network in networks)
        {
            float[] inputs = new float[network.BatchSize * network.InputSize];
            float[] targets = new float[network.BatchSize * network.OutputSize];
            float[] output = new float[network.OutputSize];
            for (int i = 0; i < 3; i++)
            {
                network.TrainBatch(inputs, targets, network.BatchSize);
                network.Predict(inputs.AsSpan(0, network.InputSize), output);
            }

            long fewest = Allocations.Fewest(() =>
            {
                for (int i = 0; i < 5; i++)
                {
                    network.TrainBatch(inputs, targets, network.BatchSize);
                    network.Predict(inputs.AsSpan(0, network.InputSize), output);
                }
            });

            Assert.Equal(0, fewest);
        }
    }
}
