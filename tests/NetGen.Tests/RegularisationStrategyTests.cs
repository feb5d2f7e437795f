using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.CompilerServices;
using NetGen.Metrics;
using NetGen.Tests.Reference;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests
{
    /// <summary>
    /// [Dense(Dropout = …, L1 = …, L2 = …)]: gradients against the double reference (which takes the mask
    /// from the documented formula, <see cref="ReferenceDropout"/>) in every strategy and with threads,
    /// the strategies against each other, determinism, the mask's statistics, Predict untouched, the
    /// Trainer's evaluation without dropout, no allocation, and learning. (Named …StrategyTests so that
    /// CI reruns it at every vector width, as it does the other strategy tests.)
    /// </summary>
    public class RegularisationStrategyTests
    {
        private static readonly ReferenceLayer[] PenaltySmallLayers = { new(5, Activation.Tanh, L1: 0.003, L2: 0.01), new(4, Activation.Identity, L2: 0.02) };
        private static readonly ReferenceLayer[] PenaltyLoopsLayers = { new(70, Activation.Tanh, L1: 0.002), new(5, Activation.Softmax, L2: 0.01) };
        private static readonly ReferenceLayer[] PenaltySimdLayers = { new(17, Activation.Sigmoid, L1: 0.001, L2: 0.01), new(16, Activation.ReLU), new(3, Activation.Softmax, L1: 0.005) };
        private static readonly ReferenceLayer[] DropoutLayers = { new(6, Activation.Sigmoid, Dropout: 0.3), new(5, Activation.Tanh, Dropout: 0.5, L2: 0.01), new(4, Activation.Identity) };
        private static readonly ReferenceLayer[] CustomDropoutLayers =
        {
            new(6, Activation.Identity, Dropout: 0.3, Custom: MyFunctions.SwishReference(1.5), CustomDerivative: MyFunctions.SwishDerivativeReference(1.5)),
            new(5, Activation.Identity, Dropout: 0.5, L2: 0.01, Custom: MyFunctions.SoftClipReference, CustomDerivative: MyFunctions.SoftClipDerivativeReference),
            new(4, Activation.Identity),
        };
        private static readonly ReferenceLayer[] DropoutWideLayers = { new(64, Activation.ReLU, Dropout: 0.25), new(3, Activation.Softmax) };

        /// <summary>A network and its reference; the reference's mask is built for the network's seed and step when checked.</summary>
        public sealed record Case(string Name, Func<ITrainableNetwork> Create, int Inputs, ReferenceLayer[] Layers, Loss Loss, int Seed)
        {
            public override string ToString() => Name;

            public ReferenceNetwork Reference(long step) => new(Inputs, Layers, Loss, keeps: ReferenceDropout.Mask(Seed, step, Layers));
        }

        private static readonly Case[] Cases =
        {
            new("penalties, unrolled", () => new Regularisation.PenaltyUnrolled(), 3, PenaltySmallLayers, Loss.MeanSquaredError, 501),
            new("penalties, lanes", () => new Regularisation.PenaltyLanes(), 3, PenaltySmallLayers, Loss.MeanSquaredError, 501),
            new("penalties, lanes, 2 threads", () => new Regularisation.PenaltyLanesThreads(), 3, PenaltySmallLayers, Loss.MeanSquaredError, 501),
            new("penalties, loops", () => new Regularisation.PenaltyLoops(), 4, PenaltyLoopsLayers, Loss.CrossEntropy, 502),
            new("penalties, simd", () => new Regularisation.PenaltySimd(), 20, PenaltySimdLayers, Loss.CrossEntropy, 503),
            new("penalties, simd, 2 threads", () => new Regularisation.PenaltySimdThreads(), 20, PenaltySimdLayers, Loss.CrossEntropy, 503),
            new("dropout + L2, unrolled", () => new Regularisation.DropoutUnrolled(), 3, DropoutLayers, Loss.MeanSquaredError, 520),
            new("dropout + L2, loops", () => new Regularisation.DropoutLoops(), 3, DropoutLayers, Loss.MeanSquaredError, 520),
            new("dropout + L2, simd", () => new Regularisation.DropoutSimd(), 3, DropoutLayers, Loss.MeanSquaredError, 520),
            new("dropout + L2, simd, 2 threads", () => new Regularisation.DropoutSimdThreads(), 3, DropoutLayers, Loss.MeanSquaredError, 520),
            new("dropout + L2, unrolled, 3 threads", () => new Regularisation.DropoutUnrolledThreads(), 3, DropoutLayers, Loss.MeanSquaredError, 520),
            new("dropout + L2, auto (not lanes)", () => new Regularisation.DropoutAuto(), 3, DropoutLayers, Loss.MeanSquaredError, 520),
            new("dropout 0.25 on 64 ReLU units, simd", () => new Regularisation.DropoutWide(), 20, DropoutWideLayers, Loss.CrossEntropy, 530),
            new("custom Swish(β=1.5)/SoftClip + dropout + L2, unrolled", () => new CustomDropoutL2Unrolled(), 3, CustomDropoutLayers, Loss.MeanSquaredError, 540),
            new("custom Swish(β=1.5)/SoftClip + dropout + L2, simd", () => new CustomDropoutL2Simd(), 3, CustomDropoutLayers, Loss.MeanSquaredError, 540),
            new("custom Swish(β=1.5)/SoftClip + dropout + L2, simd, 2 threads", () => new CustomDropoutL2SimdThreads(), 3, CustomDropoutLayers, Loss.MeanSquaredError, 540),
        };

        public static IEnumerable<object[]> AllCases => Cases.Select(c => new object[] { c });

        /// <summary>
        /// Loss and gradients against backpropagation in double and against central differences of the
        /// reference loss, at one row and a full batch, at step 0 and after two steps (a new mask).
        /// </summary>
        [Theory]
        [MemberData(nameof(AllCases))]
        public void GradientsMatchTheReference(Case testCase)
        {
            ITrainableNetwork network = testCase.Create();
            var random = new SeededRandom(testCase.Name.Length * 31L + 7);
            Randomize(network.Parameters, ref random);
            foreach (int steps in new[] { 0, 2 })
            {
                for (int s = 0; s < steps; s++)
                {
                    (float[] x, float[] t) = RandomBatch(network, testCase.Loss, network.BatchSize, ref random);
                    network.LearningRate = 0.01f;
                    network.TrainBatch(x, t, network.BatchSize);
                }

                Assert.Equal(steps, network.Step);
                ReferenceNetwork reference = testCase.Reference(network.Step);
                foreach (int count in new[] { 1, network.BatchSize })
                {
                    (float[] inputs, float[] targets) = RandomBatch(network, testCase.Loss, count, ref random);
                    double[] theta = network.Parameters.ToArray().Select(v => (double)v).ToArray();
                    float loss = network.ComputeLossAndGradients(inputs, targets, count);
                    float[] actual = network.Gradients.ToArray();
                    double expectedLoss = reference.Loss(theta, inputs, targets, count);
                    Assert.True(Math.Abs(loss - expectedLoss) <= 1e-5 * (1 + Math.Abs(expectedLoss)),
                        $"{testCase.Name}, step {steps}, count {count}: loss {loss}, the reference gives {expectedLoss}");
                    AssertClose(testCase.Name, "backpropagation in double", actual, reference.Gradient(theta, inputs, targets, count), 2e-5, 1e-4);
                    AssertClose(testCase.Name, "finite differences", actual, reference.FiniteDifferenceGradient(theta, inputs, targets, count), 1e-4, 1e-3);
                }
            }
        }

        /// <summary>
        /// The weighted overload with dropout and penalties (class weights in the Trainer take this path): the
        /// weighted mean data loss plus the unweighted penalty, and its gradient, against the reference.
        /// </summary>
        [Theory]
        [MemberData(nameof(AllCases))]
        public void WeightedGradientsMatchTheReference(Case testCase)
        {
            ITrainableNetwork network = testCase.Create();
            var random = new SeededRandom(testCase.Name.Length * 37L + 11);
            Randomize(network.Parameters, ref random);
            ReferenceNetwork reference = testCase.Reference(network.Step);
            foreach (int count in new[] { 1, network.BatchSize })
            {
                (float[] inputs, float[] targets) = RandomBatch(network, testCase.Loss, count, ref random);
                float[] weights = Enumerable.Range(0, count).Select(s => (float)(s % 3) + 0.5f).ToArray();
                double[] theta = network.Parameters.ToArray().Select(v => (double)v).ToArray();
                float loss = network.ComputeLossAndGradients(inputs, targets, weights, count);
                float[] actual = network.Gradients.ToArray();
                double expectedLoss = reference.Loss(theta, inputs, targets, count, weights);
                Assert.True(Math.Abs(loss - expectedLoss) <= 1e-5 * (1 + Math.Abs(expectedLoss)),
                    $"{testCase.Name}, weighted, count {count}: loss {loss}, the reference gives {expectedLoss}");
                AssertClose(testCase.Name, "weighted backpropagation in double", actual, reference.Gradient(theta, inputs, targets, count, weights), 2e-5, 1e-4);
            }
        }

        /// <summary>The penalty is in the returned loss once per batch, whatever the batch size: loss(count) − data loss = Σ L2·w² + L1·|w|.</summary>
        [Fact]
        public void ThePenaltyIsAddedOncePerBatch()
        {
            ITrainableNetwork penalised = new Regularisation.PenaltySimd();
            ITrainableNetwork plain = new Regularisation.PlainSimd();
            var random = new SeededRandom(8);
            Randomize(penalised.Parameters, ref random);
            penalised.Parameters.CopyTo(plain.Parameters);
            double penalty = new ReferenceNetwork(20, PenaltySimdLayers, Loss.CrossEntropy).Penalty(penalised.Parameters.ToArray().Select(v => (double)v).ToArray());
            Assert.True(penalty > 0.1, $"penalty {penalty}");
            foreach (int count in new[] { 1, 5, penalised.BatchSize })
            {
                (float[] x, float[] t) = RandomBatch(penalised, Loss.CrossEntropy, count, ref random);
                float withPenalty = penalised.ComputeLossAndGradients(x, t, count);
                float without = plain.ComputeLossAndGradients(x, t, count);
                Assert.True(Math.Abs(withPenalty - without - penalty) <= 1e-5 * (1 + penalty), $"count {count}: {withPenalty} − {without} ≠ {penalty}");
            }
        }

        /// <summary>Unrolled, loops, SIMD and threaded code draw the same masks: gradients agree, and 20 training steps stay together.</summary>
        [Fact]
        public void StrategiesAgreeWithDropout()
        {
            ITrainableNetwork[] networks =
            {
                new Regularisation.DropoutUnrolled(), new Regularisation.DropoutLoops(), new Regularisation.DropoutSimd(),
                new Regularisation.DropoutSimdThreads(), new Regularisation.DropoutUnrolledThreads(), new Regularisation.DropoutAuto(),
            };
            foreach (ITrainableNetwork network in networks.Skip(1))
            {
                Assert.Equal(networks[0].Parameters.ToArray(), network.Parameters.ToArray()); // the same seed and shapes: the same start
            }

            var random = new SeededRandom(21);
            for (int step = 0; step < 20; step++)
            {
                (float[] x, float[] t) = RandomBatch(networks[0], Loss.MeanSquaredError, networks[0].BatchSize, ref random);
                float[] losses = networks.Select(n => n.TrainBatch(x, t, n.BatchSize)).ToArray();
                float[] first = networks[0].Gradients.ToArray();
                for (int i = 1; i < networks.Length; i++)
                {
                    Assert.True(Math.Abs(losses[i] - losses[0]) <= 1e-5 * (1 + Math.Abs(losses[0])), $"network {i}, step {step}: loss {losses[i]} vs {losses[0]}");
                    AssertClose($"network {i}, step {step}", "the unrolled network's gradients", networks[i].Gradients.ToArray(), first.Select(v => (double)v).ToArray(), 1e-5, 1e-4);
                }
            }
        }

        /// <summary>Same seed, same data: the same bits, with one thread and with two.</summary>
        [Fact]
        public void DropoutTrainingIsDeterministic()
        {
            foreach (Func<ITrainableNetwork> create in new Func<ITrainableNetwork>[] { () => new Regularisation.DropoutWide(), () => new Regularisation.DropoutSimdThreads() })
            {
                float[] Train()
                {
                    ITrainableNetwork network = create();
                    var random = new SeededRandom(5);
                    for (int step = 0; step < 25; step++)
                    {
                        (float[] x, float[] t) = RandomBatch(network, network.Loss, network.BatchSize, ref random);
                        network.TrainBatch(x, t, network.BatchSize);
                    }

                    return network.Parameters.ToArray();
                }

                Assert.Equal(Train(), Train());
            }
        }

        /// <summary>The mask of a step does not change until the step does: two calls give the same bits (finite differences rely on it).</summary>
        [Fact]
        public void TheMaskDependsOnTheStepOnly()
        {
            ITrainableNetwork network = new Regularisation.DropoutWide();
            var random = new SeededRandom(3);
            (float[] x, float[] t) = RandomBatch(network, Loss.CrossEntropy, network.BatchSize, ref random);
            float first = network.ComputeLossAndGradients(x, t, network.BatchSize);
            float[] gradients = network.Gradients.ToArray();
            Assert.Equal(first, network.ComputeLossAndGradients(x, t, network.BatchSize));
            Assert.Equal(gradients, network.Gradients.ToArray());
            network.RestoreStep(1); // Step 1, parameters unchanged (a rate of 0 is refused since run-time hyperparameters)
            Assert.NotEqual(first, network.ComputeLossAndGradients(x, t, network.BatchSize));
        }

        /// <summary>Predict and PredictBatch never drop: they match the reference's forward pass without dropout, before and after training.</summary>
        [Fact]
        public void PredictIsUnaffected()
        {
            ITrainableNetwork network = new Regularisation.DropoutWide();
            var reference = new ReferenceNetwork(20, DropoutWideLayers, Loss.CrossEntropy);
            var random = new SeededRandom(6);
            for (int step = 0; step < 5; step++)
            {
                (float[] x, float[] t) = RandomBatch(network, Loss.CrossEntropy, network.BatchSize, ref random);
                network.TrainBatch(x, t, network.BatchSize);
            }

            double[] theta = network.Parameters.ToArray().Select(v => (double)v).ToArray();
            (float[] inputs, _) = RandomBatch(network, Loss.CrossEntropy, 10, ref random);
            float[] batch = new float[10 * 3];
            network.PredictBatch(inputs, batch, 10);
            float[] output = new float[3];
            for (int s = 0; s < 10; s++)
            {
                network.Predict(inputs.AsSpan(s * 20, 20), output);
                double[] expected = reference.Forward(theta, inputs.AsSpan(s * 20, 20));
                for (int k = 0; k < 3; k++)
                {
                    Assert.True(Math.Abs(output[k] - expected[k]) <= 1e-5, $"row {s}: {output[k]} vs {expected[k]}");
                    Assert.True(Math.Abs(batch[s * 3 + k] - expected[k]) <= 1e-5, $"batch row {s}: {batch[s * 3 + k]} vs {expected[k]}");
                }
            }
        }

        /// <summary>
        /// DropoutEnabled = false gives the loss and gradients without dropout (and with the penalties),
        /// which is what Trainer.Evaluate reports; the Trainer leaves the switch on.
        /// </summary>
        [Fact]
        public void EvaluationDropsNothing()
        {
            var network = new Regularisation.DropoutSimd();
            ITrainableNetwork trainable = network;
            const int batch = Regularisation.DropoutSimd.BatchSize;
            var random = new SeededRandom(9);
            Randomize(trainable.Parameters, ref random);
            (float[] x, float[] t) = RandomBatch(network, Loss.MeanSquaredError, batch, ref random);
            double[] theta = trainable.Parameters.ToArray().Select(v => (double)v).ToArray();
            var keepAll = new ReferenceNetwork(3, DropoutLayers, Loss.MeanSquaredError, keeps: (_, _, _) => true);
            // Keeping every unit still scales by 1/(1 − rate); without dropout is rate 0.
            var noDropout = new ReferenceNetwork(3, DropoutLayers.Select(l => l with { Dropout = 0 }).ToArray(), Loss.MeanSquaredError);
            Assert.NotEqual(keepAll.Loss(theta, x, t, batch), noDropout.Loss(theta, x, t, batch));
            double expected = noDropout.Loss(theta, x, t, batch);

            Assert.True(network.DropoutEnabled);
            network.DropoutEnabled = false;
            float loss = trainable.ComputeLossAndGradients(x, t, batch);
            Assert.True(Math.Abs(loss - expected) <= 1e-5 * (1 + expected), $"{loss} vs {expected}");
            AssertClose("dropout off", "the reference without dropout", trainable.Gradients.ToArray(), noDropout.Gradient(theta, x, t, batch), 2e-5, 1e-4);
            network.DropoutEnabled = true;

            (float evaluated, _) = new Trainer(network).Evaluate(x, t, batch);
            Assert.True(Math.Abs(evaluated - expected) <= 1e-5 * (1 + expected), $"Evaluate {evaluated} vs {expected}");
            Assert.True(network.DropoutEnabled);
        }

        /// <summary>The runtime's mask is the documented formula (written again in the test), at every vector width, offset and length.</summary>
        [Fact]
        public void TheMaskIsTheDocumentedHash()
        {
            foreach ((int seed, int layer, long step, float rate) in new[] { (0, 1, 0L, 0.5f), (520, 2, 7L, 0.3f), (-17, 3, 1L << 40, 0.9f), (int.MaxValue, 1, long.MaxValue, 0.01f) })
            {
                for (int index = 0; index < 300; index++)
                {
                    Assert.Equal(ReferenceDropout.Keeps(seed, layer, step, index, rate), Dropout.Keeps(seed, layer, step, index, rate));
                }

                float scale = 1f / (1f - rate);
                foreach (int first in new[] { 0, 3, 1000 })
                {
                    for (int length = 0; length <= 70; length++)
                    {
                        float[] a = Enumerable.Range(0, length).Select(i => 0.5f + i).ToArray();
                        float[] y = new float[length];
                        Dropout.Forward(a, y, seed, layer, step, first, rate);
                        float[] d = (float[])a.Clone();
                        Dropout.Backward(d, seed, layer, step, first, rate);
                        for (int i = 0; i < length; i++)
                        {
                            float expected = ReferenceDropout.Keeps(seed, layer, step, first + i, rate) ? a[i] * scale : 0f;
                            Assert.Equal(expected, y[i]);
                            Assert.Equal(expected, d[i]);
                        }
                    }
                }
            }
        }

        /// <summary>
        /// Over 2¹⁸ elements the fraction dropped is the rate within 6σ, the mean is kept (inverted
        /// dropout), every unit is dropped at that rate over rows, and consecutive steps' masks are independent.
        /// </summary>
        [Theory]
        [InlineData(0.1f)]
        [InlineData(0.2f)]
        [InlineData(0.5f)]
        [InlineData(0.8f)]
        public void TheMaskHasTheRightStatistics(float rate)
        {
            const int units = 64, rows = 4096, n = units * rows;
            float[] ones = Enumerable.Repeat(1f, n).ToArray();
            float[] y = new float[n], next = new float[n];
            Dropout.Forward(ones, y, 42, 1, 100, 0, rate);
            Dropout.Forward(ones, next, 42, 1, 101, 0, rate);
            double dropped = y.Count(v => v == 0f) / (double)n;
            double sigma = Math.Sqrt(rate * (1 - rate) / n);
            Assert.True(Math.Abs(dropped - rate) <= 6 * sigma, $"dropped {dropped}, rate {rate}");
            double mean = y.Average(v => (double)v);
            Assert.True(Math.Abs(mean - 1) <= 6 * Math.Sqrt(rate / (1 - rate) / n), $"mean {mean}");
            double both = Enumerable.Range(0, n).Count(i => y[i] == 0f && next[i] == 0f) / (double)n;
            Assert.True(Math.Abs(both - rate * rate) <= 6 * Math.Sqrt(rate * rate * (1 - rate * rate) / n), $"dropped at both steps {both}, expected {rate * rate}");
            for (int unit = 0; unit < units; unit++)
            {
                double perUnit = Enumerable.Range(0, rows).Count(r => y[r * units + unit] == 0f) / (double)rows;
                Assert.True(Math.Abs(perUnit - rate) <= 6 * Math.Sqrt(rate * (1 - rate) / rows), $"unit {unit}: dropped {perUnit}");
            }
        }

        /// <summary>A training step with dropout and penalties allocates nothing, threaded or not; Predict neither.</summary>
        [Fact]
        public void TrainingAllocatesNothing()
        {
            foreach (ITrainableNetwork network in new ITrainableNetwork[] { new Regularisation.DropoutWide(), new Regularisation.DropoutSimdThreads(), new Regularisation.DropoutUnrolled(), new Regularisation.PenaltySimd(), new Regularisation.PenaltyLanesThreads() })
            {
                var random = new SeededRandom(1);
                (float[] x, float[] t) = RandomBatch(network, network.Loss, network.BatchSize, ref random);
                float[] output = new float[network.OutputSize];
                network.TrainBatch(x, t, network.BatchSize);
                Assert.Equal(0, Allocations.Fewest(() => network.TrainBatch(x, t, network.BatchSize)));
                Assert.Equal(0, Allocations.Fewest(() => network.Predict(x.AsSpan(0, network.InputSize), output)));
            }
        }

        /// <summary>Dropout and L2 do not stop learning: the circle problem of LearningTests reaches 90 % test accuracy.</summary>
        [Fact]
        public void ANetworkWithDropoutAndL2Learns()
        {
            (float[] trainX, float[] trainY) = Circle(600, seed: 1);
            (float[] testX, float[] testY) = Circle(300, seed: 2);
            var network = new Regularisation.CircleWithDropout();
            TrainingResult result = new Trainer(network, new TrainerOptions { Epochs = 60, Seed = 3 }).Fit(trainX, trainY, 600);
            float accuracy = Classification.Accuracy(network, testX, testY, 300);
            Assert.True(accuracy >= 0.9f, $"test accuracy {accuracy}, final training loss {result.History[^1].TrainingLoss}");
        }

        /// <summary>
        /// Dropout and penalties change no parameter's meaning: the architecture fingerprint is the plain
        /// network's, a model file moves between them both ways, and the ONNX export is the same bytes.
        /// </summary>
        [Fact]
        public void ModelFilesAndOnnxAreThoseOfThePlainNetwork()
        {
            Assert.Equal(Regularisation.PlainSimd.ArchitectureFingerprint, Regularisation.PenaltySimd.ArchitectureFingerprint);
            Assert.Equal(Regularisation.PlainSimd.Architecture, Regularisation.PenaltySimd.Architecture);
            Assert.Equal(Regularisation.DropoutPlain.ArchitectureFingerprint, Regularisation.DropoutSimd.ArchitectureFingerprint);
            var dropout = new Regularisation.DropoutSimd();
            var plain = new Regularisation.DropoutPlain();
            var random = new SeededRandom(12);
            Randomize(((ITrainableNetwork)dropout).Parameters, ref random);
            var file = new System.IO.MemoryStream();
            global::NetGen.Models.ModelFile.Save(dropout, file);
            file.Position = 0;
            global::NetGen.Models.ModelFile.Load(plain, file);
            Assert.Equal(((INeuralNetwork)dropout).Parameters.ToArray(), ((INeuralNetwork)plain).Parameters.ToArray());
            Assert.Equal(global::NetGen.Onnx.OnnxExporter.ToBytes(plain), global::NetGen.Onnx.OnnxExporter.ToBytes(dropout));
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

        private static void AssertClose(string name, string what, float[] actual, double[] expected, double absolute, double relative)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                double tolerance = absolute + relative * Math.Abs(expected[i]);
                Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance, $"{name}: ∂loss/∂θ[{i}] is {actual[i]} but {what} give {expected[i]}");
            }
        }

        /// <summary>Parameters in [−0.8, 0.8], biases included.</summary>
        private static void Randomize(Span<float> parameters, ref SeededRandom random)
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i] = 1.6f * random.NextSingle() - 0.8f;
            }
        }

        /// <summary>Inputs in [−3, 3]; probability vectors for cross-entropy, values in [−0.5, 1.5] otherwise.</summary>
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
                float sum = 0;
                for (int j = 0; j < k; j++)
                {
                    t[j] = loss == Loss.CrossEntropy ? random.NextSingle() + 0.05f : 2f * random.NextSingle() - 0.5f;
                    sum += t[j];
                }

                if (loss == Loss.CrossEntropy)
                {
                    for (int j = 0; j < k; j++)
                    {
                        t[j] /= sum;
                    }
                }
            }

            return (inputs, targets);
        }
    }
}

