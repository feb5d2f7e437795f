using System;
using System.Globalization;
using NetGen.Data;

namespace NetGen.Metrics;

// The metrics scikit-learn users report: the classification report (precision, recall, F1 per class),
// log loss and ROC AUC, from a network and rows, or from outputs and class indices.
public static partial class Classification
{
    /// <summary>
    /// The clipping bound of <see cref="LogLoss(ReadOnlySpan{float}, ReadOnlySpan{int})"/>: the
    /// machine epsilon of float, 2⁻²³ ≈ 1.19e-7, which is what scikit-learn's <c>log_loss</c> uses for
    /// float32 probabilities (<c>np.finfo(np.float32).eps</c>).
    /// </summary>
    public const double ProbabilityEpsilon = 1.0 / (1 << 23);

    /// <summary>
    /// How far a probability may lie outside [0, 1], and a row of probabilities' sum from 1, before
    /// <see cref="LogLoss(ReadOnlySpan{float}, ReadOnlySpan{int})"/> refuses it as not probabilities
    /// (float softmax outputs sum to 1 within a few units in the last place).
    /// </summary>
    public const double ProbabilityTolerance = 1e-3;

    /// <summary>
    /// The class of each row of <paramref name="rows"/> (network outputs or one-hot targets), as
    /// <see cref="PredictedClass"/>: the index of the largest value (the first on ties), or for rows
    /// of one value, 1 when it is ≥ 0.5.
    /// </summary>
    /// <param name="rows">Rows of <paramref name="width"/> values, row-major.</param>
    /// <param name="width">The number of values per row, at least 1.</param>
    /// <returns>One class index per row.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The length of <paramref name="rows"/> is not a multiple of <paramref name="width"/>.</exception>
    public static int[] ClassesOf(ReadOnlySpan<float> rows, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (rows.Length % width != 0)
        {
            throw new ArgumentException(Invariant($"Expected whole rows of width {width}, but the span holds {rows.Length} values."), nameof(rows));
        }

        var classes = new int[rows.Length / width];
        for (int i = 0; i < classes.Length; i++)
        {
            classes[i] = PredictedClass(rows.Slice(i * width, width));
        }

        return classes;
    }

    /// <summary>
    /// The classification report (precision, recall, F1 and support per class, macro and weighted
    /// averages, accuracy) of the network's predictions on the rows of <paramref name="data"/>, with
    /// its <see cref="DataSet.ClassNames"/> when there is one per class.
    /// </summary>
    /// <param name="network">The network to run.</param>
    /// <param name="data">Rows of the network's widths (FeatureCount = InputSize, TargetCount = OutputSize).</param>
    /// <returns>The report; <see cref="ClassificationReport.ToString()"/> lays it out as scikit-learn does.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The data set's widths are not the network's, or it has no rows.</exception>
    public static ClassificationReport Report(INeuralNetwork network, DataSet data) => new(Confusion(network, data));

    /// <summary>The classification report of the network's predictions on <paramref name="count"/> rows.</summary>
    /// <param name="network">The network to run.</param>
    /// <param name="features">Exactly count × InputSize values, row-major.</param>
    /// <param name="targets">Exactly count × OutputSize values, row-major (one-hot, or 0/1 for one output).</param>
    /// <param name="count">The number of rows, at least 1.</param>
    /// <param name="classNames">A name per class (max(2, OutputSize) of them), or null to number them.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">A span does not hold exactly <paramref name="count"/> rows of the network's width.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static ClassificationReport Report(INeuralNetwork network, ReadOnlySpan<float> features, ReadOnlySpan<float> targets, int count, string[]? classNames = null) =>
        new(Confusion(network, features, targets, count, classNames));

