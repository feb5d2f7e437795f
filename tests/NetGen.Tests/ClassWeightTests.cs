using System;
using System.Linq;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Training;
using NetGen.Tests.Weighted;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests;

/// <summary>
/// The trainer's weights: <see cref="TrainerOptions.ClassWeights"/>, <see cref="ClassWeights.Balanced(DataSet)"/>,
/// per-row sample weights in Fit and Evaluate, and the imbalanced data set on which class weights
/// raise the recall of the rare class.
/// </summary>
public class ClassWeightTests
{
    private readonly ITestOutputHelper _output;

    public ClassWeightTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void BalancedWeightsAreScikitLearnsNSamplesOverNClassesTimesCount()
    {
        // One sigmoid output, 95 rows of class 0 and 5 of class 1: 100/(2·95) and 100/(2·5).
        float[] binary = Enumerable.Range(0, 100).Select(i => i < 95 ? 0f : 1f).ToArray();
        Assert.Equal(new[] { (float)(100.0 / 190), 10f }, ClassWeights.Balanced(binary, 100, 1));

        // Three one-hot classes with 2, 3 and 5 rows: 10/(3·2), 10/(3·3), 10/(3·5).
        int[] labels = { 0, 0, 1, 1, 1, 2, 2, 2, 2, 2 };
        float[] oneHot = labels.SelectMany(c => Enumerable.Range(0, 3).Select(k => k == c ? 1f : 0f)).ToArray();
        var data = new DataSet(new float[10], oneHot, 10, 1, 3);
        Assert.Equal(new[] { (float)(10.0 / 6), (float)(10.0 / 9), (float)(10.0 / 15) }, ClassWeights.Balanced(data));

        var missing = Assert.Throws<ArgumentException>(() => ClassWeights.Balanced(new float[] { 0, 0, 0 }, 3, 1));
        Assert.Contains("Class 1 has no row", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassWeightsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainerOptions { ClassWeights = new[] { 1f, float.NaN } });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainerOptions { ClassWeights = new[] { -1f, 1f } });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainerOptions { ClassWeights = Array.Empty<float>() });

        (float[] x, float[] y) = Imbalanced(40, 4, seed: 1);
        var wrongLength = Assert.Throws<ArgumentException>(() =>
            new Trainer(new RareClassNet(), new TrainerOptions { ClassWeights = new[] { 1f, 2f, 3f } }).Fit(x, y, 40));
        Assert.Contains("2 classes (targets below 0.5 are class 0, from 0.5 class 1)", wrongLength.Message, StringComparison.Ordinal);

        var badRow = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Trainer(new RareClassNet()).Fit(x, y, 40, Enumerable.Range(0, 40).Select(i => i == 7 ? -2f : 1f).ToArray(), null, null, 0, null));
        Assert.Contains("sampleWeights[7] (the weight of row 7)", badRow.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Trainer(new RareClassNet()).Fit(x, y, 40, new float[40], null, null, 0, null));
        Assert.Throws<ArgumentException>(() => new Trainer(new RareClassNet()).Fit(x, y, 40, new float[39], null, null, 0, null));
    }

    [Fact]
    public void ClassWeightsOfOneTrainBitForBitAsNoWeights()
    {
        (float[] x, float[] y) = Imbalanced(200, 20, seed: 2);
        var plain = new RareClassNet();
        var weighted = new RareClassNet();
        TrainingResult a = new Trainer(plain, new TrainerOptions { Epochs = 3, Seed = 4 }).Fit(x, y, 200);
        TrainingResult b = new Trainer(weighted, new TrainerOptions { Epochs = 3, Seed = 4, ClassWeights = new[] { 1f, 1f } }).Fit(x, y, 200);
        Assert.Equal(plain.Parameters.ToArray(), weighted.Parameters.ToArray());
        Assert.Equal(a.History.Select(e => e.TrainingLoss), b.History.Select(e => e.TrainingLoss));
    }

    [Fact]
    public void ClassWeightsOfOneHotTargetsAreTheSampleWeightsTheyImply()
    {
        // Three classes, one-hot targets (soft ones for a few rows: the class is the largest target).
        var random = new SeededRandom(13);
        const int Count = 30;
        float[] x = Enumerable.Range(0, Count * 3).Select(_ => 2f * random.NextSingle() - 1f).ToArray();
        float[] y = new float[Count * 3];
        int[] classes = new int[Count];
        for (int i = 0; i < Count; i++)
        {
            classes[i] = random.NextInt32(3);
            y[i * 3 + classes[i]] = i % 5 == 0 ? 0.8f : 1f;
            if (i % 5 == 0)
            {
                y[i * 3 + (classes[i] + 1) % 3] = 0.2f;
            }
        }

        float[] classWeights = { 2f, 0.5f, 1f };
        float[] sampleWeights = Enumerable.Range(0, Count).Select(i => 1f + i % 2).ToArray();
        float[] implied = Enumerable.Range(0, Count).Select(i => sampleWeights[i] * classWeights[classes[i]]).ToArray();

        var byClass = new CeLoops();
        var bySample = new CeLoops();
        TrainingResult a = new Trainer(byClass, new TrainerOptions { Epochs = 4, Seed = 3, ClassWeights = classWeights }).Fit(x, y, Count, sampleWeights, null, null, 0, null);
        TrainingResult b = new Trainer(bySample, new TrainerOptions { Epochs = 4, Seed = 3 }).Fit(x, y, Count, implied, null, null, 0, null);
        Assert.Equal(bySample.Parameters.ToArray(), byClass.Parameters.ToArray());
        Assert.Equal(b.History.Select(e => e.TrainingLoss), a.History.Select(e => e.TrainingLoss));

        // The DataSet overload trains exactly as the arrays do.
        var fromDataSet = new CeLoops();
        new Trainer(fromDataSet, new TrainerOptions { Epochs = 4, Seed = 3 }).Fit(new DataSet(x, y, Count, 3, 3), null, implied);
        Assert.Equal(bySample.Parameters.ToArray(), fromDataSet.Parameters.ToArray());
        Assert.Throws<ArgumentException>(() => new Trainer(new CeLoops()).Fit(new DataSet(x, y, Count, 3, 3), null, implied, implied));
    }

    [Fact]
    public void SampleWeightsTravelWithTheirRowsThroughTheShuffle()
    {
        // 40 clean rows, and 40 rows whose targets are 1000: weight 0, they must teach nothing. Were a
        // weight separated from its row by the shuffle, a garbage row would get weight 1 and the
        // weighted training loss would be of the order of 1000².
        var network = new RareClassNet();
        (float[] x, float[] y) = Imbalanced(80, 8, seed: 3);
        float[] targets = y.Select((t, i) => i < 40 ? t : 1000f).ToArray();
        float[] weights = Enumerable.Range(0, 80).Select(i => i < 40 ? 1f : 0f).ToArray();
        TrainingResult result = new Trainer(network, new TrainerOptions { Epochs = 5, Seed = 9 }).Fit(x, targets, 80, weights, null, null, 0, null);
        Assert.All(result.History, e => Assert.InRange(e.TrainingLoss, 0f, 2f));
    }

    [Fact]
    public void TheValidationLossIsWeightedOnlyByValidationSampleWeights()
    {
        (float[] x, float[] y) = Imbalanced(64, 8, seed: 5);
        (float[] vx, float[] vy) = Imbalanced(32, 8, seed: 6);
        float[] vw = Enumerable.Range(0, 32).Select(i => 1f + i % 4).ToArray();

        // Class weights do not touch the validation loss: it is the unweighted Evaluate.
        var net = new RareClassNet();
        var trainer = new Trainer(net, new TrainerOptions { Epochs = 2, ClassWeights = new[] { 1f, 5f } });
        TrainingResult unweighted = trainer.Fit(x, y, 64, vx, vy, 32);
        Assert.Equal(trainer.Evaluate(vx, vy, 32).Loss, unweighted.History[^1].ValidationLoss);

        // Validation sample weights do: the weighted Evaluate, Σ w·ℓ / Σ w over the rows.
        TrainingResult weighted = trainer.Fit(x, y, 64, null, vx, vy, 32, vw);
        (float loss, float? accuracy) = trainer.Evaluate(vx, vy, 32, vw);
        Assert.Equal(loss, weighted.History[^1].ValidationLoss);
        Assert.Equal(accuracy, weighted.History[^1].ValidationAccuracy);

        // The weighted Evaluate against the loss of each row on its own (a batch of one).
        double sum = 0;
        for (int i = 0; i < 32; i++)
        {
            sum += vw[i] * (double)net.ComputeLossAndGradients(vx.AsSpan(i * 2, 2), vy.AsSpan(i, 1), 1);
        }

        Assert.Equal(sum / vw.Sum(), loss, 5);
    }

    [Fact]
    public void AWeightedEpochAllocatesNothingPerBatch()
    {
        (float[] x, float[] y) = Imbalanced(1600, 80, seed: 7); // 50 batches an epoch
        float[] weights = Enumerable.Range(0, 1600).Select(i => 0.5f + i % 3).ToArray();
        long OneRun(int epochs)
        {
            var options = new TrainerOptions { Epochs = epochs, ClassWeights = new[] { 1f, 4f } };
            new Trainer(new RareClassNet(), options).Fit(x, y, 1600, weights, null, null, 0, null); // warm-up: JIT and statics
            var trainer = new Trainer(new RareClassNet(), options);
            long before = GC.GetAllocatedBytesForCurrentThread();
            trainer.Fit(x, y, 1600, weights, null, null, 0, null);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // One more epoch (50 more batches) costs only the epoch's own record, not per batch.
        long extra = OneRun(3) - OneRun(2);
        Assert.InRange(extra, 0, 250);
    }

    [Fact]
    public void HandWrittenNetworksSayTheyDoNotSupportWeights()
    {
        ITrainableNetwork network = new HandWritten();
        var error = Assert.Throws<NotSupportedException>(() => network.TrainBatch(new float[1], new float[1], new[] { 1f }, 1));
        Assert.Contains("HandWritten does not implement the weighted", error.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => new Trainer(network, new TrainerOptions { ClassWeights = new[] { 1f, 2f } }).Fit(new float[1], new float[1], 1));

        // Unweighted training still works.
        new Trainer(network).Fit(new float[1], new float[1], 1);
    }

    /// <summary>
    /// 95% of class 0 around (0, 0), 5% of class 1 around (1.5, 1.5), both with unit variance: the
    /// classes overlap, so a network trained without weights predicts class 0 almost everywhere.
    /// Balanced class weights (0.53 and 10) make a missed rare row cost 19 times more, and recall of
    /// the rare class on fresh data rises (the output shows both recalls).
    /// </summary>
    [Fact]
    public void ClassWeightsRaiseTheRecallOfTheRareClass()
    {
        (float[] x, float[] y) = Imbalanced(2000, 100, seed: 11);
        (float[] testX, float[] testY) = Imbalanced(1000, 500, seed: 12);

        float Recall(float[]? classWeights)
        {
            var network = new RareClassNet();
            new Trainer(network, new TrainerOptions { Epochs = 20, Seed = 1, ClassWeights = classWeights }).Fit(x, y, 2000);
            return Classification.Confusion(network, testX, testY, 1000).Recall(1);
        }

        float plain = Recall(null);
        float[] balanced = ClassWeights.Balanced(y, 2000, 1);
        float weighted = Recall(balanced);
        _output.WriteLine($"recall of the rare class: {plain} without weights, {weighted} with the balanced weights {string.Join(", ", balanced)}");
        Assert.True(weighted >= 0.6f && weighted >= plain + 0.3f, $"recall of the rare class: {plain} without weights, {weighted} with {string.Join(", ", balanced)}");
    }

    /// <summary><paramref name="count"/> rows, the last <paramref name="rare"/> of class 1, in a seeded order.</summary>
    internal static (float[] Features, float[] Targets) Imbalanced(int count, int rare, long seed)
    {
        var random = new SeededRandom(seed);
        float[] x = new float[count * 2];
        float[] y = new float[count];
        for (int i = 0; i < count; i++)
        {
            bool isRare = i >= count - rare;
            float centre = isRare ? 1.5f : 0f;
            x[2 * i] = centre + Gaussian(ref random);
            x[2 * i + 1] = centre + Gaussian(ref random);
            y[i] = isRare ? 1f : 0f;
        }

        return (x, y);
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static float Gaussian(ref SeededRandom random)
    {
        double u = 1.0 - random.NextDouble(); // (0, 1]
        double v = random.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
    }

    /// <summary>A network written by hand: y = x, no parameters, no weighted overloads.</summary>
    private sealed class HandWritten : ITrainableNetwork
    {
        private readonly float[] _none = Array.Empty<float>();

        public int InputSize => 1;

        public int OutputSize => 1;

        public int ParameterCount => 0;

        public string Architecture => "hand";

        public ulong ArchitectureFingerprint => 1;

        public Span<float> Parameters => _none;

        public int BatchSize => 1;

        public Span<float> Gradients => _none;

        public float LearningRate { get; set; }

        public long Step { get; private set; }

        public Loss Loss => Loss.MeanSquaredError;

        public Optimizer Optimizer => Optimizer.Sgd;

        public Span<float> OptimizerState => default;

        public void Predict(ReadOnlySpan<float> input, Span<float> output) => input.CopyTo(output);

        public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count) => inputs.CopyTo(outputs);

        public void RestoreStep(long step) => Step = step;

        public float ComputeLossAndGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count) => 0f;

        public void ApplyGradients() => Step++;

        public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count)
        {
            ApplyGradients();
            return 0f;
        }
    }
}
