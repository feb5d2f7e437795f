using System.Globalization;
using NetGen.Data;

namespace NetGenApp;

// ─── PREPROCESSING ────────────────────────────────────────────────────────────────────────────
// The one place that standardises raw feature rows and names the classes, by hand: the scaler's
// statistics (fitted on the training split) and the class names are saved beside the model, in
// "<model>.preprocessing" (a small text file). Every use is marked "// PREPROCESSING" in Program.cs.
// When NetGen's model files carry their preprocessing ([Network(InputScaling = InputScaling.Standardize)]
// and the network's ClassNames), this file and the marked lines go: see README.md, "Raw rows".
// ──────────────────────────────────────────────────────────────────────────────────────────────

/// <summary>The standardisation of the inputs and the class names of a trained network.</summary>
internal sealed class Preprocessing
{
    private const string Magic = "NetGen preprocessing 1";
    private readonly StandardScaler _scaler;

    private Preprocessing(StandardScaler scaler, IReadOnlyList<string> classNames)
    {
        _scaler = scaler;
        ClassNames = classNames;
    }

    /// <summary>The class of each output, in the network's output order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The file that goes with a model file.</summary>
    public static string PathFor(string modelPath) => modelPath + ".preprocessing";

    /// <summary>Fits the standardisation to the training rows and takes their class names.</summary>
    public static Preprocessing Fit(DataSet training) =>
        new(StandardScaler.Fit(training), training.ClassNames ?? throw new ArgumentException("The training data has no class names (load it with CsvOptions.Classification = true).", nameof(training)));

    /// <summary>The rows of <paramref name="data"/>, standardised.</summary>
    public DataSet Transform(DataSet data) => _scaler.Transform(data);

    /// <summary>Standardises one raw row in place.</summary>
    public void TransformRow(Span<float> row) => _scaler.TransformInPlace(row);

    /// <summary>Refuses statistics or class names that do not fit the network.</summary>
    /// <exception cref="InvalidDataException">The widths differ.</exception>
    public void Check(int inputs, int outputs, string name)
    {
        if (_scaler.FeatureCount != inputs || ClassNames.Count != outputs)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{name} holds {_scaler.FeatureCount} features and {ClassNames.Count} classes, but the network takes {inputs} inputs and has {outputs} outputs: it was saved with another model."));
        }
    }

    /// <summary>Writes the statistics and class names (invariant culture, round-trip precision).</summary>
    public void Save(TextWriter writer)
    {
        writer.WriteLine(Magic);
        writer.WriteLine("mean " + string.Join(' ', _scaler.Mean.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        writer.WriteLine("std " + string.Join(' ', _scaler.StandardDeviation.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        foreach (string name in ClassNames)
        {
            writer.WriteLine("class " + name);
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The text is not such a file; the message names the line.</exception>
    public static Preprocessing Load(TextReader reader, string name)
    {
        string[] lines = reader.ReadToEnd().Split('\n', StringSplitOptions.TrimEntries);
        if (lines.Length < 4 || lines[0] != Magic || !lines[1].StartsWith("mean ", StringComparison.Ordinal) || !lines[2].StartsWith("std ", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{name}: not a preprocessing file (it must start with '{Magic}', then a 'mean' and a 'std' line).");
        }

        double[] mean = Numbers(lines[1], name, 2), deviation = Numbers(lines[2], name, 3);
        var classes = new List<string>();
        for (int i = 3; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            if (!lines[i].StartsWith("class ", StringComparison.Ordinal))
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{name}, line {i + 1}: expected 'class <name>'."));
            }

            classes.Add(lines[i]["class ".Length..]);
        }

        try
        {
            return new Preprocessing(new StandardScaler(mean, deviation), classes);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{name}: {ex.Message}", ex);
        }
    }

    private static double[] Numbers(string line, string name, int lineNumber)
    {
        string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
        var values = new double[fields.Length];
        for (int j = 0; j < fields.Length; j++)
        {
            if (!double.TryParse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture, out values[j]))
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{name}, line {lineNumber}: '{fields[j]}' is not a number."));
            }
        }

        return values;
    }
}
