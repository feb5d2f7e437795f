using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using NetGen;
using NetGen.Models;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests
{
    /// <summary>
    /// Large SIMD layers keep a packed copy of W (panels) that the forward kernel streams; it must follow
    /// every change of the parameters: writes through Parameters, optimizer steps, Trainer.Fit, model
    /// file loads. Each check compares the network with a fresh instance given the same parameters
    /// before its first call (which packs them once): a stale copy would give the old parameters' results.
    /// </summary>
    public class PackedWeightsTests
    {
        private static float[] Inputs(int rows, int seed)
        {
            var random = new SeededRandom(seed);
            var x = new float[rows * Packed.PackedNet.InputSize];
            for (int i = 0; i < x.Length; i++) x[i] = random.NextSingle() * 2 - 1;
            return x;
        }

        private static float[] Targets(int rows)
        {
            var t = new float[rows * Packed.PackedNet.OutputSize];
            for (int r = 0; r < rows; r++) t[r * Packed.PackedNet.OutputSize + r % Packed.PackedNet.OutputSize] = 1;
            return t;
        }

        /// <summary>A fresh network holding <paramref name="parameters"/>, packed on its first call.</summary>
        private static Packed.PackedNet Fresh(ReadOnlySpan<float> parameters)
        {
            var net = new Packed.PackedNet();
            parameters.CopyTo(net.Parameters);
            return net;
        }

        private static (float[] One, float[] Batch) Predictions(INeuralNetwork net, float[] x, int rows)
        {
            var one = new float[net.OutputSize];
            net.Predict(x.AsSpan(0, net.InputSize), one);
            var batch = new float[rows * net.OutputSize];
            net.PredictBatch(x, batch, rows);
            return (one, batch);
        }

        [Fact]
        public void AWriteThroughParametersChangesPredictAndPredictBatch()
        {
            const int rows = 70;
            float[] x = Inputs(rows, 1);
            var net = new Packed.PackedNet();
            (float[] one0, float[] batch0) = Predictions(net, x, rows); // packs
            foreach ((int first, int count) in new[] { (0, 200), (130 * 200 + 200, 200 * 100) }) // W1's first row, then all of W2
            {
                foreach (ref float weight in net.Parameters.Slice(first, count))
                {
                    weight += 0.75f;
                }

                (float[] one, float[] batch) = Predictions(net, x, rows);
                (float[] oneFresh, float[] batchFresh) = Predictions(Fresh(net.Parameters), x, rows);
                Assert.Equal(oneFresh, one);
                Assert.Equal(batchFresh, batch);
                Assert.NotEqual(one0, one);
                Assert.NotEqual(batch0, batch);
                one0 = one;
                batch0 = batch;
            }
        }

        [Fact]
        public void AWriteThroughParametersChangesTheNextTrainingStep()
        {
            const int rows = Packed.PackedNet.BatchSize;
            float[] x = Inputs(rows, 2), t = Targets(rows);
            var net = new Packed.PackedNet();
            float before = net.ComputeLossAndGradients(x, t, rows); // packs
            net.Parameters[130 * 200 + 200 + 11] -= 0.9f;
            net.Parameters[17] += 0.9f;
            var fresh = Fresh(net.Parameters);
            float after = net.TrainBatch(x, t, rows);
            Assert.Equal(fresh.TrainBatch(x, t, rows), after);
            Assert.NotEqual(before, after);
            Assert.Equal(fresh.Parameters.ToArray(), net.Parameters.ToArray());
        }

        [Fact]
        public void PredictionsFollowEachOptimizerStep()
        {
            const int rows = Packed.PackedNet.BatchSize;
            float[] x = Inputs(rows, 3), t = Targets(rows);
            var net = new Packed.PackedNet();
            for (int step = 0; step < 3; step++)
            {
                net.TrainBatch(x, t, rows);
                (float[] one, float[] batch) = Predictions(net, x, rows);
                (float[] oneFresh, float[] batchFresh) = Predictions(Fresh(net.Parameters), x, rows);
                Assert.Equal(oneFresh, one);
                Assert.Equal(batchFresh, batch);
            }

            // ComputeLossAndGradients + ApplyGradients, then ComputeLossAndGradients again.
            net.ComputeLossAndGradients(x, t, rows);
            net.ApplyGradients();
            float loss = net.ComputeLossAndGradients(x, t, rows);
            Assert.Equal(Fresh(net.Parameters).ComputeLossAndGradients(x, t, rows), loss);
        }

        [Fact]
        public void PredictionsFollowTrainerFit()
        {
            const int rows = 40;
            float[] x = Inputs(rows, 4), t = Targets(rows);
            var net = new Packed.PackedNet();
            Predictions(net, x, rows); // packs the initial parameters
            new Trainer(net, new TrainerOptions { Epochs = 3, Seed = 1 }).Fit(x, t, rows);
            (float[] one, float[] batch) = Predictions(net, x, rows);
            (float[] oneFresh, float[] batchFresh) = Predictions(Fresh(net.Parameters), x, rows);
            Assert.Equal(oneFresh, one);
            Assert.Equal(batchFresh, batch);
        }

        [Fact]
        public void PredictionsFollowAModelFileLoad()
        {
            const int rows = 9;
            float[] x = Inputs(rows, 5), t = Targets(Packed.PackedNet.BatchSize);
            var source = new Packed.PackedNet();
            source.TrainBatch(Inputs(Packed.PackedNet.BatchSize, 6), t, Packed.PackedNet.BatchSize);
            var stream = new MemoryStream();
            ModelFile.Save(source, stream);

            var target = new Packed.PackedNet();
            Predictions(target, x, rows); // packs its own initial parameters
            stream.Position = 0;
            ModelFile.Load(target, stream);
            (float[] one, float[] batch) = Predictions(target, x, rows);
            (float[] oneSource, float[] batchSource) = Predictions(source, x, rows);
            Assert.Equal(oneSource, one);
            Assert.Equal(batchSource, batch);
        }

        [Fact]
        public void ConcurrentFirstPredictionsAfterAWritePackOnceAndAgree()
        {
            const int rows = 65;
            float[] x = Inputs(rows, 7);
            var net = new Packed.PackedNet();
            net.Parameters[3] = 0.5f;
            (float[] one, float[] batch) = Predictions(Fresh(net.Parameters), x, rows);
            for (int round = 0; round < 10; round++)
            {
                net.Parameters[3 + round] += 0.25f; // stale again: the threads below race to repack
                (float[] oneExpected, float[] batchExpected) = Predictions(Fresh(net.Parameters), x, rows);
                using var start = new Barrier(4);
                var results = new (float[] One, float[] Batch)[4];
                Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, thread =>
                {
                    start.SignalAndWait();
                    results[thread] = Predictions(net, x, rows);
                });
                foreach ((float[] One, float[] Batch) result in results)
                {
                    Assert.Equal(oneExpected, result.One);
                    Assert.Equal(batchExpected, result.Batch);
                }
            }
        }

        [Fact]
        public void PredictionsAndStepsAllocateNothing()
        {
            const int rows = Packed.PackedNet.BatchSize;
            float[] x = Inputs(70, 8), t = Targets(rows), output = new float[70 * Packed.PackedNet.OutputSize];
            var net = new Packed.PackedNet();
            net.PredictBatch(x, output, 70);
            net.TrainBatch(x.AsSpan(0, rows * Packed.PackedNet.InputSize), t, rows);
            Assert.Equal(0, Allocations.Fewest(() => net.TrainBatch(x.AsSpan(0, rows * Packed.PackedNet.InputSize), t, rows)));
            Assert.Equal(0, Allocations.Fewest(() => { net.Parameters[0] += 0; net.Predict(x.AsSpan(0, Packed.PackedNet.InputSize), output.AsSpan(0, Packed.PackedNet.OutputSize)); }));
            Assert.Equal(0, Allocations.Fewest(() => { net.Parameters[0] += 0; net.PredictBatch(x, output, 70); }));
        }
    }
}

namespace NetGen.Tests.Packed
{
    /// <summary>Two packed layers (130×200, 200×100: a ragged last panel at every width) and an unpacked output layer.</summary>
    [Network(Inputs = 130, Seed = 41)]
    [Dense(200, Activation.ReLU)]
    [Dense(100, Activation.Tanh)]
    [Dense(10, Activation.Softmax)]
    [Training(Loss.CrossEntropy, Optimizer.Adam, BatchSize = 16, LearningRate = 0.01f)]
    public partial class PackedNet { }
}
