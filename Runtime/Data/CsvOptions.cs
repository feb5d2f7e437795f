using System.Collections.Generic;

namespace NetGen.Data;

/// <summary>
/// How <see cref="CsvReader"/> reads a file: the layout, which column(s) hold the targets and how
/// to turn them into target vectors. Every column that is not a target is a feature, in file order.
/// </summary>
public sealed record CsvOptions
{
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
}
