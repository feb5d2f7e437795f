using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace NetGen.Benchmarks.RealData;

/// <summary>Reads the five data sets from the files scikit-learn ships (sklearn/datasets/data), exactly as
/// compare.py reads them: features as doubles, the label (class index, or the diabetes target).</summary>
internal static class DataSets
{
    /// <summary>A data set: <see cref="Rows"/> × <see cref="Width"/> features, one label per row.</summary>
    internal sealed record Table(double[] Features, double[] Labels, int Rows, int Width, bool Regression);

    // iris.csv, breast_cancer.csv, wine_data.csv: a first line "rows,features,names…", then the features and the class.
    internal static Table Iris(string folder) => HeaderedCsv(Path.Combine(folder, "iris.csv"));

    internal static Table Wine(string folder) => HeaderedCsv(Path.Combine(folder, "wine_data.csv"));

    internal static Table BreastCancer(string folder) => HeaderedCsv(Path.Combine(folder, "breast_cancer.csv"));

    // digits.csv.gz: 64 pixels (0–16) and the digit, no header.
    internal static Table Digits(string folder)
    {
        List<double[]> rows = Rows(Lines(Path.Combine(folder, "digits.csv.gz")), ',');
        return ToTable(rows, rows.ConvertAll(r => r[^1]).ToArray(), rows[0].Length - 1, regression: false);
    }

    // diabetes_data_raw.csv.gz: 10 space-separated raw features; diabetes_target.csv.gz: one target a line.
    internal static Table Diabetes(string folder)
    {
        List<double[]> rows = Rows(Lines(Path.Combine(folder, "diabetes_data_raw.csv.gz")), ' ');
        double[] targets = Rows(Lines(Path.Combine(folder, "diabetes_target.csv.gz")), ' ').ConvertAll(r => r[0]).ToArray();
        return ToTable(rows, targets, rows[0].Length, regression: true);
    }

    private static Table HeaderedCsv(string path)
    {
        IEnumerable<string> lines = Lines(path);
        List<double[]> rows = Rows(Skip(lines, 1), ',');
        return ToTable(rows, rows.ConvertAll(r => r[^1]).ToArray(), rows[0].Length - 1, regression: false);
    }

    private static Table ToTable(List<double[]> rows, double[] labels, int width, bool regression)
    {
        var features = new double[rows.Count * width];
        for (int i = 0; i < rows.Count; i++)
        {
            Array.Copy(rows[i], 0, features, i * width, width);
        }

        return new Table(features, labels, rows.Count, width, regression);
    }

    private static IEnumerable<string> Lines(string path)
    {
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length != 0)
            {
                yield return line;
            }
        }
    }

    private static IEnumerable<string> Skip(IEnumerable<string> lines, int count)
    {
        foreach (string line in lines)
        {
            if (count-- <= 0)
            {
                yield return line;
            }
        }
    }

    private static List<double[]> Rows(IEnumerable<string> lines, char separator)
    {
        var rows = new List<double[]>();
        foreach (string line in lines)
        {
            string[] cells = line.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            rows.Add(Array.ConvertAll(cells, c => double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return rows;
    }
}
