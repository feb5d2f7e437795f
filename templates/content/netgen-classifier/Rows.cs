using System.Globalization;

namespace NetGenApp;

/// <summary>
/// Reads raw feature rows to predict: one row per line, the values separated by commas, semicolons,
/// tabs or spaces (the first of those a line holds), in the column order of the training CSV.
/// </summary>
/// <remarks>
/// Blank lines and lines starting with '#' are skipped. A first line that holds no number is a
/// header: if it names the label column, that column is dropped from every row, so the training
/// CSV itself can be given. Without a header, a row with one value too many drops the label column
/// when it was chosen by index. Anything else of the wrong width, and any value that is not a
/// finite number, is an error naming the line.
/// </remarks>
internal static class Rows
{
    /// <summary>The rows of <paramref name="reader"/>, each with its 1-based line number.</summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="name">The name that error messages give the text (a file name, or stdin).</param>
    /// <param name="width">The number of features the network takes.</param>
    /// <param name="labelColumn">The training CSV's label column: a header name, or a 0-based index.</param>
    /// <exception cref="InvalidDataException">A row has the wrong number of values, or a value is not a finite number.</exception>
    public static IEnumerable<(int Line, float[] Features)> Read(TextReader reader, string name, int width, string labelColumn)
    {
        int labelIndex = int.TryParse(labelColumn, NumberStyles.None, CultureInfo.InvariantCulture, out int index) ? index : -1;
        bool first = true;
        int line = 0;
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            string trimmed = text.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            string[] fields = Split(trimmed);
            if (first)
            {
                first = false;
                if (IsHeader(fields, labelIndex))
                {
                    int named = Array.FindIndex(fields, f => string.Equals(f, labelColumn, StringComparison.Ordinal));
                    if (named >= 0)
                    {
                        labelIndex = named;
                    }

                    continue;
                }
            }

            if (fields.Length == width + 1 && labelIndex >= 0 && labelIndex < fields.Length)
            {
                fields = [.. fields[..labelIndex], .. fields[(labelIndex + 1)..]];
            }

            if (fields.Length != width)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{name}, line {line}: {fields.Length} values, but the network takes {width} features. Give the feature columns only, in the training CSV's order (without the label column '{labelColumn}', unless a header line names it)."));
            }

            var row = new float[width];
            for (int j = 0; j < width; j++)
            {
                if (!float.TryParse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture, out row[j]) || !float.IsFinite(row[j]))
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                        $"{name}, line {line}, value {j + 1}: '{fields[j]}' is not a finite number."));
                }
            }

            yield return (line, row);
        }
    }

    private static string[] Split(string line)
    {
        char separator = line.Contains(',') ? ',' : line.Contains(';') ? ';' : line.Contains('\t') ? '\t' : ' ';
        string[] fields = line.Split(separator, separator == ' ' ? StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries : StringSplitOptions.TrimEntries);
        for (int j = 0; j < fields.Length; j++)
        {
            fields[j] = fields[j].Trim('"').Trim();   // "5.1" as a spreadsheet may quote it
        }

        return fields;
    }

    // A header holds no number (but in the label column chosen by index, whatever that holds).
    private static bool IsHeader(string[] fields, int labelIndex)
    {
        for (int j = 0; j < fields.Length; j++)
        {
            if (j != labelIndex && float.TryParse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                return false;
            }
        }

        return true;
    }
}
