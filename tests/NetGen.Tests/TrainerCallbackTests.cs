using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.Models;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests
{
    /// <summary>
    /// The trainer's per-epoch options: reduce-on-plateau, the <see cref="TrainerOptions.OnEpochEnd"/>
    /// callback and checkpointing. Most tests drive a scripted network whose losses are given per
    /// epoch, so every expected rate, best epoch and parameter is computed by hand.
    /// </summary>
    public sealed class TrainerCallbackTests : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "netgen-trainer-" + Guid.NewGuid().ToString("N"));

        public TrainerCallbackTests() => Directory.CreateDirectory(_directory);

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        /// <summary>One training row (one batch of one per epoch) and its validation row.</summary>
        private static readonly float[] One = { 0f };

        /// <summary>y = 2x − 1 on <paramref name="count"/> points (x from −1 to 1).</summary>
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

        // ---- Reduce-on-plateau ----

        [Fact]
        public void PlateauReducesTheRateExactlyAsKerasDoes()
        {
            // Factor 0.5, patience 2, cooldown 2, minimum rate 0.2, min improvement 0.01; the training
            // loss is monitored (no validation rows). B = best, w = wait, c = cooldown, α = rate:
            //  e1 1.0   improvement              B = 1.0                 α(e2) = 1
            //  e2 0.995 not < 1.0 − 0.01         w = 1                   1
            //  e3 0.999                          w = 2 ≥ 2: α = 0.5, c = 2, w = 0
            //  e4 1.5   c = 1 (cooldown: not counted)                    0.5
            //  e5 1.5   c = 0, then w = 1                                0.5
            //  e6 1.2   w = 2: α = 0.25, c = 2, w = 0
            //  e7 0.5   c = 1; improvement       B = 0.5                 0.25
            //  e8 0.6   c = 0, w = 1                                     0.25
            //  e9 0.6   w = 2: α = max(0.125, 0.2) = 0.2, c = 2, w = 0
            //  e10 0.6  c = 1                                            0.2
            //  e11 0.6  c = 0, w = 1                                     0.2
            //  e12 0.6  w = 2, but α = 0.2 is not above the minimum       0.2
            //  e13 0.6  w = 3                                            0.2
            //  e14 0.485 improvement (0.485 < 0.5 − 0.01)                 0.2
            float[] losses = { 1.0f, 0.995f, 0.999f, 1.5f, 1.5f, 1.2f, 0.5f, 0.6f, 0.6f, 0.6f, 0.6f, 0.6f, 0.6f, 0.485f };
            var network = new ScriptedNetwork(losses) { LearningRate = 1f };
            var options = new TrainerOptions
            {
                Epochs = losses.Length,
                ReduceOnPlateau = new ReduceOnPlateau { Factor = 0.5f, Patience = 2, Cooldown = 2, MinimumRate = 0.2f, MinImprovement = 0.01f },
            };
            TrainingResult result = new Trainer(network, options).Fit(One, One, 1);

            Assert.Equal(losses, result.History.Select(e => e.TrainingLoss));
            Assert.Equal(
                new[] { 1f, 1f, 1f, 0.5f, 0.5f, 0.5f, 0.25f, 0.25f, 0.25f, 0.2f, 0.2f, 0.2f, 0.2f, 0.2f },
                result.History.Select(e => e.LearningRate));
            Assert.Equal(0.2f, network.LearningRate); // the network keeps the reduced rate
            Assert.Equal(losses.Length, result.History.Count);
        }

        [Fact]
        public void PlateauMonitorsTheValidationLossWhenThereIsOne()
        {
            // The training loss improves every epoch, the validation loss never after epoch 1.
            var network = new ScriptedNetwork(new[] { 3f, 2f, 1f, 0.5f }, validationLosses: new[] { 1f, 1f, 1f, 1f }) { LearningRate = 0.8f };
            var plateau = new ReduceOnPlateau { Factor = 0.5f, Patience = 1, MinImprovement = 0 };
            TrainingResult result = new Trainer(network, new TrainerOptions { Epochs = 4, ReduceOnPlateau = plateau }).Fit(One, One, 1, One, One, 1);
            Assert.Equal(new[] { 0.8f, 0.8f, 0.4f, 0.2f }, result.History.Select(e => e.LearningRate));
            Assert.Equal(0.1f, network.LearningRate);

            // Without validation rows the training loss is monitored: it always improves.
            network = new ScriptedNetwork(new[] { 3f, 2f, 1f, 0.5f }) { LearningRate = 0.8f };
            result = new Trainer(network, new TrainerOptions { Epochs = 4, ReduceOnPlateau = plateau }).Fit(One, One, 1);
            Assert.Equal(new[] { 0.8f, 0.8f, 0.8f, 0.8f }, result.History.Select(e => e.LearningRate));
        }

        [Fact]
        public void PlateauStartsAfreshInEveryFit()
        {
            // The best loss and the counters belong to one Fit: a second Fit with the same options
            // starts from B = ∞, so its first epoch is an improvement whatever the earlier losses were.
            var plateau = new ReduceOnPlateau { Factor = 0.5f, Patience = 1, MinImprovement = 0 };
            var network = new ScriptedNetwork(new[] { 1f, 2f, 5f, 5f }) { LearningRate = 1f };
            var trainer = new Trainer(network, new TrainerOptions { Epochs = 2, ReduceOnPlateau = plateau });
            Assert.Equal(new[] { 1f, 1f }, trainer.Fit(One, One, 1).History.Select(e => e.LearningRate));
            Assert.Equal(0.5f, network.LearningRate); // epoch 2 (loss 2) did not improve on 1
            Assert.Equal(new[] { 0.5f, 0.5f }, trainer.Fit(One, One, 1).History.Select(e => e.LearningRate));
            Assert.Equal(0.25f, network.LearningRate);
        }

        [Fact]
        public void PlateauOptionsRejectOutOfRangeValues()
        {
            var plateau = new ReduceOnPlateau();
            Assert.Equal((0.1f, 10, 0, 0f, 1e-4f), (plateau.Factor, plateau.Patience, plateau.Cooldown, plateau.MinimumRate, plateau.MinImprovement));
            AssertOutOfRange("Factor", "Factor must be in (0, 1) (the rate is multiplied by it), but it is 1.", () => plateau.Factor = 1f);
            AssertOutOfRange("Factor", "Factor must be in (0, 1) (the rate is multiplied by it), but it is 0.", () => plateau.Factor = 0f);
            AssertOutOfRange("Factor", "Factor must be in (0, 1) (the rate is multiplied by it), but it is NaN.", () => plateau.Factor = float.NaN);
            AssertOutOfRange("Patience", "Patience must be at least 1, but it is 0.", () => plateau.Patience = 0);
            AssertOutOfRange("Cooldown", "Cooldown must be zero or more, but it is -1.", () => plateau.Cooldown = -1);
            AssertOutOfRange("MinimumRate", "MinimumRate must be zero or positive and finite, but it is -0.001.", () => plateau.MinimumRate = -0.001f);
            AssertOutOfRange("MinimumRate", "MinimumRate must be zero or positive and finite, but it is Infinity.", () => plateau.MinimumRate = float.PositiveInfinity);
            AssertOutOfRange("MinImprovement", "MinImprovement must be zero or positive and finite, but it is NaN.", () => plateau.MinImprovement = float.NaN);
            AssertOutOfRange("MinImprovement", "MinImprovement must be zero or positive and finite, but it is -1.", () => plateau.MinImprovement = -1f);
            Assert.Equal((0.1f, 10, 0, 0f, 1e-4f), (plateau.Factor, plateau.Patience, plateau.Cooldown, plateau.MinimumRate, plateau.MinImprovement));
        }

        [Fact]
        public void PlateauAndAScheduleCannotBeCombined()
        {
            const string Message = "Set either Schedule or ReduceOnPlateau, not both: a schedule sets the learning rate at the start of every epoch and would undo every reduction. "
                + "For reduce-on-plateau, set the starting rate on the network (its LearningRate) and leave Schedule null.";
            var options = new TrainerOptions { Schedule = LearningRateSchedule.Constant(0.1f) };
            Assert.Equal(Message, Assert.Throws<InvalidOperationException>(() => options.ReduceOnPlateau = new ReduceOnPlateau()).Message);
            Assert.Null(options.ReduceOnPlateau);

            options = new TrainerOptions { ReduceOnPlateau = new ReduceOnPlateau() };
            Assert.Equal(Message, Assert.Throws<InvalidOperationException>(() => options.Schedule = LearningRateSchedule.Constant(0.1f)).Message);
            Assert.Null(options.Schedule);

            // Clearing one makes room for the other.
            options.ReduceOnPlateau = null;
            options.Schedule = LearningRateSchedule.Constant(0.1f);
            options.Schedule = null;
            options.ReduceOnPlateau = new ReduceOnPlateau();
        }

        // ---- OnEpochEnd ----

        [Fact]
        public void ACallbackThatStopsReturnsTheResultWithTheBestEpochRestored()
        {
            // Parameters[0] counts the steps, so after epoch e it is e. The best loss is epoch 3's.
            var network = new ScriptedNetwork(new[] { 5f, 4f, 1f, 2f, 3f, 0.5f, 0.5f });
            var seen = new List<EpochResult>();
            var options = new TrainerOptions
            {
                Epochs = 7,
                OnEpochEnd = e =>
                {
                    seen.Add(e);
                    return e.Epoch < 5 ? TrainingAction.Continue : TrainingAction.Stop;
                },
            };
            TrainingResult result = new Trainer(network, options).Fit(One, One, 1);

            Assert.Equal(5, result.History.Count);
            Assert.Equal(result.History, seen); // the same records, once each, in order
            Assert.True(result.StoppedByCallback);
            Assert.False(result.StoppedEarly);
            Assert.Equal(3, result.BestEpoch);
            Assert.True(result.RestoredBestParameters);
            Assert.Equal(3f, network.Parameters[0]);
            Assert.Equal(5, network.Step);
        }

        [Fact]
        public void ACallbackThatStopsKeepsTheLastParametersWithoutRestoreBestParameters()
        {
            var network = new ScriptedNetwork(new[] { 5f, 4f, 1f, 2f, 3f });
            var options = new TrainerOptions { Epochs = 7, RestoreBestParameters = false, OnEpochEnd = e => e.Epoch == 4 ? TrainingAction.Stop : TrainingAction.Continue };
            TrainingResult result = new Trainer(network, options).Fit(One, One, 1);
            Assert.Equal((4, true, 3, false), (result.History.Count, result.StoppedByCallback, result.BestEpoch, result.RestoredBestParameters));
            Assert.Equal(4f, network.Parameters[0]);
        }

        [Fact]
        public void ACallbackThatNeverStopsChangesNothing()
        {
            // As without a callback: every epoch is trained and, without Patience, the last
            // parameters are kept.
            var network = new ScriptedNetwork(new[] { 5f, 1f, 2f, 3f });
            int calls = 0;
            TrainingResult result = new Trainer(network, new TrainerOptions { Epochs = 4, OnEpochEnd = _ => { calls++; return TrainingAction.Continue; } }).Fit(One, One, 1);
            Assert.Equal((4, 4, false, false, false, 2), (calls, result.History.Count, result.StoppedByCallback, result.StoppedEarly, result.RestoredBestParameters, result.BestEpoch));
            Assert.Equal(4f, network.Parameters[0]);
        }

        [Fact]
        public void TheCallbackSeesTheEpochEarlyStoppingEndsOn()
        {
            var network = new ScriptedNetwork(new[] { 1f, 2f, 3f, 4f, 5f });
            var epochs = new List<int>();
            TrainingResult result = new Trainer(network, new TrainerOptions { Epochs = 5, Patience = 2, OnEpochEnd = e => { epochs.Add(e.Epoch); return TrainingAction.Continue; } })
                .Fit(One, One, 1);
            Assert.Equal(new[] { 1, 2, 3 }, epochs);
            Assert.Equal((true, false, 1, true), (result.StoppedEarly, result.StoppedByCallback, result.BestEpoch, result.RestoredBestParameters));
            Assert.Equal(1f, network.Parameters[0]);
        }

        [Fact]
        public void ACallbacksExceptionPropagatesUnchanged()
        {
            var network = new ScriptedNetwork(new[] { 3f, 2f, 1f });
            var thrown = new InvalidOperationException("from the callback");
            var options = new TrainerOptions { Epochs = 3, OnEpochEnd = e => e.Epoch == 2 ? throw thrown : TrainingAction.Continue };
            Assert.Same(thrown, Assert.Throws<InvalidOperationException>(() => new Trainer(network, options).Fit(One, One, 1)));
            Assert.Equal(2, network.Step);
            Assert.Equal(2f, network.Parameters[0]); // not restored: the exception ended Fit
        }

        [Fact]
        public void ACallbackReturningAnUndefinedActionIsAnError()
        {
            var network = new ScriptedNetwork(new[] { 3f, 2f });
            var options = new TrainerOptions { Epochs = 2, OnEpochEnd = _ => (TrainingAction)7 };
            var error = Assert.Throws<InvalidOperationException>(() => new Trainer(network, options).Fit(One, One, 1));
            Assert.Equal("OnEpochEnd returned 7 after epoch 1, which is not a TrainingAction; return TrainingAction.Continue or TrainingAction.Stop.", error.Message);
        }

        [Fact]
        public void AnEpochAllocatesNothingPerBatchWithThePlateauAndACallback()
        {
            (float[] x, float[] y) = Line(1000); // 250 batches an epoch
            long OneRun(int epochs)
            {
                long Measure()
                {
                    var network = new TrainerNets.Line4();
                    var trainer = new Trainer(network, new TrainerOptions
                    {
                        Epochs = epochs,
                        ReduceOnPlateau = new ReduceOnPlateau { Patience = 1, MinImprovement = 1f },
                        OnEpochEnd = static _ => TrainingAction.Continue,
                    });
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    trainer.Fit(x, y, 1000);
                    return GC.GetAllocatedBytesForCurrentThread() - before;
                }

                Measure(); // warm-up: JIT and statics
                return Measure();
            }

            // One more epoch (250 more batches) costs only the epoch's own record, not per batch.
            long extra = OneRun(3) - OneRun(2);
            Assert.InRange(extra, 0, 250);
        }

        // ---- Checkpoint ----

        [Fact]
        public void TheCheckpointHoldsTheBestEpochsParametersAfterEveryEpoch()
        {
            // Validation data that disagrees with the training data: the validation loss is lowest
            // early and then rises. Without Patience the network keeps its last parameters, while
            // the checkpoint holds the best epoch's, bit for bit, after every epoch.
            string path = Path.Combine(_directory, "best.ngm");
            var network = new TrainerNets.Line4();
            (float[] x, float[] y) = Line(10);
            (float[] vx, float[] vy) = Line(10, slope: -2, intercept: 3);
            var snapshots = new Dictionary<int, float[]>();
            float bestSoFar = float.PositiveInfinity;
            int bestEpochSoFar = 0;
            var options = new TrainerOptions
            {
                Epochs = 30,
                Seed = 2,
                Checkpoint = path,
                OnEpochEnd = e =>
                {
                    snapshots[e.Epoch] = network.Parameters.ToArray();
                    if (e.ValidationLoss!.Value < bestSoFar)
                    {
                        (bestSoFar, bestEpochSoFar) = (e.ValidationLoss.Value, e.Epoch);
                    }

                    Assert.Equal(snapshots[bestEpochSoFar], Load(path));
                    return TrainingAction.Continue;
                },
            };
            TrainingResult result = new Trainer(network, options).Fit(x, y, 10, vx, vy, 10);

            Assert.Equal(bestEpochSoFar, result.BestEpoch);
            Assert.InRange(result.BestEpoch, 1, 29); // not the last: the network's parameters differ from the file's
            Assert.Equal(snapshots[result.BestEpoch], Load(path));
            Assert.Equal(snapshots[30], network.Parameters.ToArray());
            Assert.NotEqual(snapshots[30], Load(path));
            Assert.Equal(new[] { "best.ngm" }, Directory.GetFiles(_directory).Select(Path.GetFileName)); // no temporaries left
        }

        [Fact]
        public void TheCheckpointIsSavedWheneverAnEpochIsTheBestYet()
        {
            // The scripted network's parameter counts the epochs, so the file names the epoch it was
            // saved after: the best so far is epoch 1, 2, 2, 4, 4, 4 (4.5 and 3.2 are no improvement,
            // nor is 3.0 + 0.05 with MinImprovement 0.1).
            string path = Path.Combine(_directory, "scripted.ngm");
            var network = new ScriptedNetwork(new[] { 5f, 4f, 4.5f, 3f, 3.2f, 2.95f });
            var inFile = new List<float>();
            var options = new TrainerOptions
            {
                Epochs = 6,
                MinImprovement = 0.1f,
                Checkpoint = path,
                OnEpochEnd = _ =>
                {
                    var fresh = new ScriptedNetwork(Array.Empty<float>());
                    ModelFile.Load(fresh, path);
                    inFile.Add(fresh.Parameters[0]);
                    return TrainingAction.Continue;
                },
            };
            TrainingResult result = new Trainer(network, options).Fit(One, One, 1);
            Assert.Equal(new[] { 1f, 2f, 2f, 4f, 4f, 4f }, inFile);
            Assert.Equal(4, result.BestEpoch);
            Assert.Equal(6f, network.Parameters[0]);
        }

        [Fact]
        public void ACheckpointInAMissingDirectoryIsRefusedBeforeTraining()
        {
            string directory = Path.Combine(_directory, "missing");
            string path = Path.Combine(directory, "best.ngm");
            var network = new TrainerNets.Line4();
            (float[] x, float[] y) = Line(10);
            var error = Assert.Throws<DirectoryNotFoundException>(() => new Trainer(network, new TrainerOptions { Checkpoint = path }).Fit(x, y, 10));
            Assert.Equal($"TrainerOptions.Checkpoint is '{path}', but its directory '{directory}' does not exist; create it before training, or choose another path. Nothing was trained.", error.Message);
            Assert.Equal(0, network.Step);
        }

        [Fact]
        public void ACheckpointPathThatIsADirectoryIsRefusedBeforeTraining()
        {
            var network = new TrainerNets.Line4();
            (float[] x, float[] y) = Line(10);
            var error = Assert.Throws<IOException>(() => new Trainer(network, new TrainerOptions { Checkpoint = _directory }).Fit(x, y, 10));
            Assert.Equal($"TrainerOptions.Checkpoint is '{_directory}', which is a directory; it must be the path of a model file, such as '{Path.Combine(_directory, "best.ngm")}'.", error.Message);
            Assert.Equal(0, network.Step);
            Assert.Throws<ArgumentException>(() => new TrainerOptions { Checkpoint = " " });
        }

        [Fact]
        public void ACheckpointSaveThatFailsStopsTrainingNamingTheEpoch()
        {
            // After epoch 1 the test puts a directory where the file is: epoch 2 improves the training
            // loss, and its save fails.
            string path = Path.Combine(_directory, "best.ngm");
            var network = new TrainerNets.Line4();
            (float[] x, float[] y) = Line(10);
            var options = new TrainerOptions
            {
                Epochs = 3,
                Checkpoint = path,
                OnEpochEnd = e =>
                {
                    if (e.Epoch == 1)
                    {
                        File.Delete(path);
                        Directory.CreateDirectory(path);
                    }

                    return TrainingAction.Continue;
                },
            };
            var error = Assert.Throws<IOException>(() => new Trainer(network, options).Fit(x, y, 10));
            Assert.StartsWith($"Saving the checkpoint of epoch 2 to '{path}' failed, so training stopped (the parameters are those at the end of epoch 2): Cannot save to '{path}': it is a directory", error.Message, StringComparison.Ordinal);
            Assert.IsType<IOException>(error.InnerException);
            Assert.Equal(2 * 3, network.Step);
        }

        private static float[] Load(string path)
        {
            var fresh = new TrainerNets.Line4();
            ModelFile.Load(fresh, path);
            return fresh.Parameters.ToArray();
        }

        private static void AssertOutOfRange(string paramName, string message, Action set)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(set);
            Assert.Equal(paramName, error.ParamName);
            Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        }

        /// <summary>
        /// A network whose losses are a script: the training loss of the epoch-th batch is
        /// <c>trainingLosses[epoch − 1]</c> (one row per epoch), the validation loss after epoch e is
        /// <c>validationLosses[e − 1]</c>. Its one parameter counts the steps taken.
        /// </summary>
        private sealed class ScriptedNetwork(float[] trainingLosses, float[]? validationLosses = null) : ITrainableNetwork
        {
            private readonly float[] _parameters = new float[1];
            private readonly float[] _gradients = new float[1];

            public int InputSize => 1;
            public int OutputSize => 1;
            public int ParameterCount => 1;
            public string Architecture => "Scripted";
            public ulong ArchitectureFingerprint => 1;
            public Span<float> Parameters => _parameters;
            public int BatchSize => 1;
            public Span<float> Gradients => _gradients;
            public float LearningRate { get; set; } = 0.1f;
            public long Step { get; private set; }
            public Loss Loss => Loss.MeanSquaredError;
            public Optimizer Optimizer => Optimizer.Sgd;
            public Span<float> OptimizerState => Span<float>.Empty;

            public void RestoreStep(long step) => Step = step;
            public void Predict(ReadOnlySpan<float> input, Span<float> output) => output[0] = 0;
            public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count) => outputs[..count].Clear();

            public float ComputeLossAndGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count) =>
                validationLosses![Step - 1];

            public void ApplyGradients() => throw new NotSupportedException();

            public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count)
            {
                float loss = trainingLosses[Step];
                Step++;
                _parameters[0] = Step;
                return loss;
            }
        }
    }
}
