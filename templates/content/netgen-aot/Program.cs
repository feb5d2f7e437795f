using System.Globalization;
using NetGen.Metrics;
using NetGenApp;

// A NetGen predictor with its model compiled in (made by `dotnet new netgen-aot`; README.md says more):
//
//   NetGenApp [FILE|-]...   predicts raw feature rows read from each FILE, or stdin: one "class confidence"
//                           line per row (values comma-, semicolon-, tab- or space-separated; a header line
//                           naming the label column drops that column, so the training CSV itself can be given)
//   NetGenApp -h            usage and the network
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
try
{
    return Predictions.Run(args);
}
catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}

/// <summary>What <c>dotnet new</c> set: change them here.</summary>
internal static class Settings
{
    /// <summary>The training CSV's label column (header name, or 0-based index): dropped from input rows that have it.</summary>
    public const string LabelColumn = "LABEL_COLUMN";

    /// <summary>The standardisation and class names saved beside model.ngmf, built in as a resource (NetGenApp.csproj).</summary>
    public const string PreprocessingResource = "model.ngmf.preprocessing";  // PREPROCESSING
}

/// <summary>Reads rows, predicts, prints.</summary>
internal static class Predictions
{
    public static int Run(string[] args)
    {
        if (args is ["-h"] or ["--help"])
        {
            Console.WriteLine("NetGenApp [FILE|-]...  predict raw feature rows from each FILE or stdin: one \"class confidence\" line per row");
            Console.WriteLine($"network: {Predictor.Architecture}, {Predictor.ParameterCount} parameters, compiled in from model.ngmf");
            return 0;
        }

        var network = new Predictor();
        Preprocessing preprocessing = LoadPreprocessing();                                   // PREPROCESSING
        IReadOnlyList<string> classNames = preprocessing.ClassNames;                         // PREPROCESSING
        var output = new float[Predictor.OutputSize];
        foreach (string input in args.Length == 0 ? ["-"] : args)
        {
            if (input.StartsWith('-') && input != "-")
            {
                throw new ArgumentException($"unknown argument '{input}' (see -h)");
            }

            using TextReader rows = input == "-" ? Console.In : new StreamReader(input);
            foreach ((int _, float[] row) in Rows.Read(rows, input == "-" ? "stdin" : Path.GetFileName(input), Predictor.InputSize, Settings.LabelColumn))
            {
                preprocessing.TransformRow(row);                                             // PREPROCESSING
                network.Predict(row, output);
                int k = Classification.PredictedClass(output);
                Console.WriteLine($"{classNames[k]} {output[k]:F4}");
            }
        }

        return 0;
    }

    // PREPROCESSING: the statistics and class names that train saved beside model.ngmf, from the resource.
    private static Preprocessing LoadPreprocessing()
    {
        using Stream stream = typeof(Predictor).Assembly.GetManifestResourceStream(Settings.PreprocessingResource)
            ?? throw new InvalidDataException($"the program has no resource '{Settings.PreprocessingResource}': NetGenApp.csproj must build it in (EmbeddedResource).");
        using var reader = new StreamReader(stream);
        Preprocessing preprocessing = Preprocessing.Load(reader, Settings.PreprocessingResource);
        preprocessing.Check(Predictor.InputSize, Predictor.OutputSize, Settings.PreprocessingResource);
        return preprocessing;
    }
}
