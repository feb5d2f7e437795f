using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen.Samples;

/// <summary>
/// Classifies Fisher's iris flowers (data/iris.csv, 150 rows): a seeded shuffle puts 120 rows in the
/// training set and 30 in the test set, features are standardised with the training set's mean and
/// standard deviation, and <see cref="IrisNet"/> trains with minibatch SGD.
/// </summary>
public static class IrisSample
{
    /// <summary>The species, in the order of the network's outputs.</summary>
    public static readonly string[] Species = { "setosa", "versicolor", "virginica" };

    /// <summary>Trains and evaluates; writes per-epoch loss to <paramref name="log"/>.</summary>
    public static SampleResult Run(TextWriter log, int epochs = 60)
    {
        (float[] features, float[] labels, int count) = Load();

        // Split with a seeded shuffle: 120 training rows, 30 test rows.
        int[] order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var random = new SeededRandom(2024);
        random.Shuffle(order.AsSpan());
        int trainCount = 120;
        int testCount = count - trainCount;
        (float[] trainX, float[] trainY) = Gather(features, labels, order.AsSpan(0, trainCount));
        (float[] testX, float[] testY) = Gather(features, labels, order.AsSpan(trainCount));

        // Standardise with the training split's statistics only.
        Standardize(trainX, testX, IrisNet.InputSize);

        var network = new IrisNet();
        var loop = new TrainingLoop(network, trainX, trainY, trainCount, seed: 1);
        log.WriteLine($"Iris: {trainCount} training and {testCount} test flowers; network 4-16-3 (tanh, softmax), {IrisNet.ParameterCount} parameters.");
        log.WriteLine($"Cross-entropy, SGD α = {network.LearningRate.ToString(CultureInfo.InvariantCulture)}, batches of {IrisNet.BatchSize}, {epochs} epochs.");
        float loss = float.NaN;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            loss = loop.RunEpoch();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch,3}  loss {loss:F4}"));
        }

        float trainAccuracy = TrainingLoop.Accuracy(network, trainX, trainY, trainCount);
        float testAccuracy = TrainingLoop.Accuracy(network, testX, testY, testCount);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train accuracy {trainAccuracy:P1}, test accuracy {testAccuracy:P1} ({Math.Round(testAccuracy * testCount)}/{testCount})"));
        return new SampleResult(loss, trainAccuracy, testAccuracy);
    }

    /// <summary>Reads the embedded data/iris.csv: four features and a one-hot species per row.</summary>
    public static (float[] Features, float[] OneHot, int Count) Load()
    {
        using Stream stream = typeof(IrisSample).Assembly.GetManifestResourceStream("NetGen.Samples.iris.csv")
            ?? throw new InvalidOperationException("The embedded resource NetGen.Samples.iris.csv is missing.");
        using var reader = new StreamReader(stream);
        var features = new List<float>();
        var labels = new List<float>();
        string? header = reader.ReadLine();
        int line = 1;
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            string[] fields = text.Split(',');
            if (fields.Length != 5)
            {
                throw new InvalidDataException($"iris.csv line {line}: expected 5 fields, found {fields.Length}.");
            }

            for (int column = 0; column < 4; column++)
            {
                if (!float.TryParse(fields[column], NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
                {
                    throw new InvalidDataException($"iris.csv line {line}, column {column + 1}: '{fields[column]}' is not a number.");
                }

                features.Add(value);
            }

            int species = Array.IndexOf(Species, fields[4]);
            if (species < 0)
            {
                throw new InvalidDataException($"iris.csv line {line}, column 5: unknown species '{fields[4]}'.");
            }

            for (int k = 0; k < Species.Length; k++)
            {
                labels.Add(k == species ? 1f : 0f);
            }
        }

        _ = header;
        return (features.ToArray(), labels.ToArray(), labels.Count / Species.Length);
    }

    private static (float[] X, float[] Y) Gather(float[] features, float[] labels, ReadOnlySpan<int> rows)
    {
        var x = new float[rows.Length * IrisNet.InputSize];
        var y = new float[rows.Length * IrisNet.OutputSize];
        for (int i = 0; i < rows.Length; i++)
        {
            features.AsSpan(rows[i] * IrisNet.InputSize, IrisNet.InputSize).CopyTo(x.AsSpan(i * IrisNet.InputSize));
            labels.AsSpan(rows[i] * IrisNet.OutputSize, IrisNet.OutputSize).CopyTo(y.AsSpan(i * IrisNet.OutputSize));
        }

        return (x, y);
    }

    /// <summary>Scales each column of both sets to zero mean and unit variance on the training set.</summary>
    private static void Standardize(float[] train, float[] test, int width)
    {
        int trainRows = train.Length / width;
        for (int c = 0; c < width; c++)
        {
            double mean = 0;
            for (int r = 0; r < trainRows; r++)
            {
                mean += train[r * width + c];
            }

            mean /= trainRows;
            double variance = 0;
            for (int r = 0; r < trainRows; r++)
            {
                double deviation = train[r * width + c] - mean;
                variance += deviation * deviation;
            }

            double std = Math.Sqrt(variance / trainRows);
            foreach (float[] set in new[] { train, test })
            {
                for (int r = 0; r < set.Length / width; r++)
                {
                    set[r * width + c] = (float)((set[r * width + c] - mean) / std);
                }
            }
        }
    }
}

/// <summary>What a sample run reached.</summary>
/// <param name="FinalLoss">The last epoch's mean training loss.</param>
/// <param name="TrainAccuracy">Accuracy on the training set (classification samples).</param>
/// <param name="TestAccuracy">Accuracy on the held-out set (classification samples).</param>
/// <param name="TestMeanSquaredError">Mean squared error on the held-out set (regression samples).</param>
public sealed record SampleResult(float FinalLoss, float TrainAccuracy, float TestAccuracy, float TestMeanSquaredError = float.NaN);
