using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen.Data;

/// <summary>
/// Loads a CSV file (RFC 4180) into a <see cref="DataSet"/>: one sample per record, the target
/// column(s) chosen by <see cref="CsvOptions"/>, every other column a feature.
/// </summary>
/// <remarks>
/// <para>
/// Fields are separated by <see cref="CsvOptions.Delimiter"/> and records by CRLF, LF or CR. A field
/// in double quotes may contain the delimiter, line breaks and doubled quotes (<c>"a ""b"", c"</c>
/// is <c>a "b", c</c>). A UTF-8 byte order mark is skipped; files are read as UTF-8 (or as the
/// byte order mark says). Blank lines (empty or only white space) are skipped wherever they are.
/// Numbers are parsed with the invariant culture ('.' as the decimal point, an optional exponent,
/// spaces and tabs around them allowed) and must be finite: NaN, infinities and values beyond the
/// float range are refused, so a missing value never reaches training as a silent NaN. A number
/// field holding a control character (U+0000–U+001F other than tab, or U+007F; for example the
/// NULs of a UTF-16 or binary file) is refused, and so is a class label holding one other than tab,
/// CR and LF. Class labels and header names are
/// trimmed of surrounding white space.
/// </para>
/// <para>
/// Malformed input throws <see cref="InvalidDataException"/> whose message starts with the file
/// name, the 1-based line and, where it applies, the 1-based column (field number) and its header
/// name, for example <c>iris.csv, line 12, column 3 (petal_length): 'abc' is not a number.</c>
/// A missing value (an empty field, or one of <see cref="CsvOptions.MissingValues"/>) is reported as
/// such, with the option that loads it as missing; a file that reads as one column whose first line
/// holds another common separator gets a hint to set <see cref="CsvOptions.Delimiter"/>.
/// </para>
/// <para>
/// <see cref="CsvOptions.SkipLines"/> skips leading lines (such as the metadata line of
/// scikit-learn's CSV files) and <see cref="CsvOptions.CommentPrefix"/> comment lines; line numbers
/// still count both.
/// </para>
/// </remarks>
public static class CsvReader
{
    private const int MaxQuotedLength = 40;

    /// <summary>Loads the file at <paramref name="path"/>; messages name its file name.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="options">How to read it; null for the defaults (header, ',', regression on the last column).</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">The options contradict each other.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is malformed (the message has file, line and column), or its one-hot targets
    /// (rows × classes) would not fit in one array.
    /// </exception>
    /// <exception cref="IOException">The file cannot be read (e.g. <see cref="FileNotFoundException"/>).</exception>
    public static DataSet Load(string path, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Load(reader, Path.GetFileName(path), options);
    }