    /// <summary>
    /// The log loss (cross-entropy) of the network's outputs on the rows of <paramref name="data"/>;
    /// see <see cref="LogLoss(ReadOnlySpan{float}, ReadOnlySpan{int})"/> for the definition. The
    /// outputs must be probabilities: a softmax output layer, or one sigmoid output.
    /// </summary>
    /// <param name="network">The network to run.</param>
    /// <param name="data">Rows of the network's widths; the class of a row is its largest target (one output: target ≥ 0.5).</param>
    /// <returns>The mean over rows of −ln p(true class), natural logarithm.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The data set's widths are not the network's, it has no rows, or an output row is not probabilities.</exception>
    public static double LogLoss(INeuralNetwork network, DataSet data)
    {
        ArgumentNullException.ThrowIfNull(network);
        Shapes.CheckDataSet(network, data, nameof(data));
        return LogLoss(network, data.Features, data.Targets, data.Count);
    }

    /// <summary>The log loss of the network's outputs on <paramref name="count"/> rows (see <see cref="LogLoss(INeuralNetwork, DataSet)"/>).</summary>
    /// <param name="network">The network to run.</param>
    /// <param name="features">Exactly count × InputSize values, row-major.</param>
    /// <param name="targets">Exactly count × OutputSize values, row-major (one-hot, or 0/1 for one output).</param>
    /// <param name="count">The number of rows, at least 1.</param>
    /// <returns>The mean over rows of −ln p(true class).</returns>
    /// <exception cref="ArgumentException">A span does not hold exactly <paramref name="count"/> rows of the network's width, or an output row is not probabilities.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static double LogLoss(INeuralNetwork network, ReadOnlySpan<float> features, ReadOnlySpan<float> targets, int count)
    {
        float[] outputs = Outputs(network, features, targets, count);
        return LogLoss(outputs, ClassesOf(targets, network.OutputSize));
    }

    /// <summary>
    /// The log loss: the mean over rows of −ln p, p the probability given to the row's true class
    /// (natural logarithm), as scikit-learn's <c>log_loss</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Rows of one value hold the probability of class 1 (a sigmoid output): p is that value for a
    /// row of class 1 and 1 − that value for class 0. Rows of K ≥ 2 values hold the probability of
    /// each class (a softmax output).
    /// </para>
    /// <para>
    /// Probabilities of 0 and 1 make the loss infinite, so each probability is first clipped to
    /// [ε, 1 − ε] with ε = <see cref="ProbabilityEpsilon"/> (2⁻²³, float's machine epsilon, as
    /// scikit-learn for float32): a wrong answer given with certainty costs −ln ε ≈ 15.94. Rows are
    /// not renormalised (scikit-learn 1.5 and later do not either): a value outside [0, 1], NaN, or
    /// a row of K ≥ 2 values whose sum is not within <see cref="ProbabilityTolerance"/> of 1 throws
    /// <see cref="ArgumentException"/> naming the row, since the loss of such a row means nothing.
    /// Sums are taken in double precision.
    /// </para>
    /// </remarks>
    /// <param name="probabilities">One row of probabilities per label, row-major.</param>
    /// <param name="labels">The true class of each row: in [0, max(2, row width)).</param>
    /// <returns>The mean over rows of −ln p(true class).</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="labels"/> is empty, <paramref name="probabilities"/> is not whole rows, or a
    /// row is not probabilities.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is out of range.</exception>
    public static double LogLoss(ReadOnlySpan<float> probabilities, ReadOnlySpan<int> labels)
    {
        int width = RowWidth(probabilities.Length, labels.Length, nameof(probabilities), nameof(labels));
        CheckLabels(labels, Math.Max(2, width));
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<float> row = probabilities.Slice(i * width, width);
            double rowSum = 0;
            for (int j = 0; j < width; j++)
            {
                double value = row[j];
                if (!(value >= -ProbabilityTolerance && value <= 1 + ProbabilityTolerance))
                {
                    throw new ArgumentException(
                        Invariant($"Row {i} holds {row[j]} at position {j}, which is not a probability in [0, 1]. Log loss needs probabilities: a softmax output layer (or one sigmoid output)."),
                        nameof(probabilities));
                }

                rowSum += value;
            }

            if (width > 1 && Math.Abs(rowSum - 1) > ProbabilityTolerance)
            {
                throw new ArgumentException(
                    Invariant($"The probabilities of row {i} sum to {rowSum}, not 1. Log loss needs one probability per class that sum to 1: a softmax output layer (for independent sigmoid outputs, compute a binary log loss per output)."),
                    nameof(probabilities));
            }

            double p = width == 1
                ? (labels[i] == 1 ? Clip(row[0]) : 1 - Clip(row[0]))
                : Clip(row[labels[i]]);
            sum -= Math.Log(p);
        }

