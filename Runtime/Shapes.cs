using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NetGen.Data;

namespace NetGen;

/// <summary>
/// The one row-width check every runtime entry point that takes rows of data shares (the trainer,
/// the metrics). The rule is exact: flat arrays hold exactly <c>count</c> rows, that is
/// <c>count × InputSize</c> features and <c>count × OutputSize</c> targets, and a
/// <see cref="DataSet"/>'s <see cref="DataSet.FeatureCount"/> and <see cref="DataSet.TargetCount"/>
/// equal the network's sizes. A longer array is refused too: it is what data with one column too
/// many looks like (178 rows of 13 wine features are more than 178 rows of 12).
/// </summary>
/// <remarks>Messages name the expected and actual sizes, the width the data has, and the fix.</remarks>
internal static class Shapes
{
    /// <summary>
    /// Throws unless <paramref name="count"/> ≥ 1, <paramref name="featuresLength"/> = count × InputSize
    /// and <paramref name="targetsLength"/> = count × OutputSize.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">A length is not exactly count rows of the network's width.</exception>
    public static void CheckRows(INeuralNetwork network, int featuresLength, int targetsLength, int count, string featuresName, string targetsName, string countName)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(countName, count, Invariant($"{countName} must be at least 1 (the number of rows), but it is {count}."));
        }

        CheckLength(network, featuresLength, count, network.InputSize, input: true, featuresName, countName);
        CheckLength(network, targetsLength, count, network.OutputSize, input: false, targetsName, countName);
    }

    /// <summary>Throws unless <paramref name="data"/> has at least one row, of the network's input and output widths.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data set has no rows, or columns of other widths than the network.</exception>
    public static void CheckDataSet(INeuralNetwork network, [NotNull] DataSet? data, string paramName)
    {
        ArgumentNullException.ThrowIfNull(data, paramName);
        if (data.FeatureCount != network.InputSize)
        {
            throw new ArgumentException(
                Invariant($"{paramName} has {data.FeatureCount} features per row (FeatureCount), but {Name(network)} takes {Plural(network.InputSize, "input")} (InputSize). ")
                + FeaturesFix(network.InputSize, data.FeatureCount),
                paramName);
        }

        if (data.TargetCount != network.OutputSize)
        {
            throw new ArgumentException(
                Invariant($"{paramName} has {data.TargetCount} targets per row (TargetCount), but {Name(network)} has {Plural(network.OutputSize, "output")} (OutputSize). ")
                + TargetsFix(network.OutputSize, data.TargetCount),
                paramName);
        }

        if (data.Count < 1)
        {
            throw new ArgumentException(Invariant($"{paramName} has no rows; there must be at least one."), paramName);
        }
    }

    private static void CheckLength(INeuralNetwork network, int actual, int count, int width, bool input, string name, string countName)
    {
        long expected = (long)count * width;
        if (actual != expected)
        {
            ThrowLength(network, actual, count, width, input, name, countName);
        }
    }

    [DoesNotReturn]
    private static void ThrowLength(INeuralNetwork network, int actual, int count, int width, bool input, string name, string countName)
    {
        string sizeName = input ? "InputSize" : "OutputSize";
        string message = Invariant($"Expected {name}.Length = {countName} ({count}) × {sizeName} ({width}) = {(long)count * width}, but it is {actual}");
        if (actual > 0 && actual % count == 0)
        {
            // A whole number of rows of another width: the data's columns do not match the network.
            int perRow = actual / count;
            message += input
                ? Invariant($": {perRow} values per row, and {Name(network)} takes {Plural(width, "input")}. ") + FeaturesFix(width, perRow)
                : Invariant($": {perRow} values per row, and {Name(network)} has {Plural(width, "output")}. ") + TargetsFix(width, perRow);
        }
        else
        {
            message += Invariant($", which is not {countName} whole rows. Pass exactly {countName} rows of {sizeName} values each (to use part of an array, copy those rows, e.g. with DataSet.Subset), and check {countName}.");
        }

        throw new ArgumentException(message, name);
    }

    private static string FeaturesFix(int inputs, int perRow) =>
        Invariant($"Each row must hold exactly InputSize ({inputs}) features: check which columns are features and which are targets, or declare the network with {Plural(perRow, "input")}.");

    private static string TargetsFix(int outputs, int perRow)
    {
        if (perRow < 1)
        {
            return Invariant($"Each row must hold exactly OutputSize ({outputs}) targets: read the data with its target column(s).");
        }

        return outputs == 1
            ? Invariant($"A network with one output takes one target per row (0 or 1 for a sigmoid), not one-hot classes: read the label as a number (CsvOptions.Classification = false), or give the output layer {perRow} units.")
            : Invariant($"Each row must hold exactly OutputSize ({outputs}) targets, one per output (one-hot classes need one output per class): check the target columns, or give the output layer {perRow} units.");
    }

    // The class the generator made (IrisNet), which is how the user knows the network.
    private static string Name(INeuralNetwork network) => network.GetType().Name;

    private static string Plural(int n, string noun) => Invariant($"{n} {noun}{(n == 1 ? string.Empty : "s")}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