    /// <summary>Loads CSV text from <paramref name="reader"/> (read to its end, not disposed).</summary>
    /// <param name="reader">The text.</param>
    /// <param name="name">The name that error messages give the text, e.g. its file name.</param>
    /// <param name="options">How to read it; null for the defaults (header, ',', regression on the last column).</param>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">The options contradict each other.</exception>
    /// <exception cref="InvalidDataException">
    /// The text is malformed (the message has name, line and column), or its one-hot targets
    /// (rows × classes) would not fit in one array.
    /// </exception>
    public static DataSet Load(TextReader reader, string name, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        options ??= new CsvOptions();
        CheckOptions(options);

        var tokenizer = new CsvTokenizer(reader, options.Delimiter, name, options.CommentPrefix);
        var fields = new List<string>();
        int skipped = tokenizer.SkipLines(options.SkipLines);
        HashSet<string>? missingValues = options.MissingValues is null ? null : new HashSet<string>(options.MissingValues, StringComparer.Ordinal);

        // The header, or the first record when there is none: it fixes the number of fields.
        if (!TryReadNonBlank(tokenizer, fields, out int firstLine))
        {
            throw new InvalidDataException(Location(name, 1, 0, null) + (skipped > 0
                ? Invariant($": the file holds nothing after the {skipped} line{(skipped == 1 ? "" : "s")} skipped (SkipLines = {options.SkipLines}).")
                : tokenizer.SawText
                    ? (options.CommentPrefix is null ? ": the file is empty (it holds only blank lines)." : ": the file is empty (it holds only blank and comment lines).")
                    : ": the file is empty."));
        }

        int width = fields.Count;
        string[]? header = null;
        if (options.HasHeader)
        {
            header = new string[width];
            for (int j = 0; j < width; j++)
            {
                header[j] = fields[j].Trim();
            }
        }

        string delimiterHint = width == 1 ? DelimiterHint(fields[0], options.Delimiter) : "";
        int[] targetColumns = ResolveTargets(options, header, width, name, firstLine, delimiterHint);
        if (targetColumns.Length >= width)
        {
            throw new InvalidDataException(Location(name, firstLine, 0, null) + Invariant(
                $": the file has {width} column{(width == 1 ? "" : "s")} and no feature column is left once the target column{(targetColumns.Length == 1 ? " is" : "s are")} taken.{delimiterHint}"));
        }

        bool[] isTarget = new bool[width];
        foreach (int column in targetColumns)
        {
            isTarget[column] = true;
        }

        int featureCount = width - targetColumns.Length;
        var features = new List<float>();
        var numericTargets = new List<float>();
        var classIds = new List<int>();
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var classNames = new List<string>();
        if (options.ClassNames is not null)
        {
            foreach (string className in options.ClassNames)
            {
                classIndex.Add(className, classNames.Count);
                classNames.Add(className);
            }
        }

        int count = 0;
        bool haveRecord = !options.HasHeader;
        int line = firstLine;
        while (haveRecord || TryReadNonBlank(tokenizer, fields, out line))
        {
            haveRecord = false;
            if (fields.Count != width)
            {
                throw new InvalidDataException(Location(name, line, 0, null) + Invariant(
                    $": expected {width} fields, found {fields.Count}."));
            }

            for (int j = 0; j < width; j++)
            {
                if (isTarget[j])
                {
                    continue;
                }

                if (IsMissing(fields[j], missingValues))
                {
                    features.Add(float.NaN);
                    continue;
                }

                if (string.IsNullOrWhiteSpace(fields[j]))
                {
                    throw MissingFeature(name, line, j, header, missingValues is not null);
                }

                features.Add(ParseNumber(fields[j], name, line, j, header));
            }

            if (options.Classification)
            {
                int labelColumn = targetColumns[0];
                string label = fields[labelColumn].Trim();
                if (label.Length == 0)
                {
                    throw new InvalidDataException(Location(name, line, labelColumn + 1, header) + ": the class label is empty.");
                }

                if (IsMissing(label, missingValues))
                {
                    throw MissingTarget(name, line, labelColumn, header, label);
                }

                int control = IndexOfControl(label, allowLineBreaks: true);
                if (control >= 0)
                {
                    throw new InvalidDataException(Location(name, line, labelColumn + 1, header) +
                        $": the class label '{Shorten(Escape(label))}' has {DescribeControl(label, control)}.");
                }

                if (!classIndex.TryGetValue(label, out int id))
                {
                    if (options.ClassNames is not null)
                    {
                        throw new InvalidDataException(Location(name, line, labelColumn + 1, header) + Invariant(
                            $": '{Shorten(label)}' is not one of the {classNames.Count} class names ({string.Join(", ", classNames)})."));
                    }

                    id = classNames.Count;
                    classIndex.Add(label, id);
                    classNames.Add(label);
                }

                classIds.Add(id);
            }
            else
            {
                foreach (int column in targetColumns)
                {
                    if (string.IsNullOrWhiteSpace(fields[column]) || IsMissing(fields[column], missingValues))
                    {
                        throw MissingTarget(name, line, column, header, fields[column].Trim());
                    }

                    numericTargets.Add(ParseNumber(fields[column], name, line, column, header));
                }
            }

            count++;
        }

        if (count == 0)
        {
            throw new InvalidDataException(Location(name, firstLine + 1, 0, null) + ": the file has a header but no data rows.");
        }

        if (!options.Classification)
        {
            return new DataSet(features.ToArray(), numericTargets.ToArray(), count, featureCount, targetColumns.Length);
        }

        // Class order: as given, or sorted (numerically when every name is an integer).
        int[] rank = new int[classNames.Count];
        string[] names = classNames.ToArray();
        if (options.ClassNames is null)
        {
            int[] sorted = SortClasses(names);
            var orderedNames = new string[names.Length];
            for (int k = 0; k < sorted.Length; k++)
            {
                rank[sorted[k]] = k;
                orderedNames[k] = names[sorted[k]];
            }

            names = orderedNames;
        }
        else
        {
            for (int k = 0; k < rank.Length; k++)
            {
                rank[k] = k;
            }
        }

        long targetCount = (long)count * names.Length;
        if (targetCount > Array.MaxLength)
        {
            int labelColumn = targetColumns[0];
            throw new InvalidDataException(Invariant(
                $"{name}, column {labelColumn + 1}{HeaderName(header, labelColumn)}: {count:N0} rows × {names.Length:N0} classes are {targetCount:N0} one-hot target values, more than an array can hold ({Array.MaxLength:N0}); is column {labelColumn + 1} really a class label? For a numeric target, leave Classification false."));
        }

        var targets = new float[targetCount];
        for (int i = 0; i < count; i++)
        {
            targets[(i * names.Length) + rank[classIds[i]]] = 1f;
        }

        return new DataSet(features.ToArray(), targets, count, featureCount, names.Length, names);
    }