        return sum / labels.Length;
    }

    /// <summary>
    /// The area under the ROC curve of the network's outputs on the rows of <paramref name="data"/>;
    /// see <see cref="RocAuc(ReadOnlySpan{float}, ReadOnlySpan{int})"/>.
    /// </summary>
    /// <param name="network">The network to run.</param>
    /// <param name="data">Rows of the network's widths; the class of a row is its largest target (one output: target ≥ 0.5).</param>
    /// <returns>The AUC in [0, 1] (one-vs-rest macro average for more than two outputs).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The data set's widths are not the network's, it has no rows, a class has no rows, or an output is NaN.</exception>
    public static double RocAuc(INeuralNetwork network, DataSet data)
    {
        ArgumentNullException.ThrowIfNull(network);
        Shapes.CheckDataSet(network, data, nameof(data));
        return RocAuc(network, data.Features, data.Targets, data.Count);
    }

    /// <summary>The area under the ROC curve of the network's outputs on <paramref name="count"/> rows (see <see cref="RocAuc(ReadOnlySpan{float}, ReadOnlySpan{int})"/>).</summary>
    /// <param name="network">The network to run.</param>
    /// <param name="features">Exactly count × InputSize values, row-major.</param>
    /// <param name="targets">Exactly count × OutputSize values, row-major (one-hot, or 0/1 for one output).</param>
    /// <param name="count">The number of rows, at least 1.</param>
    /// <returns>The AUC in [0, 1].</returns>
    /// <exception cref="ArgumentException">A span does not hold exactly <paramref name="count"/> rows of the network's width, a class has no rows, or an output is NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static double RocAuc(INeuralNetwork network, ReadOnlySpan<float> features, ReadOnlySpan<float> targets, int count)
    {
        float[] outputs = Outputs(network, features, targets, count);
        return RocAuc(outputs, ClassesOf(targets, network.OutputSize));
    }

    /// <summary>
    /// The area under the ROC curve (ROC AUC), exactly: the probability that a random row of the
    /// positive class scores higher than a random row of the negative class, ties counting one half
    /// (the Mann–Whitney U statistic divided by n₊·n₋), as scikit-learn's <c>roc_auc_score</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Rows of one value are the score of class 1; rows of two values are class scores and the
    /// second (class 1) is used. Rows of K &gt; 2 values give the one-vs-rest macro average: the mean
    /// over classes k of the AUC of "class k" against "every other class" scored by column k (as
    /// scikit-learn's <c>multi_class='ovr', average='macro'</c>; the rows need not sum to 1 here).
    /// </para>
    /// <para>
    /// Only the order of the scores matters. U is counted as an integer number of halves over the
    /// rows sorted by score, so the result is the one rounding of 2U / (2·n₊·n₋): exact up to about
    /// 6·10⁷ rows. The AUC is undefined when a class has no rows: that throws.
    /// </para>
    /// </remarks>
    /// <param name="scores">One row of scores per label, row-major.</param>
    /// <param name="labels">The true class of each row: 0 or 1 for rows of one or two values, else in [0, K).</param>
    /// <returns>The AUC in [0, 1]: 1 ranks every positive above every negative, 0.5 is chance.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="labels"/> is empty, <paramref name="scores"/> is not whole rows, a score is NaN,
    /// or a class has no rows (the AUC is then undefined).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is out of range.</exception>
    public static double RocAuc(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels)
    {
        int width = RowWidth(scores.Length, labels.Length, nameof(scores), nameof(labels));
        CheckLabels(labels, Math.Max(2, width));
        for (int i = 0; i < scores.Length; i++)
        {
            if (float.IsNaN(scores[i]))
            {
                throw new ArgumentException(Invariant($"Row {i / width} has a NaN score at position {i % width}; scores must be numbers to be ranked."), nameof(scores));
            }
        }

        if (width <= 2)
        {
            return BinaryAuc(scores, labels, width, column: width - 1, positive: 1);
        }

        double total = 0;
        for (int k = 0; k < width; k++)
        {
            total += BinaryAuc(scores, labels, width, column: k, positive: k);
        }

        return total / width;
    }

    /// <summary>The Mann–Whitney AUC of "label = positive" against the rest, scored by column <paramref name="column"/>.</summary>
    private static double BinaryAuc(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels, int width, int column, int positive)
    {
        int n = labels.Length;
        var keys = new float[n];
        var isPositive = new bool[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = scores[(i * width) + column];
            isPositive[i] = labels[i] == positive;
        }

        Array.Sort(keys, isPositive);

        // Walk the groups of equal scores from the lowest: each positive in a group beats every
        // negative below it (2 halves each) and ties with every negative in its group (1 half each).
        long positives = 0;
        long negatives = 0;
        long halves = 0;
        for (int start = 0; start < n;)
        {
            long groupPositives = 0;
            long groupNegatives = 0;
            int end = start;
            while (end < n && keys[end] == keys[start])
            {
                if (isPositive[end])
                {
                    groupPositives++;
                }
                else
                {
                    groupNegatives++;
                }

                end++;
            }

            halves += (2 * groupPositives * negatives) + (groupPositives * groupNegatives);
            positives += groupPositives;
            negatives += groupNegatives;
            start = end;
        }

        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException(
                Invariant($"ROC AUC is undefined: class {positive} has {(positives == 0 ? "no rows" : "every row")} (scored by column {column}); it needs rows of both the class and the rest."),
                nameof(labels));
        }

        return halves / (2.0 * positives * negatives);
    }

    private static double Clip(float probability) => Math.Clamp(probability, ProbabilityEpsilon, 1 - ProbabilityEpsilon);

    private static float[] Outputs(INeuralNetwork network, ReadOnlySpan<float> features, ReadOnlySpan<float> targets, int count)
    {
        ArgumentNullException.ThrowIfNull(network);
        Shapes.CheckRows(network, features.Length, targets.Length, count, nameof(features), nameof(targets), nameof(count));
        int width = network.OutputSize;
        var outputs = new float[count * width];
        for (int i = 0; i < count; i++)
        {
            network.Predict(features.Slice(i * network.InputSize, network.InputSize), outputs.AsSpan(i * width, width));
        }

        return outputs;
    }

    private static int RowWidth(int valuesLength, int labelsLength, string valuesName, string labelsName)
    {
        if (labelsLength == 0)
        {
            throw new ArgumentException("Expected at least one label, but the span is empty.", labelsName);
        }

        if (valuesLength == 0 || valuesLength % labelsLength != 0)
        {
            throw new ArgumentException(
                Invariant($"Expected one row per label: {valuesName}.Length ({valuesLength}) must be a non-zero multiple of {labelsName}.Length ({labelsLength})."),
                valuesName);
        }

        return valuesLength / labelsLength;
    }

    private static void CheckLabels(ReadOnlySpan<int> labels, int classes)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i],
                    Invariant($"labels[{i}] is {labels[i]}; a label must be in [0, {classes}) for rows of this width."));
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
