using System;
using NetGen;
using Xunit;

namespace NetGen.Tests
{
    /// <summary>
    /// Loss values at points worked out by hand. Each network is one layer with W = 0, so the output is
    /// f(b) whatever the input, and b is set to give round outputs.
    /// </summary>
    public class LossValueTests
    {
        private static readonly float[] AnyInputs = { 7, -3 };

        [Fact]
        public void MeanSquaredErrorAveragesOverSamplesAndOutputs()
        {
            var network = new KnownPoints.Mse();
            SetBias(network, 0.5f, -1f);
            // Sample 1: e = (0.5 − 1, −1 − 1) = (−0.5, −2) → 0.25 + 4; sample 2: e = 0.
            float loss = network.ComputeLossAndGradients(AnyInputs, new float[] { 1, 1, 0.5f, -1 }, 2);
            Assert.Equal(4.25 / 4, loss, 6);
        }

        [Fact]
        public void HalfSquaredErrorAveragesOverSamplesOnly()
        {
            var network = new KnownPoints.Half();
            SetBias(network, 0.5f, -1f);
            float loss = network.ComputeLossAndGradients(AnyInputs, new float[] { 1, 1, 0.5f, -1 }, 2);
            Assert.Equal(0.5 * 4.25 / 2, loss, 6);
        }

        [Fact]
        public void HuberIsQuadraticInsideDeltaAndLinearOutside()
        {
            var network = new KnownPoints.HuberDelta1();
            SetBias(network, 0.5f, -1f);
            // e = −0.5 (|e| ≤ 1): ½·0.25 = 0.125; e = −2 (|e| > 1): 1·(2 − 0.5) = 1.5; mean over K = 2.
            float loss = network.ComputeLossAndGradients(AnyInputs[..1], new float[] { 1, 1 }, 1);
            Assert.Equal((0.125 + 1.5) / 2, loss, 6);

            // The gradient of the bias is ∂/∂y: e inside δ, δ·sign(e) outside, over B·K = 2.
            Assert.Equal(-0.5 / 2, network.Gradients[2], 6);
            Assert.Equal(-1.0 / 2, network.Gradients[3], 6);
        }

        [Fact]
        public void HuberWithASmallDelta()
        {
            var network = new KnownPoints.HuberDelta03();
            SetBias(network, 0.5f, -1f);
            // δ = 0.3: both errors are outside. 0.3·(0.5 − 0.15) = 0.105; 0.3·(2 − 0.15) = 0.555.
            float loss = network.ComputeLossAndGradients(AnyInputs[..1], new float[] { 1, 1 }, 1);
            Assert.Equal((0.105 + 0.555) / 2, loss, 6);
        }

        [Fact]
        public void BinaryCrossEntropyOfKnownProbabilities()
        {
            var network = new KnownPoints.Bce();
            // z = 0 → y = ½; z = ln 3 → y = ¾.
            SetBias(network, 0f, MathF.Log(3));
            float loss = network.ComputeLossAndGradients(AnyInputs[..1], new float[] { 1, 0.3f }, 1);
            double first = -Math.Log(0.5);                                 // t = 1, y = ½
            double second = -(0.3 * Math.Log(0.75) + 0.7 * Math.Log(0.25)); // t = 0.3, y = ¾
            Assert.Equal((first + second) / 2, loss, 6);
        }

        [Fact]
        public void BinaryCrossEntropyStaysFiniteForHugeLogits()
        {
            var network = new KnownPoints.Bce();
            SetBias(network, 1000f, -1000f);
            // −[0·ln σ(1000) + 1·ln(1 − σ(1000))] = 1000 exactly from the logits; the other term is 0.
            float loss = network.ComputeLossAndGradients(AnyInputs[..1], new float[] { 0, 0 }, 1);
            Assert.Equal(1000.0 / 2, loss, 3);
            Assert.Equal(0.5f, network.Gradients[2]); // (σ(1000) − 0)/2
            Assert.Equal(0f, network.Gradients[3]);
        }

