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
        IReadOnlyList<string> classNames = network.ClassNames                                // compiled in from model.ngmf
            ?? throw new InvalidOperationException("model.ngmf has no class names: train it with netgen-classifier (dotnet run -- train).");
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
                network.Predict(row, output);
                int k = Classification.PredictedClass(output);
                Console.WriteLine($"{classNames[k]} {output[k]:F4}");
            }
        }

        return 0;
    }
}
