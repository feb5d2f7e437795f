using System.Globalization;
using NetGen.Data;
using NetGen.Metrics;
using NetGen.Models;
using NetGen.Selection;
using NetGen.Training;
using NetGenApp;

// A NetGen classifier (made by `dotnet new netgen-classifier`; README.md says more):
//
//   dotnet run -- train [CSV] [--epochs N] [--model FILE]
//       trains Classifier (Network.cs) on CSV (default data/iris.csv), holding out 20 % of the rows
//       to test it: prints the test accuracy and a classification report, saves the model
//   dotnet run -- predict [FILE|-] [--model FILE]
//       loads the model and predicts raw feature rows read from FILE or stdin: one "class confidence" line per row
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
try
{
    return Commands.Run(args);
}
catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException or FormatException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}

/// <summary>What <c>dotnet new</c> set: change them here.</summary>
internal static class Settings
{
    /// <summary>The label column: its header name, or its 0-based index (digits only). Every other column is a feature.</summary>
    public const string LabelColumn = "LABEL_COLUMN";

    /// <summary>The number of passes over the training rows.</summary>
    public const int Epochs = EPOCH_COUNT;

    /// <summary>The CSV that <c>train</c> reads when given none.</summary>
    public const string DefaultData = "data/iris.csv";

    /// <summary>The model file that <c>train</c> writes and <c>predict</c> reads.</summary>
    public const string DefaultModel = "model.ngmf";

    /// <summary>Seeds the split and the shuffling (the initial parameters are seeded by [Network(Seed = …)]).</summary>
    public const long Seed = 1;
}

/// <summary>The two commands.</summary>
internal static class Commands
{
    public static int Run(string[] args)
    {
        string command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "train";
        string? file = null, model = null;
        int epochs = Settings.Epochs;
        for (int i = command == "train" && (args.Length == 0 || args[0].StartsWith('-')) ? 0 : 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--epochs": epochs = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture); break;
                case "--model": model = Value(args, ref i); break;
                case "-h" or "--help": Usage(); return 0;
                default:
                    if (file is not null || (args[i].StartsWith('-') && args[i] != "-"))
                    {
                        throw new ArgumentException($"unknown argument '{args[i]}' (see --help)");
                    }

                    file = args[i];
                    break;
            }
        }

        model ??= Settings.DefaultModel;
        return command switch
        {
            "train" => Train(file ?? DefaultData(), model, epochs),
            "predict" => Predict(file, model),
            _ => throw new ArgumentException($"unknown command '{command}': train or predict (see --help)"),
        };
    }

    private static int Train(string csv, string modelPath, int epochs)
    {
        DataSet data = CsvReader.Load(csv, new CsvOptions { Classification = true, LabelColumn = Label() });
        CheckWidths(data, Path.GetFileName(csv));
        (DataSet train, DataSet test) = TrainTestSplit.Stratified(data, testFraction: 0.2, seed: Settings.Seed);

        var network = new Classifier();
        Console.WriteLine($"{Path.GetFileName(csv)}: {train.Count} training and {test.Count} test rows, {data.FeatureCount} features, {data.TargetCount} classes; network {Classifier.Architecture}, {Classifier.ParameterCount} parameters.");
        var options = new TrainerOptions
        {
            Epochs = epochs,
            Seed = Settings.Seed,
            OnEpochEnd = e =>
            {
                if (e.Epoch == 1 || e.Epoch % Math.Max(1, epochs / 10) == 0 || e.Epoch == epochs)
                {
                    Console.WriteLine($"epoch {e.Epoch,4}: loss {e.TrainingLoss:F4}");
                }

                return TrainingAction.Continue;
            },
        };
        new Trainer(network, options).Fit(train);

        ConfusionMatrix confusion = Classification.Confusion(network, test);
        int correct = 0;
        for (int k = 0; k < confusion.Classes; k++)
        {
            correct += confusion[k, k];
        }

        Console.WriteLine($"train accuracy {Classification.Accuracy(network, train):P1}, test accuracy {confusion.Accuracy:P1} ({correct}/{test.Count})");
        Console.WriteLine(new ClassificationReport(confusion).ToString());
        ModelFile.Save(network, modelPath);
        Console.WriteLine($"saved {modelPath}");
        return 0;
    }

    private static int Predict(string? input, string modelPath)
    {
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"there is no model file {modelPath}: run train first (dotnet run -- train), or give --model FILE.", modelPath);
        }

        var network = new Classifier();
        ModelFile.Load(network, modelPath);
        IReadOnlyList<string> classNames = network.ClassNames                               // saved with the model by train
            ?? throw new InvalidDataException($"{modelPath} has no class names: train it with this program (dotnet run -- train).");

        using TextReader rows = input is null or "-" ? Console.In : new StreamReader(input);
        var output = new float[Classifier.OutputSize];
        foreach ((int _, float[] row) in Rows.Read(rows, input is null or "-" ? "stdin" : Path.GetFileName(input), Classifier.InputSize, Settings.LabelColumn))
        {
            network.Predict(row, output);
            int k = Classification.PredictedClass(output);
            Console.WriteLine($"{classNames[k]} {output[k]:F4}");
        }

        return 0;
    }

    // Inputs and classes are compile-time constants of the network: a CSV of other widths needs Network.cs changed.
    private static void CheckWidths(DataSet data, string name)
    {
        if (data.FeatureCount != Classifier.InputSize)
        {
            throw new InvalidDataException(
                $"{name} has {data.FeatureCount} feature columns (every column but the label column {Label()}), but the network takes {Classifier.InputSize}. " +
                $"Set Inputs = {data.FeatureCount} in [Network(...)] in Network.cs (or create the project with dotnet new netgen-classifier --inputs {data.FeatureCount}), " +
                $"or choose another label column (Settings.LabelColumn in Program.cs, --label).");
        }

        if (data.TargetCount != Classifier.OutputSize)
        {
            throw new InvalidDataException(
                $"{name}: the label column {Label()} holds {data.TargetCount} classes ({string.Join(", ", data.ClassNames ?? [])}), but the network's output layer has {Classifier.OutputSize} units. " +
                $"Set the last layer to [Dense({data.TargetCount}, Activation.Softmax)] in Network.cs (or create the project with dotnet new netgen-classifier --classes {data.TargetCount}).");
        }
    }

    private static CsvColumn Label() =>
        int.TryParse(Settings.LabelColumn, NumberStyles.None, CultureInfo.InvariantCulture, out int index) ? index : Settings.LabelColumn;

    private static string DefaultData() =>
        File.Exists(Settings.DefaultData) ? Settings.DefaultData : Path.Combine(AppContext.BaseDirectory, Settings.DefaultData);

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");

    private static void Usage()
    {
        Console.WriteLine("train [CSV] [--epochs N] [--model FILE]   train on CSV (default data/iris.csv), test on 20 % of it, save the model (default model.ngmf)");
        Console.WriteLine("predict [FILE|-] [--model FILE]           predict raw feature rows from FILE or stdin (comma-, semicolon-, tab- or space-separated;");
        Console.WriteLine("                                          a header naming the label column drops it): one \"class confidence\" line per row");
        Console.WriteLine($"network: {Classifier.Architecture}, {Classifier.ParameterCount} parameters; label column {Label()}");
    }
}
