using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Data;

/// <summary>
/// How <see cref="CsvReader"/> reads a file: the layout, which column(s) hold the targets and how
/// to turn them into target vectors. Every column that is not a target is a feature, in file order.
/// </summary>
public sealed record CsvOptions
{
    private readonly int _skipLines;

    /// <summary>Whether the first (non-blank) line holds column names. Default true.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The field separator. Default ','. It cannot be '"', '\r' or '\n'.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// The column with the label (or the regression target), by 0-based index or header name; null
    /// (the default) means the last column.
    /// </summary>
    public CsvColumn? LabelColumn { get; init; }

    /// <summary>
    /// Whether the label is a class name (any text; numbers are names too). The targets are then one
    /// hot, one column per class, and <see cref="DataSet.ClassNames"/> lists the classes. When false
    /// (the default), the label column holds a number, the single regression target.
    /// </summary>
    public bool Classification { get; init; }

    /// <summary>
    /// For classification: the classes, in the order of the one-hot columns. A label that is not in
    /// this list is an error. Use it to give a training and a test file the same columns, or to keep
    /// a class that a file happens not to contain. When null (the default) the classes are those
    /// that occur in the file, sorted: by numeric value if every name is an integer ("2" before
    /// "10"), otherwise by ordinal string comparison.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>
    /// For regression with several outputs: the target columns, in the order of the target vector.
    /// When set, <see cref="LabelColumn"/> must be null and <see cref="Classification"/> false.
    /// </summary>
    public IReadOnlyList<CsvColumn>? TargetColumns { get; init; }

    /// <summary>
    /// The number of lines to skip at the start of the file, before the header (or the first record),
    /// whatever they hold: for example 1 for scikit-learn's bundled CSV files, whose first line is
    /// metadata (<c>150,4,setosa,versicolor,virginica</c>). These are physical lines (a quote in them
    /// means nothing); line numbers in messages still count them. Default 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int SkipLines
    {
        get => _skipLines;
        init => _skipLines = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(SkipLines), value, string.Create(CultureInfo.InvariantCulture, $"SkipLines must be zero or more, but it is {value}."));
    }

    /// <summary>
    /// A character that marks a comment line: a line whose first character it is (where a record
    /// would start, before or after the header) is skipped whole. Null (default): no comments. It
    /// cannot be the delimiter, '"', '\r' or '\n'; a '#' inside or after a field is data.
    /// </summary>
    public char? CommentPrefix { get; init; }

    /// <summary>
    /// The field texts that mean "missing" in a feature column, compared after trimming white space
    /// and exactly (ordinal, so list "NA" and "na" if both occur); for example
    /// <see cref="CommonMissingValues"/>. A missing feature is loaded as NaN, to be filled in with a
    /// <see cref="SimpleImputer"/> fitted on the training split (a network cannot train on NaN).
    /// A missing target or class label is always an error: a row without one cannot be used.
    /// When null (the default), nothing is missing: an empty field is an error naming its line and
    /// column, and "NA" or "NaN" are errors as any text that is not a finite number.
    /// </summary>
    public IReadOnlyList<string>? MissingValues { get; init; }

    /// <summary>
    /// The usual spellings of a missing value: "" (an empty field), "NA", "N/A", "n/a", "NaN",
    /// "nan", "NULL", "null", "None" and "?" (as in the UCI repository's files).
    /// </summary>
    public static IReadOnlyList<string> CommonMissingValues { get; } =
        Array.AsReadOnly(new[] { "", "NA", "N/A", "n/a", "NaN", "nan", "NULL", "null", "None", "?" });
}