namespace NetGen.Tests.Regularisation
{
    [Network(Inputs = 3, Seed = 501, CodeGen = CodeGen.Unrolled)]
    [Dense(5, Activation.Tanh, L1 = 0.003f, L2 = 0.01f)]
    [Dense(4, Activation.Identity, L2 = 0.02f)]
    [Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
    public partial class PenaltyUnrolled { }

    [Network(Inputs = 3, Seed = 501, CodeGen = CodeGen.Lanes)]
    [Dense(5, Activation.Tanh, L1 = 0.003f, L2 = 0.01f)]
    [Dense(4, Activation.Identity, L2 = 0.02f)]
    [Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
    public partial class PenaltyLanes { }

    [Network(Inputs = 3, Seed = 501, CodeGen = CodeGen.Lanes, Threads = 2)]
    [Dense(5, Activation.Tanh, L1 = 0.003f, L2 = 0.01f)]
    [Dense(4, Activation.Identity, L2 = 0.02f)]
    [Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
    public partial class PenaltyLanesThreads { }

    [Network(Inputs = 4, Seed = 502, CodeGen = CodeGen.Loops)]
    [Dense(70, Activation.Tanh, L1 = 0.002f)]
    [Dense(5, Activation.Softmax, L2 = 0.01f)]
    [Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 6)]
    public partial class PenaltyLoops { }

    [Network(Inputs = 20, Seed = 503, CodeGen = CodeGen.Simd)]
    [Dense(17, Activation.Sigmoid, L1 = 0.001f, L2 = 0.01f)]
    [Dense(16, Activation.ReLU)]
    [Dense(3, Activation.Softmax, L1 = 0.005f)]
    [Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 8)]
    public partial class PenaltySimd { }

    [Network(Inputs = 20, Seed = 503, CodeGen = CodeGen.Simd)]
    [Dense(17, Activation.Sigmoid)]
    [Dense(16, Activation.ReLU)]
    [Dense(3, Activation.Softmax)]
    [Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 8)]
    public partial class PlainSimd { }

