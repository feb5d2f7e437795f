using System.Globalization;
using System.Reflection;
using NetGen.Data;

namespace NetGenApp;

// ─── PREPROCESSING ────────────────────────────────────────────────────────────────────────────
// The one place that standardises raw feature rows and names the classes, by hand: the scaler's
// statistics (fitted on the training split) and the class names are saved beside the model, in
// "<model>.preprocessing" (a small text file; netgen-aot builds it in as a resource). Every use is
// marked "// PREPROCESSING" in Program.cs (and, in netgen-aot, the project file).
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

    /// <summary>The file that goes with a model file, and the name of the resource that netgen-aot builds it in as.</summary>
    public static string PathFor(string modelPath) => modelPath + ".preprocessing";

    /// <summary>Reads the file saved beside <paramref name="modelPath"/> and checks it against the network's widths.</summary>
    /// <exception cref="InvalidDataException">The file is malformed, or it does not fit the network.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Preprocessing Load(string modelPath, int inputs, int outputs)
    {
        string path = PathFor(modelPath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"there is no {path} beside {modelPath}: train saves both.", path);
        }

        using var reader = new StreamReader(path);
        return Load(reader, path, inputs, outputs);
    }

    /// <summary>Reads the resource <c>model.ngmf.preprocessing</c> of <paramref name="assembly"/> and checks it against the network's widths.</summary>
    /// <exception cref="InvalidDataException">There is no such resource, it is malformed, or it does not fit the network.</exception>
    public static Preprocessing LoadResource(Assembly assembly, int inputs, int outputs)
    {
        string name = PathFor("model.ngmf");
        using Stream stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidDataException($"the program has no resource '{name}': the project file must build it in (<EmbeddedResource Include=\"{name}\" LogicalName=\"{name}\" />).");
        using var reader = new StreamReader(stream);
        return Load(reader, name, inputs, outputs);
    }

    /// <summary>Fits the standardisation to the training rows and takes their class names.</summary>
    public static Preprocessing Fit(DataSet training) =>
        new(StandardScaler.Fit(training), training.ClassNames ?? throw new ArgumentException("The training data has no class names (load it with CsvOptions.Classification = true).", nameof(training)));

    /// <summary>The rows of <paramref name="data"/>, standardised.</summary>
    public DataSet Transform(DataSet data) => _scaler.Transform(data);

    /// <summary>Standardises one raw row in place.</summary>
    public void TransformRow(Span<float> row) => _scaler.TransformInPlace(row);

    private void Check(int inputs, int outputs, string name)
    {
        if (_scaler.FeatureCount != inputs || ClassNames.Count != outputs)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{name} holds {_scaler.FeatureCount} features and {ClassNames.Count} classes, but the network takes {inputs} inputs and has {outputs} outputs: it was saved with another model."));
        }
    }

    /// <summary>Writes the statistics and class names beside <paramref name="modelPath"/> (invariant culture, round-trip precision).</summary>
    public void Save(string modelPath)
    {
        using var writer = new StreamWriter(PathFor(modelPath));
        writer.WriteLine(Magic);
        writer.WriteLine("mean " + string.Join(' ', _scaler.Mean.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        writer.WriteLine("std " + string.Join(' ', _scaler.StandardDeviation.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        foreach (string name in ClassNames)
        {
            writer.WriteLine("class " + name);
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote and checks it against the network's widths.</summary>
    /// <exception cref="InvalidDataException">The text is not such a file (the message names the line), or it does not fit the network.</exception>
    private static Preprocessing Load(TextReader reader, string name, int inputs, int outputs)
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

        Preprocessing preprocessing;
        try
        {
            preprocessing = new Preprocessing(new StandardScaler(mean, deviation), classes);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{name}: {ex.Message}", ex);
        }

        preprocessing.Check(inputs, outputs, name);
        return preprocessing;
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
