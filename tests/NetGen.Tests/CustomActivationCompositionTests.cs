using System;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// A custom activation that calls another [Differentiate] method (HandMish = x·tanh(Softplus(x))):
/// the same function as the built-in Mish, so with the same parameters both networks predict and
/// train alike (the gradients are checked against the reference in GradientCheckTests).
/// </summary>
public class CustomActivationCompositionTests
{
    [Fact]
    public void AComposedActivationPredictsLikeTheBuiltIn()
    {
        var composed = new CustomHandMishUnrolled();
        var builtIn = new BuiltInMishUnrolled();
        builtIn.Parameters.CopyTo(composed.Parameters);
        var random = new Random(7);
        float[] input = new float[3], a = new float[4], b = new float[4];
        for (int trial = 0; trial < 200; trial++)
        {
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = (float)(random.NextDouble() * 16 - 8); // pre-activations well into both tails
            }

            composed.Predict(input, a);
            builtIn.Predict(input, b);
            for (int k = 0; k < a.Length; k++)
            {
                Assert.True(Math.Abs(a[k] - b[k]) <= 1e-5f * (1 + Math.Abs(b[k])), $"output {k}: composed {a[k]}, built-in {b[k]}");
            }
        }
    }

    [Fact]
    public void AComposedActivationTrainsLikeTheBuiltIn()
    {
        var composed = new CustomHandMishUnrolled();
        var builtIn = new BuiltInMishUnrolled();
        builtIn.Parameters.CopyTo(composed.Parameters);
        var random = new Random(11);
        const int count = 6;
        float[] inputs = new float[count * 3], targets = new float[count * 4];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)(random.NextDouble() * 4 - 2);
        }

        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = (float)Math.Sin(inputs[i % inputs.Length]);
        }

        float first = 0, last = 0;
        for (int step = 0; step < 200; step++)
        {
            last = composed.TrainBatch(inputs, targets, count);
            float reference = builtIn.TrainBatch(inputs, targets, count);
            first = step == 0 ? last : first;
            Assert.True(Math.Abs(last - reference) <= 1e-4f * (1 + reference), $"step {step}: loss {last}, built-in {reference}");
        }

        Assert.True(last < 0.5f * first, $"the loss went from {first} to {last}");
        for (int i = 0; i < composed.Parameters.Length; i++)
        {
            Assert.True(Math.Abs(composed.Parameters[i] - builtIn.Parameters[i]) <= 1e-3f, $"parameter {i}: {composed.Parameters[i]} vs {builtIn.Parameters[i]}");
        }
    }
}
