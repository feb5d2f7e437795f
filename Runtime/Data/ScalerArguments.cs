using System;
using System.Globalization;

namespace NetGen.Data;

/// <summary>Argument checks shared by <see cref="StandardScaler"/> and <see cref="MinMaxScaler"/>.</summary>
internal static class ScalerArguments
{
    /// <summary>Checks the features to fit on: a positive width, whole rows, at least one row.</summary>
    public static int CheckFitInput(ReadOnlySpan<float> features, int width, string scaler)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        CheckWholeRows(features.Length, width, "features");
        int count = features.Length / width;
        if (count == 0)
        {
            throw new ArgumentException(scaler + " cannot be fitted on zero rows.", nameof(features));
        }

        return count;
    }

    /// <summary>Checks that the transformed span holds whole rows of the fitted width.</summary>
    public static void CheckWholeRows(int length, int width, string paramName)
    {
        if (length % width != 0)
        {
            throw new ArgumentException(
                Invariant($"Expected whole rows of {width} features, but {paramName} holds {length} values ({length / width} rows and {length % width} left over)."),
                paramName);
        }
    }

    /// <summary>Checks that a data set has the fitted feature count.</summary>
    public static void CheckWidth(int actual, int fitted, string scaler, string paramName)
    {
        if (actual != fitted)
        {
            throw new ArgumentException(
                Invariant($"The {scaler} was fitted on {fitted} features, but the data set has {actual}."),
                paramName);
        }
    }

    /// <summary>Throws if a statistic of a column is NaN or infinite (a non-finite input value).</summary>
    public static void CheckFinite(double value, int column, string what, string paramName)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException(
                Invariant($"The {what} of feature {column} (0-based) is {value}: the column holds a NaN or infinite value.{MissingHint(value)}"),
                paramName);
        }
    }

    /// <summary>For a NaN: where missing values come from and how to fill them in; otherwise "".</summary>
    public static string MissingHint(double value) =>
        double.IsNaN(value) ? " Missing values load as NaN (CsvOptions.MissingValues): fill them in first with a SimpleImputer fitted on the training rows." : "";

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
