using System;
using Xunit;

namespace NetGen.Tests;

/// <summary>The contract parameter layout, exact forward values, the SGD step and the generated constants.</summary>
public class LayoutAndOptimizerTests
{
    [Fact]
    public void ConstantsDescribeTheDeclaredShape()
    {
        Assert.Equal(3, ReluTanhSoftmaxCrossEntropy.InputSize);
        Assert.Equal(4, ReluTanhSoftmaxCrossEntropy.OutputSize);
        Assert.Equal((3 * 5 + 5) + (5 * 6 + 6) + (6 * 4 + 4), ReluTanhSoftmaxCrossEntropy.ParameterCount);
        Assert.Equal(6, ReluTanhSoftmaxCrossEntropy.BatchSize);
        ITrainableNetwork network = new ReluTanhSoftmaxCrossEntropy();
        Assert.Equal(ReluTanhSoftmaxCrossEntropy.ParameterCount, network.Parameters.Length);
        Assert.Equal(ReluTanhSoftmaxCrossEntropy.ParameterCount, network.Gradients.Length);
        Assert.Equal(6, network.BatchSize);
    }

    [Fact]
    public void WeightsAreRowMajorInByOutThenBias()
    {
        // z = x·W + b with W[i*out + j] connecting input i to unit j.
        var network = new Affine2x3();
        float[] w = { 1, 2, 3, 4, 5, 6 }; // W = [[1, 2, 3], [4, 5, 6]]
        float[] b = { 0.5f, -1, 10 };
        w.CopyTo(network.Parameters);
        b.CopyTo(network.Parameters[6..]);
        float[] output = new float[3];
        network.Predict(new float[] { 2, 3 }, output);
        Assert.Equal(new float[] { 2 * 1 + 3 * 4 + 0.5f, 2 * 2 + 3 * 5 - 1, 2 * 3 + 3 * 6 + 10 }, output);
    }

    [Fact]
    public void SgdStepIsThetaMinusLearningRateTimesGradient()
    {
        var network = new Affine2x3();
        float[] before = network.Parameters.ToArray();
        float[] inputs = { 1, -2, 0.5f, 3 };
        float[] targets = { 1, 2, 3, -1, 0, 1 };
        float loss = network.ComputeLossAndGradients(inputs, targets, 2);
        float[] gradient = network.Gradients.ToArray();

        // The MSE gradient of an affine layer, by hand: ∂L/∂W[i,j] = Σ_s 2(y−t)_sj x_si / (B·K).
        float[] y = new float[3];
        float[] expected = new float[9];
        double expectedLoss = 0;
        for (int s = 0; s < 2; s++)
        {
            network.Predict(inputs.AsSpan(s * 2, 2), y);
            for (int j = 0; j < 3; j++)
            {
                float e = y[j] - targets[s * 3 + j];
                expectedLoss += e * e;
                for (int i = 0; i < 2; i++)
                {
                    expected[i * 3 + j] += 2 * e * inputs[s * 2 + i] / 6;
                }

                expected[6 + j] += 2 * e / 6;
            }
        }

        Assert.Equal(expectedLoss / 6, loss, 5);
        for (int i = 0; i < 9; i++)
        {
            Assert.Equal(expected[i], gradient[i], 5);
        }

        network.LearningRate = 0.25f;
        network.ApplyGradients();
        Assert.Equal(1, network.Step);
        for (int i = 0; i < 9; i++)
        {
            Assert.Equal(before[i] - 0.25f * gradient[i], network.Parameters[i]);
        }
    }

    [Fact]
    public void LearningRateStartsAtTheDeclaredValueAndDefaults()
    {
        Assert.Equal(0.5f, new Affine2x3().LearningRate);
        Assert.Equal(0.01f, new TanhIdentityMse().LearningRate); // Sgd's default α
        Assert.Equal(32, Outer.Nested.BatchSize);                // the default BatchSize
    }

    [Fact]
    public void TrainBatchIsComputeThenApply()
    {
        var a = new ReluTanhMse();
        var b = new ReluTanhMse();
        float[] inputs = { 0.1f, 0.2f, 0.3f, -1, 2, 0.5f };
        float[] targets = { 0.1f, 0.2f, 0.3f, 0.4f, 0, 0, 1, 1 };
        float lossA = a.TrainBatch(inputs, targets, 2);
        float lossB = b.ComputeLossAndGradients(inputs, targets, 2);
        b.ApplyGradients();
        Assert.Equal(lossB, lossA);
        Assert.Equal(b.Parameters.ToArray(), a.Parameters.ToArray());
        Assert.Equal(1, a.Step);
    }

    [Fact]
    public void InferenceOnlyNetworkPredicts()
    {
        INeuralNetwork network = new InferenceOnly();
        Assert.IsNotAssignableFrom<ITrainableNetwork>(network);
        network.Parameters.Clear();
        network.Parameters[0] = 1;      // W1[0,0]: unit 0 sees x0
        network.Parameters[6] = -0.5f;  // b1[0]
        network.Parameters[9] = 2;      // W2[0,0]
        network.Parameters[15] = 0.25f; // b2[0]
        float[] output = new float[2];
        network.Predict(new float[] { 1, 0 }, output);     // step(1 − 0.5) = 1; units 1, 2: step(0) = 1 but W2 rows 1, 2 are 0
        Assert.Equal(new[] { 2.25f, 0f }, output);
        network.Predict(new float[] { 0.2f, 0 }, output);  // step(−0.3) = 0
        Assert.Equal(new[] { 0.25f, 0f }, output);
    }

    [Fact]
    public void WideNetworkPredictsWithInstanceBuffers()
    {
        var network = new WideInferenceOnly();
        float[] input = { 1, 2, 3, 4, 5, 6, 7, 8 };
        float[] output = new float[2];
        network.Predict(input, output);
        // The same sum in double from the layout.
        ReadOnlySpan<float> p = network.Parameters;
        double[] expected = new double[2];
        int w2 = 8 * 9000 + 9000;
        for (int j = 0; j < 9000; j++)
        {
            double z = p[8 * 9000 + j];
            for (int i = 0; i < 8; i++)
            {
                z += input[i] * p[i * 9000 + j];
            }

            double a = Math.Max(0, z);
            expected[0] += a * p[w2 + j * 2];
            expected[1] += a * p[w2 + j * 2 + 1];
        }

        Assert.Equal(expected[0], output[0], 3);
        Assert.Equal(expected[1], output[1], 3);
    }
}