    [Network(Inputs = 20, Seed = 503, CodeGen = CodeGen.Simd, Threads = 2)]
    [Dense(17, Activation.Sigmoid, L1 = 0.001f, L2 = 0.01f)]
    [Dense(16, Activation.ReLU)]
    [Dense(3, Activation.Softmax, L1 = 0.005f)]
    [Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 8)]
    public partial class PenaltySimdThreads { }

    [Network(Inputs = 3, Seed = 520, CodeGen = CodeGen.Unrolled)]
    [Dense(6, Activation.Sigmoid, Dropout = 0.3f)]
    [Dense(5, Activation.Tanh, Dropout = 0.5f, L2 = 0.01f)]
    [Dense(4, Activation.Identity)]
    [Training(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 6)]
    public partial class DropoutUnrolled { }

    [Network(Inputs = 3, Seed = 520, CodeGen = CodeGen.Loops)]
    [Dense(6, Activation.Sigmoid, Dropout = 0.3f)]
    [Dense(5, Activation.Tanh, Dropout = 0.5f, L2 = 0.01f)]
    [Dense(4, Activation.Identity)]
    [Training(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 6)]
    public partial class DropoutLoops { }

    [Network(Inputs = 3, Seed = 520, CodeGen = CodeGen.Simd)]
    [Dense(6, Activation.Sigmoid, Dropout = 0.3f)]
    [Dense(5, Activation.Tanh, Dropout = 0.5f, L2 = 0.01f)]
    [Dense(4, Activation.Identity)]
    [Training(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 6)]
    public partial class DropoutSimd { }

    [Network(Inputs = 3, Seed = 520, CodeGen = CodeGen.Simd, Threads = 2)]
    [Dense(6, Activation.Sigmoid, Dropout = 0.3f)]
    [Dense(5, Activation.Tanh, Dropout = 0.5f, L2 = 0.01f)]
    [Dense(4, Activation.Identity)]
    [Training(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 6)]
    public partial class DropoutSimdThreads { }

    [Network(Inputs = 3, Seed = 520, CodeGen = CodeGen.Unrolled, Threads = 3)]
    [Dense(6, Activation.Sigmoid, Dropout = 0.3f)]
    [Dense(5, Activation.Tanh, Dropout = 0.5f, L2 = 0.01f)]
    [Dense(4, Activation.Identity)]
    [Training(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 6)]
    public partial class DropoutUnrolledThreads { }

    [Network(Inputs = 3, Seed = 520, CodeGen = CodeGen.Simd)]
    [Dense(6, Activation.Sigmoid)]
    [Dense(5, Activation.Tanh)]
    [Dense(4, Activation.Identity)]
    [Training(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 6)]
    public partial class DropoutPlain { }

    /// <summary>Small layers under CodeGen.Auto: lanes would be Auto's choice, but dropout has no lanes form, so unrolled.</summary>
    [Network(Inputs = 3, Seed = 520)]
    [Dense(6, Activation.Sigmoid, Dropout = 0.3f)]
    [Dense(5, Activation.Tanh, Dropout = 0.5f, L2 = 0.01f)]
    [Dense(4, Activation.Identity)]
    [Training(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 6)]
    public partial class DropoutAuto { }

    [Network(Inputs = 20, Seed = 530)]
    [Dense(64, Activation.ReLU, Dropout = 0.25f)]
    [Dense(3, Activation.Softmax)]
    [Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 16)]
    public partial class DropoutWide { }

    [Network(Inputs = 2, Seed = 61)]
    [Dense(32, Activation.Tanh, Dropout = 0.2f, L2 = 1e-4f)]
    [Dense(1, Activation.Sigmoid)]
    [Training(Loss.BinaryCrossEntropy, Optimizer.Adam, LearningRate = 0.02f, BatchSize = 32)]
    public partial class CircleWithDropout { }
}