    /// <summary>Whether the field, trimmed, is one of the missing-value spellings (none when <paramref name="missingValues"/> is null).</summary>
    private static bool IsMissing(string field, HashSet<string>? missingValues) =>
        missingValues is not null && missingValues.Contains(field.Trim());

    /// <summary>Whether <paramref name="field"/> is one of <see cref="CsvOptions.CommonMissingValues"/>.</summary>
    private static bool IsCommonMissingValue(string field)
    {
        foreach (string missing in CsvOptions.CommonMissingValues)
        {
            if (string.Equals(field, missing, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The error for an empty feature field that is not loaded as missing.</summary>
    private static InvalidDataException MissingFeature(string name, int line, int column, string[]? header, bool listed) =>
        new(Location(name, line, column + 1, header) + (listed
            ? ": missing value (the field is empty), and CsvOptions.MissingValues does not list \"\": add it to load empty fields as missing (NaN), then fill them in with a SimpleImputer fitted on the training rows."
            : ": missing value (the field is empty). To load missing values as NaN and fill them in, set CsvOptions.MissingValues (for example to CsvOptions.CommonMissingValues) and fit a SimpleImputer on the training rows; or fill in or remove the row."));

    /// <summary>The error for a missing target or class label, which no imputation may fill in.</summary>
    private static InvalidDataException MissingTarget(string name, int line, int column, string[]? header, string field) =>
        new(Location(name, line, column + 1, header) + (field.Length == 0 ? ": the target is missing (the field is empty)" : $": the target is missing ('{Shorten(field)}' is listed in CsvOptions.MissingValues)")
            + "; a row without its target cannot be used for training or evaluation, and targets are never imputed: remove the row or fill in its target.");

    /// <summary>
    /// For a file that reads as one column: " Its first line holds N 'c' …" naming the most frequent
    /// other common separator in <paramref name="line"/> (',', ';', tab, '|'; a space only when none
    /// of those occurs), or "" when there is none.
    /// </summary>
    private static string DelimiterHint(string line, char delimiter)
    {
        char best = '\0';
        int bestCount = 0;
        foreach (char candidate in ",;\t|")
        {
            int count = candidate == delimiter ? 0 : line.AsSpan().Count(candidate);
            if (count > bestCount)
            {
                (best, bestCount) = (candidate, count);
            }
        }

        if (bestCount == 0 && delimiter != ' ')
        {
            // Space-separated files (scikit-learn's linnerud_exercise.csv): only when no other
            // separator occurs, since header names often hold spaces.
            (best, bestCount) = (' ', line.AsSpan().Trim().Count(' '));
        }

        if (bestCount == 0)
        {
            return "";
        }

        string shown = best == '\t' ? "\\t" : best.ToString();
        return Invariant($" Its first line holds {bestCount} '{shown}' and no '{(delimiter == '\t' ? "\\t" : delimiter.ToString())}': if '{shown}' separates the fields, set CsvOptions.Delimiter = '{shown}'.");
    }

    /// <summary>"name, line L" or "name, line L, column C (header name)".</summary>
    internal static string Location(string name, int line, int column, string[]? header)
    {
        var text = new StringBuilder();
        text.Append(name).Append(", line ").Append(line.ToString(CultureInfo.InvariantCulture));
        if (column > 0)
        {
            text.Append(", column ").Append(column.ToString(CultureInfo.InvariantCulture));
            text.Append(HeaderName(header, column - 1));
        }

        return text.ToString();
    }

    /// <summary>" (name)" for a column the header names, otherwise "".</summary>
    private static string HeaderName(string[]? header, int index) =>
        header is not null && index < header.Length && header[index].Length > 0 ? " (" + header[index] + ")" : "";

    private static bool TryReadNonBlank(CsvTokenizer tokenizer, List<string> fields, out int line)
    {
        while (tokenizer.TryReadRecord(fields, out line))
        {
            if (fields.Count != 1 || !string.IsNullOrWhiteSpace(fields[0]))
            {
                return true;
            }
        }

        return false;
    }

    private static float ParseNumber(string field, string name, int line, int column, string[]? header)
    {
        // float.TryParse accepts trailing NULs ("4\0" is 4) and any of U+0009–U+000D around a
        // number: refuse every control character but the tab before parsing.
        int control = IndexOfControl(field, allowLineBreaks: false);
        if (control >= 0)
        {
            throw new InvalidDataException(Location(name, line, column + 1, header) +
                $": '{Shorten(Escape(field))}' is not a number: it has {DescribeControl(field, control)}.");
        }

        if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
        {
            string hint = IsCommonMissingValue(field.Trim())
                ? $" If '{field.Trim()}' marks a missing value, list it in CsvOptions.MissingValues (for example CsvOptions.CommonMissingValues) to load it as missing, then fill it in with a SimpleImputer fitted on the training rows."
                : "";
            throw new InvalidDataException(Location(name, line, column + 1, header) + $": '{Shorten(field)}' is not a number.{hint}");
        }

        if (!float.IsFinite(value))
        {
            string reason = float.IsNaN(value)
                ? "NaN marks a missing or undefined value, and one NaN in training data makes every later loss and parameter NaN; fill in or drop such rows before loading, or list it in CsvOptions.MissingValues to load it as missing and fill it in with a SimpleImputer"
                : field.AsSpan().IndexOfAnyInRange('0', '9') >= 0
                    ? Invariant($"it is beyond the range of a float (±{float.MaxValue})")
                    : "an infinite value would make every later loss and parameter NaN; fill in or drop such rows before loading";
            throw new InvalidDataException(Location(name, line, column + 1, header) + $": '{Shorten(field)}' is not a finite number: {reason}.");
        }

        return value;
    }

    /// <summary>
    /// The index of the first control character (U+0000–U+001F, U+007F) other than tab, and other
    /// than CR and LF if <paramref name="allowLineBreaks"/> (a quoted class label may span lines), or −1.
    /// </summary>
    private static int IndexOfControl(string field, bool allowLineBreaks)
    {
        for (int i = 0; i < field.Length; i++)
        {
            char c = field[i];
            if ((c < ' ' && c != '\t' && !(allowLineBreaks && c is '\r' or '\n')) || c == '\u007F')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>"the control character U+0000 (NUL) at position 2 (a NUL usually means …)".</summary>
    private static string DescribeControl(string field, int index)
    {
        char c = field[index];
        return c == '\0'
            ? Invariant($"the control character U+0000 (NUL) at position {index + 1} (a NUL usually means the file is binary or UTF-16; CsvReader reads UTF-8)")
            : Invariant($"the control character U+{(int)c:X4} at position {index + 1}");
    }

    /// <summary>The field with every control character written as \uXXXX, for a message.</summary>
    private static string Escape(string field)
    {
        var text = new StringBuilder(field.Length + 8);
        foreach (char c in field)
        {
            if (char.IsControl(c))
            {
                text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static string Shorten(string field) =>
        field.Length <= MaxQuotedLength ? field : string.Concat(field.AsSpan(0, MaxQuotedLength), "…");

    private static void CheckOptions(CsvOptions options)
    {
        char d = options.Delimiter;
        if (d is '"' or '\r' or '\n')
        {
            throw new ArgumentException(Invariant($"The delimiter cannot be U+{(int)d:X4} (a quote or a line break)."), nameof(options));
        }

        if (options.CommentPrefix is char comment && (comment is '"' or '\r' or '\n' || comment == d))
        {
            throw new ArgumentException(Invariant($"The comment prefix cannot be U+{(int)comment:X4} (a quote, a line break or the delimiter)."), nameof(options));
        }

        if (options.MissingValues is not null)
        {
            foreach (string? missing in options.MissingValues)
            {
                if (missing is null || missing.Trim().Length != missing.Length)
                {
                    throw new ArgumentException("Every entry of MissingValues must be non-null and have no white space around it (fields are trimmed before they are compared); use \"\" for an empty field.", nameof(options));
                }
            }
        }

        if (options.TargetColumns is not null)
        {
            if (options.LabelColumn is not null)
            {
                throw new ArgumentException("Set either LabelColumn or TargetColumns, not both.", nameof(options));
            }

            if (options.Classification)
            {
                throw new ArgumentException("TargetColumns is for regression with several outputs; a classification file has one LabelColumn.", nameof(options));
            }

            if (options.TargetColumns.Count == 0)
            {
                throw new ArgumentException("TargetColumns is empty; list at least one column, or leave it null for the last column.", nameof(options));
            }
        }

        if (options.ClassNames is not null)
        {
            if (!options.Classification)
            {
                throw new ArgumentException("ClassNames is set but Classification is false.", nameof(options));
            }

            if (options.ClassNames.Count == 0)
            {
                throw new ArgumentException("ClassNames is empty; list at least one class, or leave it null to collect them from the file.", nameof(options));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string? className in options.ClassNames)
            {
                if (string.IsNullOrWhiteSpace(className) || className.Trim().Length != className.Length)
                {
                    throw new ArgumentException("Every class name must be non-empty and have no white space around it (labels are trimmed before they are compared).", nameof(options));
                }

                if (!seen.Add(className))
                {
                    throw new ArgumentException($"The class name '{className}' is listed twice in ClassNames.", nameof(options));
                }
            }
        }

        if (!options.HasHeader)
        {
            foreach (CsvColumn column in Columns(options))
            {
                if (column.Name is not null)
                {
                    throw new ArgumentException($"The column '{column.Name}' is chosen by name, but HasHeader is false; choose it by index.", nameof(options));
                }
            }
        }
    }

    private static List<CsvColumn> Columns(CsvOptions options)
    {
        var columns = new List<CsvColumn>();
        if (options.TargetColumns is not null)
        {
            columns.AddRange(options.TargetColumns);
        }
        else if (options.LabelColumn is CsvColumn label)
        {
            columns.Add(label);
        }

        return columns;
    }

    private static int[] ResolveTargets(CsvOptions options, string[]? header, int width, string name, int line, string delimiterHint)
    {
        List<CsvColumn> chosen = Columns(options);
        if (chosen.Count == 0)
        {
            return new[] { width - 1 };
        }

        var result = new int[chosen.Count];
        for (int k = 0; k < chosen.Count; k++)
        {
            CsvColumn column = chosen[k];
            int index;
            if (column.Name is null)
            {
                index = column.Index;
                if (index >= width)
                {
                    throw new InvalidDataException(Location(name, line, 0, null) + Invariant(
                        $": the target column index {index} (0-based) is out of range; the file has {width} column{(width == 1 ? "" : "s")}.{delimiterHint}"));
                }
            }
            else
            {
                index = -1;
                for (int j = 0; j < width; j++)
                {
                    if (string.Equals(header![j], column.Name, StringComparison.Ordinal))
                    {
                        if (index >= 0)
                        {
                            throw new InvalidDataException(Location(name, line, 0, null) + Invariant(
                                $": the header has more than one column named '{column.Name}' (columns {index + 1} and {j + 1}); choose the target column by index."));
                        }

                        index = j;
                    }
                }

                if (index < 0)
                {
                    throw new InvalidDataException(Location(name, line, 0, null) +
                        $": the header has no column named '{column.Name}' (the columns are: {string.Join(", ", header!)}).{delimiterHint}");
                }
            }

            if (Array.IndexOf(result, index, 0, k) >= 0)
            {
                throw new InvalidDataException(Location(name, line, index + 1, header) + ": the column is chosen as a target twice.");
            }

            result[k] = index;
        }

        return result;
    }

    private static int[] SortClasses(string[] names)
    {
        var order = new int[names.Length];
        for (int k = 0; k < order.Length; k++)
        {
            order[k] = k;
        }

        var numbers = new long[names.Length];
        bool numeric = true;
        for (int k = 0; k < names.Length && numeric; k++)
        {
            numeric = long.TryParse(names[k], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out numbers[k]);
        }

        Array.Sort(order, (a, b) =>
        {
            int byValue = numeric ? numbers[a].CompareTo(numbers[b]) : 0;
            return byValue != 0 ? byValue : string.CompareOrdinal(names[a], names[b]);
        });
        return order;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