        [Fact]
        public void CrossEntropyOfKnownProbabilities()
        {
            var network = new KnownPoints.Ce();
            // z = (0, ln 2, ln 3) → softmax = (1, 2, 3)/6.
            SetBias(network, 0f, MathF.Log(2), MathF.Log(3));
            float loss = network.ComputeLossAndGradients(AnyInputs, new float[] { 0, 0, 1, 0.5f, 0.5f, 0 }, 2);
            double first = -Math.Log(0.5);
            double second = -(0.5 * Math.Log(1.0 / 6) + 0.5 * Math.Log(2.0 / 6));
            Assert.Equal((first + second) / 2, loss, 6);
        }

        [Fact]
        public void CrossEntropyStaysFiniteForHugeLogits()
        {
            var network = new KnownPoints.Ce();
            SetBias(network, 1000f, 0f, -1000f);
            // The target class has z = 0 and the largest is 1000: the loss is 1000 (lse = 1000).
            float loss = network.ComputeLossAndGradients(AnyInputs[..1], new float[] { 0, 1, 0 }, 1);
            Assert.Equal(1000.0, loss, 3);
            Assert.Equal(new[] { 1f, -1f, 0f }, network.Gradients[3..].ToArray());
        }

        [Fact]
        public void StableActivationsStayFiniteForHugeInputs()
        {
            var sigmoid = new KnownPoints.SigmoidOut();
            var softPlus = new KnownPoints.SoftPlusOut();
            var elu = new KnownPoints.EluOut();
            var softmax = new KnownPoints.SoftmaxOut();
            float[] one = new float[1];
            float[] two = new float[2];
            SetBias(sigmoid, -1e4f);
            sigmoid.Predict(new float[] { 0 }, one);
            Assert.Equal(0f, one[0]);
            SetBias(sigmoid, 1e4f);
            sigmoid.Predict(new float[] { 0 }, one);
            Assert.Equal(1f, one[0]);
            SetBias(softPlus, 1e4f);
            softPlus.Predict(new float[] { 0 }, one);
            Assert.Equal(1e4f, one[0]);
            SetBias(softPlus, -1e4f);
            softPlus.Predict(new float[] { 0 }, one);
            Assert.Equal(0f, one[0]);
            SetBias(elu, -1e4f);
            elu.Predict(new float[] { 0 }, one);
            Assert.Equal(-1f, one[0]); // α(e^−10000 − 1) with α = 1
            SetBias(softmax, 1e4f, 1e4f - 1);
            softmax.Predict(new float[] { 0 }, two);
            Assert.Equal(1 / (1 + Math.Exp(-1)), two[0], 6);
            Assert.Equal(1 / (1 + Math.Exp(1)), two[1], 6);
        }

        /// <summary>Zeroes the network's single weight block and sets its bias.</summary>
        private static void SetBias(INeuralNetwork network, params float[] bias)
        {
            Span<float> p = network.Parameters;
            p.Clear();
            bias.CopyTo(p[^bias.Length..]);
        }
    }
}

namespace NetGen.Tests.KnownPoints
{
    [Network(Inputs = 1)][Dense(2)][Training(Loss.MeanSquaredError, BatchSize = 2)]
    public partial class Mse { }

    [Network(Inputs = 1)][Dense(2)][Training(Loss.HalfSquaredError, BatchSize = 2)]
    public partial class Half { }

    [Network(Inputs = 1)][Dense(2)][Training(Loss.Huber, BatchSize = 2)]
    public partial class HuberDelta1 { }

    [Network(Inputs = 1)][Dense(2)][Training(Loss.Huber, HuberDelta = 0.3f, BatchSize = 2)]
    public partial class HuberDelta03 { }

    [Network(Inputs = 1)][Dense(2, Activation.Sigmoid)][Training(Loss.BinaryCrossEntropy, BatchSize = 2)]
    public partial class Bce { }

    [Network(Inputs = 1)][Dense(3, Activation.Softmax)][Training(Loss.CrossEntropy, BatchSize = 2)]
    public partial class Ce { }

    [Network(Inputs = 1)][Dense(1, Activation.Sigmoid)]
    public partial class SigmoidOut { }

    [Network(Inputs = 1)][Dense(1, Activation.SoftPlus)]
    public partial class SoftPlusOut { }

    [Network(Inputs = 1)][Dense(1, Activation.ELU)]
    public partial class EluOut { }

    [Network(Inputs = 1)][Dense(2, Activation.Softmax)]
    public partial class SoftmaxOut { }
}
