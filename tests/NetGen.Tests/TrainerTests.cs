using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetGen;
using NetGen.Metrics;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests
{
    /// <summary>The runtime's trainer: batching, early stopping, NaN, cancellation, schedules, allocation.</summary>
    public class TrainerTests
    {
        /// <summary>y = 2x − 1 on 10 points (x from −1 to 1).</summary>
        private static (float[] X, float[] Y) Line(int count = 10, float slope = 2, float intercept = -1)
        {
            float[] x = new float[count];
            float[] y = new float[count];
            for (int i = 0; i < count; i++)
            {
                x[i] = -1 + 2f * i / (count - 1);
                y[i] = slope * x[i] + intercept;
            }

            return (x, y);
        }

        [Fact]
        public void EveryRowIsUsedAndTheLastPartialBatchIsKept()
        {
            var network = new TrainerNets.Line4();
            (float[] x, float[] y) = Line(10);
            TrainingResult result = new Trainer(network, new TrainerOptions { Epochs = 3 }).Fit(x, y, 10);
            Assert.Equal(3 * 3, network.Step); // 10 rows in batches of 4: 4 + 4 + 2
            Assert.Equal(3, result.History.Count);
        }

        [Fact]
        public void DropLastPartialBatchSkipsIt()
        {
            var network = new TrainerNets.Line4();
            (float[] x, float[] y) = Line(10);
            new Trainer(network, new TrainerOptions { Epochs = 3, DropLastPartialBatch = true }).Fit(x, y, 10);
            Assert.Equal(3 * 2, network.Step);
        }

        [Fact]
        public void TrainingLossIsTheBatchSizeWeightedMean()
        {
            // Without shuffling and with a learning rate of ~0, the epoch's loss is the mean over rows.
            var network = new TrainerNets.Line4 { LearningRate = 1e-30f };
            (float[] x, float[] y) = Line(10);
            float expected = new Trainer(network).Evaluate(x, y, 10).Loss;
            TrainingResult result = new Trainer(network, new TrainerOptions { Epochs = 1, Shuffle = false }).Fit(x, y, 10);
            Assert.Equal(expected, result.History[0].TrainingLoss, 5);
        }

        [Fact]
        public void EarlyStoppingRestoresTheBestEpochsParameters()
        {
            // Validation data that disagrees with the training data: the validation loss is lowest
            // early and then rises, so training stops after `Patience` epochs without improvement.
            var network = new TrainerNets.Line4();
            (float[] x, float[] y) = Line(10);
            (float[] vx, float[] vy) = Line(10, slope: -2, intercept: 3);
            var snapshots = new Dictionary<int, float[]>();
            var progress = new SynchronousProgress(p =>
            {
                if (p.CompletedEpoch is { } epoch)
                {
                    snapshots[epoch.Epoch] = network.Parameters.ToArray();
                }
            });
            TrainingResult result = new Trainer(network, new TrainerOptions { Epochs = 50, Patience = 3, Seed = 2, Progress = progress })
                .Fit(x, y, 10, vx, vy, 10);

            int best = result.History.OrderBy(e => e.ValidationLoss).First().Epoch;
            Assert.Equal(best, result.BestEpoch);
            Assert.True(result.StoppedEarly);
            Assert.Equal(best + 3, result.History.Count);
            Assert.True(result.RestoredBestParameters);
            Assert.Equal(snapshots[best], network.Parameters.ToArray());
            Assert.NotEqual(snapshots[result.History.Count], network.Parameters.ToArray());
        }

        [Fact]
        public void ANonFiniteLossNamesEpochAndBatchAndKeepsTheParameters()
        {
            var network = new TrainerNets.Line4();
            var twin = new TrainerNets.Line4();
            (float[] x, float[] y) = Line(10);
            x[9] = float.NaN; // row 9 is in batch 3 (rows 8 and 9) of every unshuffled epoch

            var error = Assert.Throws<NonFiniteLossException>(() =>
                new Trainer(network, new TrainerOptions { Epochs = 5, Shuffle = false }).Fit(x, y, 10));
            Assert.Equal(1, error.Epoch);
            Assert.Equal(3, error.Batch);
            Assert.Contains("epoch 1, batch 3 of 3", error.Message, StringComparison.Ordinal);
            Assert.IsType<NonFiniteLossException>(error.InnerException);

            // The twin takes the first two batches by hand: the parameters must be exactly its.
            twin.TrainBatch(x.AsSpan(0, 4), y.AsSpan(0, 4), 4);
            twin.TrainBatch(x.AsSpan(4, 4), y.AsSpan(4, 4), 4);
            Assert.Equal(twin.Parameters.ToArray(), network.Parameters.ToArray());
            Assert.Equal(2, network.Step);
        }

        [Fact]
        public void ANaNValidationLossStopsTrainingWithAnErrorNamingTheEpochAndTheRows()
        {
            // Before: bestLoss = Math.Min(NaN, ∞) = NaN, no later epoch compared better, and training
            // went on silently with epoch 1 as the "best" epoch.
            var network = new TrainerNets.Line4();
            (float[] x, float[] y) = Line(10);
            (float[] vx, float[] vy) = Line(10);
            vx[9] = float.NaN; // validation batches (BatchSize 4): rows 0–3, 4–7, 8–9
            var error = Assert.Throws<NonFiniteLossException>(() =>
                new Trainer(network, new TrainerOptions { Epochs = 5, Patience = 2 }).Fit(x, y, 10, vx, vy, 10));
            Assert.Equal(1, error.Epoch);
            Assert.Equal(0, error.Batch); // 0: not a training batch
            Assert.True(float.IsNaN(error.Loss));
            Assert.Equal(3, error.Step);
            Assert.Equal(3, network.Step); // epoch 1's three batches, and no more
            Assert.Equal(
                "The validation loss is NaN after epoch 1 (the first validation batch with a non-finite loss holds rows 8 to 9, counting from 0), "
                + "so it cannot be compared with other epochs; training stopped. The parameters are those at the end of epoch 1 (after optimizer step 3). "
                + "Check the validation data for NaN or huge values, or lower the learning rate.",
                error.Message);
        }

        [Fact]
        public void AnInfiniteValidationLossStopsTrainingToo()
        {
            var network = new TrainerNets.Line4();
            (float[] x, float[] y) = Line(10);
            (float[] vx, float[] vy) = Line(10);
            vx[0] = 1e30f; // (w·1e30 + b − t)² overflows float
            var error = Assert.Throws<NonFiniteLossException>(() =>
                new Trainer(network, new TrainerOptions { Epochs = 5 }).Fit(x, y, 10, vx, vy, 10));
            Assert.Equal(1, error.Epoch);
            Assert.Equal(float.PositiveInfinity, error.Loss);
            Assert.StartsWith("The validation loss is Infinity after epoch 1 (the first validation batch with a non-finite loss holds rows 0 to 3, counting from 0)", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ProgressReportsArriveInOrderOnTheTrainingThreadBeforeFitReturns()
        {
            // The documented reporter: SynchronousProgress calls back on the training thread, so each
            // report sees exactly the steps taken so far, and every report has arrived when Fit returns.
            var network = new TrainerNets.Line4();
            (float[] x, float[] y) = Line(40); // 10 batches an epoch
            int thread = Environment.CurrentManagedThreadId;
            bool fitting = false;
            var seen = new List<(int Epoch, int Batch, long Step, bool InsideFit, bool SameThread)>();
            var progress = new SynchronousProgress(p =>
                seen.Add((p.Epoch, p.Batch, network.Step, fitting, Environment.CurrentManagedThreadId == thread)));
            fitting = true;
            new Trainer(network, new TrainerOptions { Epochs = 3, Progress = progress, ProgressInterval = 2 }).Fit(x, y, 40);
            fitting = false;

            // Batches 2, 4, 6, 8 within each epoch, then the epoch's end (batch 10 of 10).
            Assert.Equal(3 * 5, seen.Count);
            for (int i = 0; i < seen.Count; i++)
            {
                int epoch = i / 5 + 1;
                int batch = 2 * (i % 5 + 1);
                Assert.Equal((epoch, batch, (epoch - 1) * 10L + batch, true, true), seen[i]);
            }
        }

        [Fact]
        public void SynchronousProgressRejectsANullCallback() =>
            Assert.Equal("report", Assert.Throws<ArgumentNullException>(() => new SynchronousProgress(null!)).ParamName);

        [Fact]
        public void OptionsRejectOutOfRangeValuesWhenSet()
        {
            // Checked by the setters (and again by the Trainer), so a wrong value fails where it is written.
            var options = new TrainerOptions();
            AssertOutOfRange("Epochs", "Epochs must be at least 1, but it is 0.", () => options.Epochs = 0);
            AssertOutOfRange("Patience", "Patience must be at least 1 (or null to switch early stopping off), but it is 0.", () => options.Patience = 0);
            AssertOutOfRange("ProgressInterval", "ProgressInterval must be at least 1, but it is -1.", () => options.ProgressInterval = -1);
            AssertOutOfRange("MinImprovement", "MinImprovement must be zero or positive and finite, but it is NaN.", () => options.MinImprovement = float.NaN);
            AssertOutOfRange("MinImprovement", "MinImprovement must be zero or positive and finite, but it is Infinity.", () => options.MinImprovement = float.PositiveInfinity);
            AssertOutOfRange("MinImprovement", "MinImprovement must be zero or positive and finite, but it is -0.01.", () => options.MinImprovement = -0.01f);
            Assert.Equal(10, options.Epochs);
            Assert.Null(options.Patience);
            Assert.Equal(1, options.ProgressInterval);
            Assert.Equal(0f, options.MinImprovement);

            options.Patience = null;
            options.MinImprovement = 0;
            options.Epochs = 1;
        }

        private static void AssertOutOfRange(string paramName, string message, Action set)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(set);
            Assert.Equal(paramName, error.ParamName);
            Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AScheduleThatReturnsANonFiniteRateStopsTrainingBeforeAnyStep()
        {
            var network = new TrainerNets.Line4();
            (float[] x, float[] y) = Line(10);
            var error = Assert.Throws<InvalidOperationException>(() =>
                new Trainer(network, new TrainerOptions { Epochs = 3, Schedule = new BrokenSchedule(float.NaN) }).Fit(x, y, 10));
            Assert.StartsWith("BrokenSchedule.RateAt(0) returned NaN;", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, network.Step);
            Assert.Equal(0.1f, network.LearningRate);
        }

        [Fact]
        public void CancellationStopsAtTheNextBatch()
        {
            var network = new TrainerNets.Line4();
            (float[] x, float[] y) = Line(40); // 10 batches an epoch
            using var cancellation = new CancellationTokenSource();
            var progress = new SynchronousProgress(p =>
            {
                if (p.Epoch == 2 && p.Batch == 3 && p.CompletedEpoch is null)
                {
                    cancellation.Cancel();
                }
            });
            Assert.ThrowsAny<OperationCanceledException>(() =>
                new Trainer(network, new TrainerOptions { Epochs = 100, Progress = progress }).Fit(x, y, 40, cancellation.Token));
            Assert.Equal(10 + 3, network.Step);
        }

        [Fact]
        public void TheScheduleSetsEachEpochsLearningRate()
        {
            var network = new TrainerNets.Line4();
            (float[] x, float[] y) = Line(10);
            var schedule = LearningRateSchedule.StepDecay(0.1f, 0.5f, 2);
            TrainingResult result = new Trainer(network, new TrainerOptions { Epochs = 5, Schedule = schedule }).Fit(x, y, 10);
            Assert.Equal(new[] { 0.1f, 0.1f, 0.05f, 0.05f, 0.025f }, result.History.Select(e => e.LearningRate));
        }

        [Fact]
        public void ProgressReportsEveryIntervalAndEveryEpoch()
        {
            var network = new TrainerNets.Line4();
            (float[] x, float[] y) = Line(40);
            var reports = new List<TrainingProgress>();
            new Trainer(network, new TrainerOptions { Epochs = 2, Progress = new SynchronousProgress(reports.Add), ProgressInterval = 3 }).Fit(x, y, 40);
            // Batches 3, 6, 9 within each epoch, then the epoch's end (batch 10 of 10).
            Assert.Equal(new[] { 3, 6, 9, 10, 3, 6, 9, 10 }, reports.Select(r => r.Batch));
            Assert.All(reports, r => Assert.Equal(10, r.Batches));
            Assert.Equal(2, reports.Count(r => r.CompletedEpoch is not null));
            Assert.Equal(TimeSpan.Zero, reports[^1].Remaining);
        }

        [Fact]
        public void ValidationAccuracyIsReportedForClassification()
        {
            var network = new TrainerNets.Xor();
            float[] x = { 0, 0, 0, 1, 1, 0, 1, 1 };
            float[] y = { 1, 0, 0, 1, 0, 1, 1, 0 };
            TrainingResult result = new Trainer(network, new TrainerOptions { Epochs = 400, Seed = 1 }).Fit(x, y, 4, x, y, 4);
            Assert.Equal(1f, result.History[^1].ValidationAccuracy);
            Assert.Equal(1f, Classification.Accuracy(network, x, y, 4));
        }

        [Fact]
        public void AnEpochAllocatesNothingPerBatch()
        {
            (float[] x, float[] y) = Line(1000); // 250 batches an epoch
            long OneRun(int epochs)
            {
                var network = new TrainerNets.Line4();
                var trainer = new Trainer(network, new TrainerOptions { Epochs = epochs });
                trainer.Fit(x, y, 1000); // warm-up: JIT and statics
                network = new TrainerNets.Line4();
                trainer = new Trainer(network, new TrainerOptions { Epochs = epochs });
                long before = GC.GetAllocatedBytesForCurrentThread();
                trainer.Fit(x, y, 1000);
                return GC.GetAllocatedBytesForCurrentThread() - before;
            }

            // One more epoch (250 more batches) costs only the epoch's own record, not per batch.
            long extra = OneRun(3) - OneRun(2);
            Assert.InRange(extra, 0, 250);
        }

        [Fact]
        public void OptionsAreValidated()
        {
            var network = new TrainerNets.Line4();
            Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(network, new TrainerOptions { Epochs = 0 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(network, new TrainerOptions { Patience = 0 }));
            var error = Assert.Throws<ArgumentException>(() => new Trainer(network).Fit(new float[3], new float[4], 4));
            Assert.Contains("count (4) × InputSize (1) = 4, but it is 3", error.Message, StringComparison.Ordinal);
        }

        /// <summary>A schedule written wrongly: every rate is <see cref="Rate"/>.</summary>
        internal sealed class BrokenSchedule : LearningRateSchedule
        {
            public BrokenSchedule(float rate) => Rate = rate;

            public float Rate { get; }

            public override float RateAt(long t) => Rate;
        }
    }

    public class MetricsTests
    {
        [Fact]
        public void ConfusionMatrixCountsAndRates()
        {
            var matrix = new ConfusionMatrix(3, new[] { "a", "b", "c" });
            (int Actual, int Predicted)[] pairs = { (0, 0), (0, 0), (0, 1), (1, 1), (2, 1), (2, 2), (2, 2), (2, 2) };
            foreach ((int a, int p) in pairs)
            {
                matrix.Add(a, p);
            }

            Assert.Equal(8, matrix.Total);
            Assert.Equal(2, matrix[0, 0]);
            Assert.Equal(1, matrix[2, 1]);
            Assert.Equal(6f / 8, matrix.Accuracy);
            Assert.Equal(1f / 3, matrix.Precision(1));  // predicted b: (0,1), (1,1), (2,1)
            Assert.Equal(3f / 4, matrix.Recall(2));      // actual c: 4, of which 3 right
            Assert.Contains("accuracy 75.00 % of 8", matrix.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void ConfusionOfANetwork()
        {
            var network = new TrainerNets.Identity2();
            network.Parameters.Clear();
            network.Parameters[0] = 1; // W[0,0]
            network.Parameters[3] = 1; // W[1,1]: output = input
            float[] x = { 1, 0, 0, 1, 0.2f, 0.9f, 0.7f, 0.1f };
            float[] t = { 1, 0, 0, 1, 1, 0, 1, 0 };
            ConfusionMatrix matrix = Classification.Confusion(network, x, t, 4);
            Assert.Equal(2, matrix[0, 0]);
            Assert.Equal(1, matrix[0, 1]);
            Assert.Equal(1, matrix[1, 1]);
            Assert.Equal(0.75f, Classification.Accuracy(network, x, t, 4));
        }

        [Fact]
        public void RegressionMetricsByHand()
        {
            float[] predictions = { 1, 2, 3, 5 };
            float[] targets = { 1, 2, 4, 3 };
            Regression metrics = Regression.Compare(predictions, targets, 1);
            Assert.Equal((0 + 0 + 1 + 4) / 4.0, metrics.MeanSquaredError, 12);
            Assert.Equal((0 + 0 + 1 + 2) / 4.0, metrics.MeanAbsoluteError, 12);
            // mean t = 2.5; Σ(t − 2.5)² = 2.25 + 0.25 + 2.25 + 0.25 = 5; R² = 1 − 5/5 = 0.
            Assert.Equal(0.0, metrics.RSquared, 12);
            Assert.Equal(1.0, Regression.Compare(targets, targets, 1).RSquared, 12);
        }
    }
}

namespace NetGen.Tests.TrainerNets
{
    [Network(Inputs = 1, Seed = 70)][Dense(1)]
    [Training(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.1f, BatchSize = 4)]
    public partial class Line4 { }

    [Network(Inputs = 2, Seed = 71)][Dense(6, Activation.Tanh)][Dense(2, Activation.Softmax)]
    [Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.05f, BatchSize = 4)]
    public partial class Xor { }

    [Network(Inputs = 2)][Dense(2)]
    public partial class Identity2 { }
}
