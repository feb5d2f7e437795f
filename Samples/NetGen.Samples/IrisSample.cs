using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Training;

namespace NetGen.Samples;

/// <summary>
/// Classifies Fisher's iris flowers (data/iris.csv, 150 rows): a seeded split puts 120 rows in the
/// training set and 30 in the test set, features are standardised with the training set's
/// statistics only, and <see cref="IrisNet"/> trains with minibatch SGD.
/// </summary>
public static class IrisSample
{
    /// <summary>The species, in the order of the network's outputs (sorted, as the CSV reader orders class names).</summary>
    public static readonly string[] Species = { "setosa", "versicolor", "virginica" };

    /// <summary>The default number of epochs.</summary>
    public const int DefaultEpochs = 60;

    /// <summary>Trains and evaluates; writes per-epoch loss to <paramref name="log"/>.</summary>
    public static SampleResult Run(TextWriter log, SampleOptions? options = null)
    {
        options ??= SampleOptions.Parse(Array.Empty<string>(), out _)!;
        DataSet iris = LoadDataSet();
        (DataSet train, DataSet test) = iris.Split(trainFraction: 0.8, seed: options.Seed ?? 2024);

        // Raw measurements in: the network declares InputScaling.Standardize, so the Trainer fits the
        // means and standard deviations from the training rows, and Predict, the saved model file and
        // the ONNX export all apply them. The species names travel with it too (network.ClassNames).
        var network = new ScaledIrisNet();
        int epochs = options.Epochs ?? DefaultEpochs;
        log.WriteLine($"Iris: {train.Count} training and {test.Count} test flowers; network {ScaledIrisNet.Architecture}, {ScaledIrisNet.ParameterCount} parameters.");
        log.WriteLine($"Cross-entropy, SGD α = {network.LearningRate.ToString(CultureInfo.InvariantCulture)}, batches of {ScaledIrisNet.BatchSize}, {epochs} epochs.");
        TrainingResult result = SampleRunner.Train(network, train, test, new TrainerOptions { Epochs = epochs, Seed = 1 }, log);

        float trainAccuracy = Classification.Accuracy(network, train.Features, train.Targets, train.Count);
        ConfusionMatrix confusion = Classification.Confusion(network, test.Features, test.Targets, test.Count, Species);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train accuracy {trainAccuracy:P1}, test accuracy {confusion.Accuracy:P1} ({confusion[0, 0] + confusion[1, 1] + confusion[2, 2]}/{test.Count})"));
        log.WriteLine(confusion.ToString());
        SampleRunner.Finish(options, "Iris: 4-16-3, cross-entropy, SGD", network, result.History, log);
        return new SampleResult(result.History[^1].TrainingLoss, trainAccuracy, confusion.Accuracy);
    }

    /// <summary>The embedded data/iris.csv: four features and the species one-hot, 150 rows.</summary>
    /// <summary>
    /// The deployed side: loads a model file saved by <c>iris --save</c> into a new network and prints,
    /// for every row of a CSV of raw measurements (the iris.csv layout), the predicted species and
    /// the three outputs in round-trip format. No scaler and no class list in this code: both come
    /// from the model file.
    /// </summary>
    public static int Predict(string modelPath, string csvPath, TextWriter log)
    {
        var network = new ScaledIrisNet();
        Models.ModelFile.Load(network, modelPath);
        DataSet rows = CsvReader.Load(csvPath, new CsvOptions { Classification = true, LabelColumn = "species" });
        var output = new float[ScaledIrisNet.OutputSize];
        log.WriteLine("classes " + string.Join(",", network.ClassNames ?? Array.Empty<string>()));
        for (int i = 0; i < rows.Count; i++)
        {
            network.Predict(rows.FeaturesOf(i), output);
            int best = Array.IndexOf(output, output.Max());
            string name = network.ClassNames is { } names ? names[best] : best.ToString(CultureInfo.InvariantCulture);
            log.WriteLine(name + " " + string.Join(" ", output.Select(o => o.ToString("R", CultureInfo.InvariantCulture))));
        }

        return 0;
    }

    public static DataSet LoadDataSet()
    {
        using var reader = new StreamReader(SampleRunner.Resource("iris.csv"));
        return CsvReader.Load(reader, "iris.csv", new CsvOptions { Classification = true, LabelColumn = "species" });
    }

    /// <summary>The embedded data/iris.csv as arrays: four features and a one-hot species per row.</summary>
    public static (float[] Features, float[] OneHot, int Count) Load()
    {
        DataSet iris = LoadDataSet();
        return (iris.Features, iris.Targets, iris.Count);
    }
}

/// <summary>What a sample run reached.</summary>
/// <param name="FinalLoss">The last epoch's mean training loss.</param>
/// <param name="TrainAccuracy">Accuracy on the training set (classification samples).</param>
/// <param name="TestAccuracy">Accuracy on the held-out set (classification samples).</param>
/// <param name="TestMeanSquaredError">Mean squared error on the held-out set (regression samples).</param>
/// <param name="RegularisedTestAccuracy">The MNIST sample's network with dropout and L2: its accuracy on the held-out set (NaN for the others).</param>
public sealed record SampleResult(float FinalLoss, float TrainAccuracy, float TestAccuracy, float TestMeanSquaredError = float.NaN, float RegularisedTestAccuracy = float.NaN);
