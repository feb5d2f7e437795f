using System;
using System.Diagnostics;
using System.Globalization;
using NetGen;
using NetGen.Training;

namespace NetGen.Benchmarks.RealData;

// Full-batch L-BFGS (LbfgsTrainer) on the whole of iris or wine, standardised, for lbfgs_compare.py, which
// fits scikit-learn's MLPClassifier(solver='lbfgs', alpha=0) with the same architecture on the same rows:
//
//   dotnet bin/Release/net10.0/NetGen.Benchmarks.RealData.dll lbfgs <iris|wine> [--activation relu|tanh]
//       [--max-iter N] [--data DIR]
//
// Prints one JSON line: iterations, evaluations, why it stopped, the final training loss and accuracy, and
// the time of the fit (the first in the process, JIT included) and of a second, identical fit.
internal static class Lbfgs
{
    internal static int Run(string[] args, string defaultFolder)
    {
        string name = args.Length > 0 ? args[0] : throw new ArgumentException("lbfgs needs a data set: iris or wine.");
        string folder = defaultFolder;
        string activation = "relu";
        int maxIterations = 200;
        for (int i = 1; i < args.Length; i += 2)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--data": folder = value; break;
                case "--activation": activation = value; break;
                case "--max-iter": maxIterations = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return (name, activation) switch
        {
            ("iris", "relu") => Fit(name, () => new LbfgsIrisRelu(), DataSets.Iris(folder), maxIterations),
            ("iris", "tanh") => Fit(name, () => new LbfgsIrisTanh(), DataSets.Iris(folder), maxIterations),
            ("wine", "relu") => Fit(name, () => new LbfgsWineRelu(), DataSets.Wine(folder), maxIterations),
            ("wine", "tanh") => Fit(name, () => new LbfgsWineTanh(), DataSets.Wine(folder), maxIterations),
            _ => throw new ArgumentException($"Unknown set or activation {name}/{activation}: iris or wine, relu or tanh."),
        };
    }

    private static int Fit<TNet>(string name, Func<TNet> create, DataSets.Table table, int maxIterations)
        where TNet : ITrainableNetwork
    {
        (float[] features, float[] targets, int classes) = Standardised(table);
        var options = new LbfgsOptions { MaxIterations = maxIterations };

        var clock = Stopwatch.StartNew();
        TNet network = create();
        LbfgsResult result = new LbfgsTrainer(network, options).Fit(features, targets, table.Rows);
        double firstMs = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        new LbfgsTrainer(create(), options).Fit(features, targets, table.Rows);
        double secondMs = clock.Elapsed.TotalMilliseconds;

        float accuracy = Metrics.Classification.Accuracy(network, features, targets, table.Rows);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"set\": \"{name}\", \"architecture\": \"{network.Architecture}\", \"rows\": {table.Rows}, \"classes\": {classes}, \"iterations\": {result.Iterations}, \"evaluations\": {result.FunctionEvaluations}, \"stop\": \"{result.StopReason}\", \"initial_loss\": {result.InitialLoss:R}, \"loss\": {result.Loss:R}, \"gradient_norm\": {result.GradientNorm:R}, \"accuracy\": {accuracy:R}, \"first_ms\": {firstMs:F1}, \"second_ms\": {secondMs:F1}}}"));
        return 0;
    }

    /// <summary>Every row, features standardised with their mean and population standard deviation (scikit-learn's StandardScaler), one-hot targets.</summary>
    private static (float[] Features, float[] Targets, int Classes) Standardised(DataSets.Table table)
    {
        int rows = table.Rows, width = table.Width;
        var features = new float[rows * width];
        for (int c = 0; c < width; c++)
        {
            double mean = 0, squares = 0;
            for (int r = 0; r < rows; r++)
            {
                mean += table.Features[r * width + c];
            }

            mean /= rows;
            for (int r = 0; r < rows; r++)
            {
                double d = table.Features[r * width + c] - mean;
                squares += d * d;
            }

            double std = Math.Sqrt(squares / rows);
            for (int r = 0; r < rows; r++)
            {
                features[r * width + c] = (float)((table.Features[r * width + c] - mean) / (std > 0 ? std : 1));
            }
        }

        int classes = 0;
        foreach (double label in table.Labels)
        {
            classes = Math.Max(classes, (int)label + 1);
        }

        var targets = new float[rows * classes];
        for (int r = 0; r < rows; r++)
        {
            targets[r * classes + (int)table.Labels[r]] = 1;
        }

        return (features, targets, classes);
    }
}

// scikit-learn's MLPClassifier shapes for lbfgs_compare.py: one hidden layer (hidden_layer_sizes=(16,) for iris,
// (32,) for wine), Glorot-uniform weights as scikit-learn draws them; the batch size only sets the chunks of a
// full-batch evaluation. The optimizer declared is not used by L-BFGS.

/// <summary>Iris: 4 → 16 ReLU → 3 softmax.</summary>
[Network(Inputs = 4, Seed = 1)]
[Dense(16, Activation.ReLU, Init = Init.GlorotUniform)]
[Dense(3, Activation.Softmax, Init = Init.GlorotUniform)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 64)]
public partial class LbfgsIrisRelu { }

/// <summary>Iris: 4 → 16 tanh → 3 softmax.</summary>
[Network(Inputs = 4, Seed = 1)]
[Dense(16, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 64)]
public partial class LbfgsIrisTanh { }

/// <summary>Wine: 13 → 32 ReLU → 3 softmax.</summary>
[Network(Inputs = 13, Seed = 1)]
[Dense(32, Activation.ReLU, Init = Init.GlorotUniform)]
[Dense(3, Activation.Softmax, Init = Init.GlorotUniform)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 64)]
public partial class LbfgsWineRelu { }

/// <summary>Wine: 13 → 32 tanh → 3 softmax.</summary>
[Network(Inputs = 13, Seed = 1)]
[Dense(32, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 64)]
public partial class LbfgsWineTanh { }
