using System;
using NetGen;
using NetGen.Metrics;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests
{
    /// <summary>
    /// Each loss family learns a real problem (regression with Huber, 2 classes with binary
    /// cross-entropy; K classes and MSE regression are the Iris and sin samples), the three gradient
    /// descent regimes of seed 000 are one batch size apart, and per-layer initialisation is honoured.
    /// </summary>
    public class LearningTests
    {
        [Fact]
        public void HuberRegressionLearnsSinDespiteOutliers()
        {
            // sin x on [−π, π] with every 10th target replaced by an outlier of ±3: Huber's linear
            // tails keep them from dominating.
            const int count = 200;
            float[] x = new float[count];
            float[] y = new float[count];
            for (int i = 0; i < count; i++)
            {
                x[i] = (float)(-Math.PI + 2 * Math.PI * i / (count - 1));
                y[i] = i % 10 == 5 ? (i % 20 == 5 ? 3f : -3f) : MathF.Sin(x[i]);
            }

            var network = new Learning.HuberSin();
            new Trainer(network, new TrainerOptions { Epochs = 150, Seed = 4 }).Fit(x, y, count);

            double squared = 0;
            float[] output = new float[1];
            for (int i = 0; i < 100; i++)
            {
                float input = (float)(-Math.PI + 2 * Math.PI * (i + 0.5) / 100);
                network.Predict(new[] { input }, output);
                squared += Math.Pow(output[0] - Math.Sin(input), 2);
            }

            Assert.True(squared / 100 < 0.02, $"mean squared error against the clean sin x: {squared / 100}");
        }

        [Fact]
        public void BinaryCrossEntropyLearnsTwoClasses()
        {
            // Points in [−2, 2]²; class 1 inside the circle of radius 1.3 (about half of them).
            (float[] trainX, float[] trainY) = Circle(600, seed: 1);
            (float[] testX, float[] testY) = Circle(300, seed: 2);
            var network = new Learning.CircleClassifier();
            new Trainer(network, new TrainerOptions { Epochs = 60, Seed = 3 }).Fit(trainX, trainY, 600);
            float accuracy = Classification.Accuracy(network, testX, testY, 300);
            Assert.True(accuracy >= 0.95f, $"test accuracy {accuracy}");
        }

        [Theory]
        [InlineData(1)]  // single-sample SGD: one example per step
        [InlineData(5)]  // minibatch SGD
        [InlineData(20)] // full-batch gradient descent: the whole data set per step
        public void TheThreeGradientDescentRegimesFitALine(int batch)
        {
            // y = 2x + 1 on 20 points; the regimes differ only in how many samples each step sees.
            float[] x = new float[20];
            float[] y = new float[20];
            for (int i = 0; i < 20; i++)
            {
                x[i] = -1 + 2f * i / 19;
                y[i] = 2 * x[i] + 1;
            }

            ITrainableNetwork network = batch switch
            {
                1 => new Learning.LineSingleSample(),
                5 => new Learning.LineMinibatch(),
                _ => new Learning.LineFullBatch(),
            };
            Assert.Equal(batch, network.BatchSize);
            new Trainer(network, new TrainerOptions { Epochs = 400, Seed = 8 }).Fit(x, y, 20);

            Assert.Equal(400L * (20 / batch), network.Step);
            Assert.Equal(2f, network.Parameters[0], 3); // w
            Assert.Equal(1f, network.Parameters[1], 3); // b
        }

        [Fact]
        public void InitOverridesTheActivationsDefault()
        {
            // 3 → 30: Glorot bound √(6/33) ≈ 0.426, He bound √(6/3) ≈ 1.414.
            float glorot = MathF.Sqrt(6f / 33);
            float he = MathF.Sqrt(6f / 3);
            float[] p = new Learning.InitOverrides().Parameters.ToArray();
            float[] reluGlorot = p[..90];           // ReLU would default to He
            float[] tanhHe = p[213..303];           // Tanh would default to Glorot (layer 3, after 3×30+30 and 30×3+3)
            float[] auto = p[426..516];             // ReLU, automatic: He (layer 5)
            Assert.All(reluGlorot, w => Assert.InRange(w, -glorot, glorot));
            Assert.Contains(tanhHe, w => MathF.Abs(w) > glorot);
            Assert.All(tanhHe, w => Assert.InRange(w, -he, he));
            Assert.Contains(auto, w => MathF.Abs(w) > glorot);
        }

        private static (float[] X, float[] Y) Circle(int count, long seed)
        {
            var random = new SeededRandom(seed);
            float[] x = new float[count * 2];
            float[] y = new float[count];
            for (int i = 0; i < count; i++)
            {
                float a = 4 * random.NextSingle() - 2;
                float b = 4 * random.NextSingle() - 2;
                x[2 * i] = a;
                x[2 * i + 1] = b;
                y[i] = a * a + b * b < 1.69f ? 1 : 0;
            }

            return (x, y);
        }
    }
}

namespace NetGen.Tests.Learning
{
    [Network(Inputs = 1, Seed = 60)]
    [Dense(16, Activation.Tanh)]
    [Dense(1)]
    [Training(Loss.Huber, Optimizer.Adam, LearningRate = 0.01f, HuberDelta = 0.2f, BatchSize = 16)]
    public partial class HuberSin { }

    [Network(Inputs = 2, Seed = 61)]
    [Dense(16, Activation.Tanh)]
    [Dense(1, Activation.Sigmoid)]
    [Training(Loss.BinaryCrossEntropy, Optimizer.Adam, LearningRate = 0.02f, BatchSize = 32)]
    public partial class CircleClassifier { }

    [Network(Inputs = 1, Seed = 62)][Dense(1)]
    [Training(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.05f, BatchSize = 1)]
    public partial class LineSingleSample { }

    [Network(Inputs = 1, Seed = 62)][Dense(1)]
    [Training(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.1f, BatchSize = 5)]
    public partial class LineMinibatch { }

    [Network(Inputs = 1, Seed = 62)][Dense(1)]
    [Training(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.2f, BatchSize = 20)]
    public partial class LineFullBatch { }

    [Network(Inputs = 3, Seed = 63)]
    [Dense(30, Activation.ReLU, Init = Init.GlorotUniform)]
    [Dense(3, Activation.Tanh)]
    [Dense(30, Activation.Tanh, Init = Init.HeUniform)]
    [Dense(3, Activation.Identity)]
    [Dense(30, Activation.ReLU)]
    public partial class InitOverrides { }
}
