using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace NetGen.Metrics;

/// <summary>Precision, recall, F1 score and support of one class (or an average over classes).</summary>
/// <param name="Precision">Of the rows predicted as the class, the fraction that are of it (0 when none were predicted as it).</param>
/// <param name="Recall">Of the rows of the class, the fraction predicted as it (0 when there are none).</param>
/// <param name="F1">The harmonic mean of precision and recall, 2·TP / (2·TP + FP + FN) (0 when that is 0 / 0).</param>
/// <param name="Support">The number of rows of the class (for an average: of all rows).</param>
public readonly record struct ClassScores(double Precision, double Recall, double F1, int Support);

/// <summary>
/// Per-class precision, recall, F1 and support, their macro and weighted averages, and the accuracy,
/// as scikit-learn's <c>classification_report</c> computes and lays them out.
/// </summary>
/// <remarks>
/// <para>
/// Every class of the confusion matrix is reported, also one that never occurs and is never
/// predicted (as scikit-learn with <c>labels=range(K)</c>). For class k with TP true positives, FP
/// false positives and FN false negatives: precision = TP / (TP + FP), recall = TP / (TP + FN),
/// F1 = 2·TP / (2·TP + FP + FN). A ratio whose denominator is 0 (a class never predicted, a class
/// with no rows) is defined as 0, as scikit-learn's <c>zero_division=0</c>.
/// </para>
/// <para>
/// The macro average is the unweighted mean over the classes; the weighted average weights each
/// class by its support; both report the total number of rows as their support. Every value is a
/// ratio of counts computed in double precision.
/// </para>
/// </remarks>
public sealed class ClassificationReport
{
    private readonly ClassScores[] _classes;
    private readonly string[] _names;

    /// <summary>The report of the counts in <paramref name="matrix"/>, with its class names.</summary>
    /// <param name="matrix">Counts of (actual, predicted) classes, at least one row counted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="ArgumentException">The matrix is empty.</exception>
    public ClassificationReport(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Total == 0)
        {
            throw new ArgumentException("The confusion matrix is empty: a report needs at least one counted row.", nameof(matrix));
        }

        int k = matrix.Classes;
        _names = (string[])matrix.ClassNames.Clone();
        _classes = new ClassScores[k];
        int correct = 0;
        double macroP = 0, macroR = 0, macroF = 0, weightedP = 0, weightedR = 0, weightedF = 0;
        for (int c = 0; c < k; c++)
        {
            int truePositives = matrix[c, c];
            int predicted = 0;
            int actual = 0;
            for (int j = 0; j < k; j++)
            {
                predicted += matrix[j, c];
                actual += matrix[c, j];
            }

            int falsePositives = predicted - truePositives;
            int falseNegatives = actual - truePositives;
            var scores = new ClassScores(
                Ratio(truePositives, predicted),
                Ratio(truePositives, actual),
                Ratio(2L * truePositives, 2L * truePositives + falsePositives + falseNegatives),
                actual);
            _classes[c] = scores;
            correct += truePositives;
            macroP += scores.Precision;
            macroR += scores.Recall;
            macroF += scores.F1;
            weightedP += scores.Precision * actual;
            weightedR += scores.Recall * actual;
            weightedF += scores.F1 * actual;
        }

