using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Tests.Reference;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The generated <c>Gradients</c> of every test network against central finite differences of an
/// independent double-precision reference (SPEC formulas), entry by entry, and the generated loss
/// against the reference loss.
/// </summary>
public class GradientCheckTests
{
    public sealed record Case(string Name, Func<ITrainableNetwork> Create, ReferenceNetwork Reference, Loss Loss)
    {
        public override string ToString() => Name;
    }

    private static readonly Case[] Cases =
    {
        new("tanh → identity, MSE", () => new TanhIdentityMse(),
            new(3, new ReferenceLayer[] { new(5, Activation.Tanh), new(4, Activation.Identity) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("sigmoid → sigmoid, MSE", () => new SigmoidSigmoidMse(),
            new(3, new ReferenceLayer[] { new(5, Activation.Sigmoid), new(4, Activation.Sigmoid) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("relu → tanh, MSE", () => new ReluTanhMse(),
            new(3, new ReferenceLayer[] { new(6, Activation.ReLU), new(4, Activation.Tanh) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("identity → softmax, MSE (softmax Jacobian)", () => new IdentitySoftmaxMse(),
            new(3, new ReferenceLayer[] { new(5, Activation.Identity), new(4, Activation.Softmax) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("relu → tanh → softmax, cross-entropy", () => new ReluTanhSoftmaxCrossEntropy(),
            new(3, new ReferenceLayer[] { new(5, Activation.ReLU), new(6, Activation.Tanh), new(4, Activation.Softmax) }, Loss.CrossEntropy), Loss.CrossEntropy),
        new("sigmoid → softmax, cross-entropy", () => new SigmoidSoftmaxCrossEntropy(),
            new(4, new ReferenceLayer[] { new(5, Activation.Sigmoid), new(3, Activation.Softmax) }, Loss.CrossEntropy), Loss.CrossEntropy),
        new("loops: sigmoid → relu → softmax, cross-entropy", () => new LoopsSoftmaxCrossEntropy(),
            new(20, new ReferenceLayer[] { new(17, Activation.Sigmoid), new(16, Activation.ReLU), new(3, Activation.Softmax) }, Loss.CrossEntropy), Loss.CrossEntropy),
        new("loops: tanh → identity, MSE", () => new LoopsTanhIdentityMse(),
            new(4, new ReferenceLayer[] { new(70, Activation.Tanh), new(5, Activation.Identity) }, Loss.MeanSquaredError), Loss.MeanSquaredError),
        new("atan → leaky relu → elu → softplus, half squared error", () => new MoreActivationsHalfSquared(),
            new(3, new ReferenceLayer[] { new(4, Activation.ArcTan), new(4, Activation.LeakyReLU, 0.1), new(4, Activation.ELU, 0.7), new(3, Activation.SoftPlus) }, Loss.HalfSquaredError), Loss.HalfSquaredError),
        new("tanh → identity, Huber δ = 0.5", () => new TanhIdentityHuber(),
            new(3, new ReferenceLayer[] { new(5, Activation.Tanh), new(2, Activation.Identity) }, Loss.Huber, huberDelta: 0.5), Loss.Huber),
        new("tanh → sigmoid, binary cross-entropy", () => new TanhSigmoidBinaryCrossEntropy(),
            new(3, new ReferenceLayer[] { new(5, Activation.Tanh), new(2, Activation.Sigmoid) }, Loss.BinaryCrossEntropy), Loss.BinaryCrossEntropy),
    };

    public static IEnumerable<object[]> AllCases => Cases.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(AllCases))]
    public void GradientsMatchFiniteDifferencesOfTheReference(Case testCase)
    {
        ITrainableNetwork network = testCase.Create();
        Assert.Equal(testCase.Reference.ParameterCount, network.ParameterCount);
        var random = new SeededRandom(testCase.Name.Length * 7919L);

        // Random parameters (biases too), so that no bias is trivially zero.
        Span<float> parameters = network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = 1.6f * random.NextSingle() - 0.8f;
        }

        foreach (int count in new[] { 1, network.BatchSize })
        {
            (float[] inputs, float[] targets) = RandomBatch(network, testCase.Loss, count, ref random);
            double[] theta = network.Parameters.ToArray().Select(v => (double)v).ToArray();

            float loss = network.ComputeLossAndGradients(inputs, targets, count);
            double referenceLoss = testCase.Reference.Loss(theta, inputs, targets, count);
            Assert.True(Math.Abs(loss - referenceLoss) <= 1e-5 * (1 + Math.Abs(referenceLoss)),
                $"{testCase.Name}, count {count}: loss {loss} but the reference gives {referenceLoss}");

            double[] expected = testCase.Reference.FiniteDifferenceGradient(theta, inputs, targets, count);
            float[] actual = network.Gradients.ToArray();
            for (int i = 0; i < expected.Length; i++)
            {
                // The generated gradient is computed in float (relative error ~1e-6 per operation);
                // central differences in double are accurate to ~1e-9 here. 1e-4 absolute plus
                // 1e-3 relative is far above both and far below any real mistake (a wrong index,
                // a missing factor 2 or a wrong derivative changes entries by O(|g|)).
                double tolerance = 1e-4 + 1e-3 * Math.Abs(expected[i]);
                Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance,
                    $"{testCase.Name}, count {count}: ∂loss/∂θ[{i}] is {actual[i]} but finite differences give {expected[i]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void PredictMatchesTheReferenceForward(Case testCase)
    {
        ITrainableNetwork network = testCase.Create();
        double[] theta = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        var random = new SeededRandom(99);
        float[] input = new float[network.InputSize];
        float[] output = new float[network.OutputSize];
        for (int trial = 0; trial < 20; trial++)
        {
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = 6f * random.NextSingle() - 3f;
            }

            network.Predict(input, output);
            double[] expected = testCase.Reference.Forward(theta, input);
            for (int k = 0; k < output.Length; k++)
            {
                Assert.True(Math.Abs(output[k] - expected[k]) <= 1e-5 * (1 + Math.Abs(expected[k])),
                    $"{testCase.Name}: output {k} is {output[k]}, the reference gives {expected[k]}");
            }
        }
    }

    /// <summary>Inputs in [−3, 3] (tanh and sigmoid partly saturate there) and targets that suit the loss.</summary>
    private static (float[] Inputs, float[] Targets) RandomBatch(ITrainableNetwork network, Loss loss, int count, ref SeededRandom random)
    {
        float[] inputs = new float[count * network.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = 6f * random.NextSingle() - 3f;
        }

        int k = network.OutputSize;
        float[] targets = new float[count * k];
        for (int s = 0; s < count; s++)
        {
            Span<float> t = targets.AsSpan(s * k, k);
            for (int j = 0; j < k; j++)
            {
                t[j] = loss == Loss.CrossEntropy ? random.NextSingle() + 0.05f : 2f * random.NextSingle() - 0.5f;
            }

            if (loss == Loss.CrossEntropy)
            {
                // A probability vector.
                float sum = 0;
                foreach (float v in t)
                {
                    sum += v;
                }

                for (int j = 0; j < k; j++)
                {
                    t[j] /= sum;
                }
            }
            else if (loss == Loss.BinaryCrossEntropy)
            {
                for (int j = 0; j < k; j++)
                {
                    t[j] = random.NextSingle();
                }
            }
        }

        return (inputs, targets);
    }
}
