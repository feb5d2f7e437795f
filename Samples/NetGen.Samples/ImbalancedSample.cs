using System;
using System.Globalization;
using System.IO;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Training;

namespace NetGen.Samples;

/// <summary>
/// Imbalanced data and class weights: 5% of the rows are of a rare class whose cloud of points
/// overlaps the common class's. Trained without weights, <see cref="RareNet"/> learns that "common"
/// is almost always right and misses most rare rows; with scikit-learn's "balanced" class weights
/// (<see cref="ClassWeights.Balanced(DataSet)"/>: a rare row's loss counts 19 times a common one's),
/// it finds most of them, at the price of more false alarms. The data are synthetic and seeded.
/// </summary>
public static class ImbalancedSample
{
    private static readonly string[] ClassNames = { "common", "rare" };

    /// <summary>Trains twice (without and with class weights) and reports both confusion matrices.</summary>
    public static ImbalancedResult Run(TextWriter log, SampleOptions? options = null)
    {
        options ??= SampleOptions.Parse(Array.Empty<string>(), out _)!;
        long seed = options.Seed ?? 11;
        int epochs = options.Epochs ?? 20;
        DataSet train = Generate(4000, 0.05, seed);
        DataSet test = Generate(4000, 0.05, seed + 1);
        float[] weights = ClassWeights.Balanced(train);
        log.WriteLine($"Imbalanced: {train.Count} training rows ({Rare(train)} rare) and {test.Count} test rows ({Rare(test)} rare); network {RareNet.Architecture}, {RareNet.ParameterCount} parameters.");
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Binary cross-entropy, Adam, {epochs} epochs; balanced class weights: common {weights[0]:F3}, rare {weights[1]:F3}."));

        ConfusionMatrix Train(float[]? classWeights, string title)
        {
            var network = new RareNet();
            TrainingResult result = new Trainer(network, new TrainerOptions { Epochs = epochs, Seed = 1, ClassWeights = classWeights }).Fit(train);
            ConfusionMatrix confusion = Classification.Confusion(network, test.Features, test.Targets, test.Count, ClassNames);
            log.WriteLine();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{title}: final training loss {result.History[^1].TrainingLoss:F4}; test accuracy {confusion.Accuracy:P1}, rare recall {confusion.Recall(1):P1}, rare precision {confusion.Precision(1):P1}"));
            log.WriteLine(confusion.ToString());
            return confusion;
        }

        ConfusionMatrix plain = Train(null, "Without weights");
        ConfusionMatrix weighted = Train(weights, "With ClassWeights.Balanced");
        return new ImbalancedResult(plain.Recall(1), weighted.Recall(1), plain.Accuracy, weighted.Accuracy);
    }

    /// <summary>
    /// <paramref name="count"/> rows of two features: a fraction <paramref name="rare"/> of them of
    /// class 1 around (1.5, 1.5), the rest of class 0 around (0, 0), both with unit variance; one
    /// target per row (0 or 1, for a sigmoid output), in a seeded random order.
    /// </summary>
    public static DataSet Generate(int count, double rare, long seed)
    {
        var random = new SeededRandom(seed);
        float[] features = new float[count * 2];
        float[] targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            bool isRare = random.NextDouble() < rare;
            float centre = isRare ? 1.5f : 0f;
            features[2 * i] = centre + Gaussian(ref random);
            features[2 * i + 1] = centre + Gaussian(ref random);
            targets[i] = isRare ? 1f : 0f;
        }

        return new DataSet(features, targets, count, 2, 1);
    }

    private static int Rare(DataSet data)
    {
        int rare = 0;
        foreach (float t in data.Targets)
        {
            rare += t >= 0.5f ? 1 : 0;
        }

        return rare;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static float Gaussian(ref SeededRandom random)
    {
        double u = 1.0 - random.NextDouble(); // (0, 1]
        double v = random.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
    }
}

/// <summary>What the imbalanced sample measured on its test rows.</summary>
/// <param name="RareRecallWithoutWeights">The fraction of rare test rows found, trained without weights.</param>
/// <param name="RareRecallWithWeights">The same, trained with the balanced class weights.</param>
/// <param name="AccuracyWithoutWeights">Test accuracy without weights.</param>
/// <param name="AccuracyWithWeights">Test accuracy with the class weights.</param>
public sealed record ImbalancedResult(float RareRecallWithoutWeights, float RareRecallWithWeights, float AccuracyWithoutWeights, float AccuracyWithWeights);