        Total = matrix.Total;
        Accuracy = (double)correct / Total;
        MacroAverage = new ClassScores(macroP / k, macroR / k, macroF / k, Total);
        WeightedAverage = new ClassScores(weightedP / Total, weightedR / Total, weightedF / Total, Total);
    }

    /// <summary>The report of pairs of actual and predicted class indices.</summary>
    /// <param name="actual">The true class of each row, in [0, classes).</param>
    /// <param name="predicted">The predicted class of each row, in [0, classes); as many as <paramref name="actual"/>.</param>
    /// <param name="classes">The number of classes, at least 2.</param>
    /// <param name="classNames">A name per class for <see cref="ToString()"/>, or null to number them.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or are empty, or the number of names is not <paramref name="classes"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classes"/> is less than 2, or a class index is out of range.</exception>
    public static ClassificationReport FromLabels(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classes, string[]? classNames = null)
    {
        if (actual.Length != predicted.Length || actual.IsEmpty)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Expected as many predicted classes as actual ones, at least one; got {actual.Length} actual and {predicted.Length} predicted."), nameof(predicted));
        }

        var matrix = new ConfusionMatrix(classes, classNames);
        for (int i = 0; i < actual.Length; i++)
        {
            matrix.Add(actual[i], predicted[i]);
        }

        return new ClassificationReport(matrix);
    }

    /// <summary>The number of classes.</summary>
    public int Classes => _classes.Length;

    /// <summary>The class names used in <see cref="ToString()"/> (the confusion matrix's names).</summary>
    public IReadOnlyList<string> ClassNames => _names;

    /// <summary>The scores of each class, in class order.</summary>
    public IReadOnlyList<ClassScores> PerClass => _classes;

    /// <summary>The scores of class <paramref name="k"/>.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="k"/> is not in [0, <see cref="Classes"/>).</exception>
    public ClassScores this[int k] => _classes[k];

    /// <summary>The number of rows counted.</summary>
    public int Total { get; }

    /// <summary>The fraction of rows predicted correctly.</summary>
    public double Accuracy { get; }

    /// <summary>The unweighted mean of each class's precision, recall and F1 (support: every row).</summary>
    public ClassScores MacroAverage { get; }

    /// <summary>The mean of each class's precision, recall and F1 weighted by its support (support: every row).</summary>
    public ClassScores WeightedAverage { get; }

    /// <summary>The report as text with two decimals, laid out as scikit-learn's <c>classification_report</c>.</summary>
    public override string ToString() => ToString(2);

    /// <summary>
    /// The report as text, laid out as scikit-learn's <c>classification_report</c>: a row per class
    /// (precision, recall, f1-score, support), then accuracy, macro avg and weighted avg. Values are
    /// rounded to <paramref name="digits"/> decimals as Python formats them (the exact binary value,
    /// ties to even: 0.125 → "0.12").
    /// </summary>
    /// <param name="digits">Decimals per value, 0 to 15.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="digits"/> is outside 0..15.</exception>
    public string ToString(int digits)
    {
        if ((uint)digits > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(digits), digits, "digits must be in 0..15 (the decimals of each value).");
        }

        const string LongestHeading = "weighted avg";
        int width = Math.Max(LongestHeading.Length, digits);
        foreach (string name in _names)
        {
            width = Math.Max(width, name.Length);
        }

        var text = new StringBuilder();
        text.Append(string.Empty.PadLeft(width)).Append(' ');
        foreach (string header in new[] { "precision", "recall", "f1-score", "support" })
        {
            text.Append(' ').Append(header.PadLeft(9));
        }

        text.Append("\n\n");
        for (int k = 0; k < _classes.Length; k++)
        {
            AppendRow(text, _names[k], _classes[k], width, digits);
        }

        text.Append('\n');
        text.Append("accuracy".PadLeft(width)).Append(' ')
            .Append(' ').Append(string.Empty.PadLeft(9))
            .Append(' ').Append(string.Empty.PadLeft(9))
            .Append(' ').Append(FormatFixed(Accuracy, digits).PadLeft(9))
            .Append(' ').Append(Total.ToString(CultureInfo.InvariantCulture).PadLeft(9)).Append('\n');
        AppendRow(text, "macro avg", MacroAverage, width, digits);
        AppendRow(text, LongestHeading, WeightedAverage, width, digits);
        return text.ToString();
    }

    /// <summary>
    /// <paramref name="value"/> (finite, zero or positive) with <paramref name="digits"/> decimals,
    /// rounded from its exact binary value to the nearest, ties to even, as Python's
    /// <c>format(value, '.2f')</c> does.
    /// </summary>
    internal static string FormatFixed(double value, int digits)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int biased = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (biased == 0)
        {
            biased = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        int exponent = biased - 1075; // value = mantissa × 2^exponent
        BigInteger scaled = mantissa * BigInteger.Pow(10, digits);
        BigInteger quotient;
        if (exponent >= 0)
        {
            quotient = scaled << exponent;
        }
        else
        {
            BigInteger denominator = BigInteger.One << -exponent;
            quotient = BigInteger.DivRem(scaled, denominator, out BigInteger remainder);
            int half = (remainder * 2).CompareTo(denominator);
            if (half > 0 || (half == 0 && !quotient.IsEven))
            {
                quotient += 1;
            }
        }

        string number = quotient.ToString(CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
        return digits == 0 ? number : string.Concat(number.AsSpan(0, number.Length - digits), ".", number.AsSpan(number.Length - digits));
    }

    private static void AppendRow(StringBuilder text, string heading, ClassScores scores, int width, int digits)
    {
        text.Append(heading.PadLeft(width)).Append(' ')
            .Append(' ').Append(FormatFixed(scores.Precision, digits).PadLeft(9))
            .Append(' ').Append(FormatFixed(scores.Recall, digits).PadLeft(9))
            .Append(' ').Append(FormatFixed(scores.F1, digits).PadLeft(9))
            .Append(' ').Append(scores.Support.ToString(CultureInfo.InvariantCulture).PadLeft(9)).Append('\n');
    }

    // zero_division = 0: a ratio with nothing to divide by is 0.
    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
