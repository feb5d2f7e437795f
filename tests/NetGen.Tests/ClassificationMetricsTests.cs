using System;
using NetGen.Data;
using NetGen.Metrics;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Precision, recall, F1, the classification report, log loss and ROC AUC, against values computed by
/// hand in the comments. Where a constant comes from scikit-learn (1.2.1, run offline; CI has no
/// scikit-learn), the script that printed it is in the comment.
/// </summary>
public class ClassificationMetricsTests
{
    // actual [0, 1, 2, 2, 2], predicted [0, 0, 2, 2, 1]
    //   class 0: TP 1, predicted 2, actual 1 → P 1/2, R 1,   F1 2·1/(2·1 + 1 + 0) = 2/3
    //   class 1: TP 0, predicted 1, actual 1 → P 0,   R 0,   F1 0/(0 + 1 + 1)     = 0
    //   class 2: TP 2, predicted 2, actual 3 → P 1,   R 2/3, F1 4/(4 + 0 + 1)     = 4/5
    //   accuracy 3/5; macro P (1/2 + 0 + 1)/3 = 1/2, R (1 + 0 + 2/3)/3 = 5/9, F1 (2/3 + 0 + 4/5)/3 = 22/45;
    //   weighted P (1/2·1 + 0·1 + 1·3)/5 = 7/10, R (1 + 0 + 2)/5 = 3/5, F1 (2/3 + 0 + 12/5)/5 = 46/75.
    private static readonly int[] Actual = { 0, 1, 2, 2, 2 };
    private static readonly int[] Predicted = { 0, 0, 2, 2, 1 };

    [Fact]
    public void PerClassScoresAndAveragesByHand()
    {
        ClassificationReport report = ClassificationReport.FromLabels(Actual, Predicted, 3);
        Assert.Equal(new ClassScores(1.0 / 2, 1, 2.0 / 3, 1), report[0]);
        Assert.Equal(new ClassScores(0, 0, 0, 1), report[1]);
        Assert.Equal(new ClassScores(1, 2.0 / 3, 4.0 / 5, 3), report[2]);
        Assert.Equal(3.0 / 5, report.Accuracy);
        Assert.Equal(5, report.Total);
        AssertScores(new ClassScores(1.0 / 2, 5.0 / 9, 22.0 / 45, 5), report.MacroAverage);
        AssertScores(new ClassScores(7.0 / 10, 3.0 / 5, 46.0 / 75, 5), report.WeightedAverage);
    }

    [Fact]
    public void ReportTextIsLaidOutAsScikitLearns()
    {
        // python3 -c "from sklearn.metrics import classification_report as r; print(repr(r([0,1,2,2,2],[0,0,2,2,1])))"
        const string Expected =
            "              precision    recall  f1-score   support\n\n" +
            "           0       0.50      1.00      0.67         1\n" +
            "           1       0.00      0.00      0.00         1\n" +
            "           2       1.00      0.67      0.80         3\n\n" +
            "    accuracy                           0.60         5\n" +
            "   macro avg       0.50      0.56      0.49         5\n" +
            "weighted avg       0.70      0.60      0.61         5\n";
        Assert.Equal(Expected, ClassificationReport.FromLabels(Actual, Predicted, 3).ToString());
    }

    [Fact]
    public void ReportRoundsTiesToEvenWithNamesAndDigits()
    {
        // 8 of class 0 (one predicted right) and 8 of class 1 (all right): recall of class 0 is 1/8 = 0.125
        // and the accuracy 9/16 = 0.5625, exact binary ties that Python rounds to even (0.12, 0.562).
        // python3 -c "from sklearn.metrics import classification_report as r; yt=[0]*8+[1]*8; yp=[0]+[1]*15;
        //   print(repr(r(yt,yp,target_names=['setosa','a-very-long-class-name'],digits=3))); print(repr(r(yt,yp)))"
        int[] actual = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1 };
        int[] predicted = { 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
        const string Named =
            "                        precision    recall  f1-score   support\n\n" +
            "                setosa      1.000     0.125     0.222         8\n" +
            "a-very-long-class-name      0.533     1.000     0.696         8\n\n" +
            "              accuracy                          0.562        16\n" +
            "             macro avg      0.767     0.562     0.459        16\n" +
            "          weighted avg      0.767     0.562     0.459        16\n";
        const string Numbered =
            "              precision    recall  f1-score   support\n\n" +
            "           0       1.00      0.12      0.22         8\n" +
            "           1       0.53      1.00      0.70         8\n\n" +
            "    accuracy                           0.56        16\n" +
            "   macro avg       0.77      0.56      0.46        16\n" +
            "weighted avg       0.77      0.56      0.46        16\n";
        Assert.Equal(Named, ClassificationReport.FromLabels(actual, predicted, 2, new[] { "setosa", "a-very-long-class-name" }).ToString(3));
        Assert.Equal(Numbered, ClassificationReport.FromLabels(actual, predicted, 2).ToString());
    }

    [Fact]
    public void ZeroDivisionIsZero()
    {
        // actual [0, 0, 1, 1, 2, 0], predicted [0, 0, 0, 1, 1, 3], four classes:
        //   class 0: TP 2, predicted 3, actual 3 → P 2/3, R 2/3, F1 4/(4 + 1 + 1) = 2/3
        //   class 1: TP 1, predicted 2, actual 2 → P 1/2, R 1/2, F1 2/(2 + 1 + 1) = 1/2
        //   class 2: never predicted → P 0/0 := 0; R 0/1 = 0; F1 0/(0 + 0 + 1) = 0
        //   class 3: no rows → P 0/1 = 0; R 0/0 := 0; F1 0/(0 + 1 + 0) = 0
        //   macro P = (2/3 + 1/2)/4 = 7/24; weighted P = (2/3·3 + 1/2·2 + 0 + 0)/6 = 1/2.
        // python3 -c "from sklearn.metrics import classification_report as r;
        //   print(repr(r([0,0,1,1,2,0],[0,0,0,1,1,3],labels=[0,1,2,3],zero_division=0)))"
        ClassificationReport report = ClassificationReport.FromLabels(new[] { 0, 0, 1, 1, 2, 0 }, new[] { 0, 0, 0, 1, 1, 3 }, 4);
        Assert.Equal(new ClassScores(0, 0, 0, 1), report[2]);
        Assert.Equal(new ClassScores(0, 0, 0, 0), report[3]);
        AssertScores(new ClassScores(7.0 / 24, 7.0 / 24, 7.0 / 24, 6), report.MacroAverage);
        AssertScores(new ClassScores(1.0 / 2, 1.0 / 2, 1.0 / 2, 6), report.WeightedAverage);
        const string Expected =
            "              precision    recall  f1-score   support\n\n" +
            "           0       0.67      0.67      0.67         3\n" +
            "           1       0.50      0.50      0.50         2\n" +
            "           2       0.00      0.00      0.00         1\n" +
            "           3       0.00      0.00      0.00         0\n\n" +
            "    accuracy                           0.50         6\n" +
            "   macro avg       0.29      0.29      0.29         6\n" +
            "weighted avg       0.50      0.50      0.50         6\n";
        Assert.Equal(Expected, report.ToString());
    }

    [Theory]
    [InlineData(0.125, 2, "0.12")]
    [InlineData(0.375, 2, "0.38")]
    [InlineData(0.5625, 3, "0.562")]
    [InlineData(2.0 / 3, 2, "0.67")]
    [InlineData(0.0, 2, "0.00")]
    [InlineData(1.0, 0, "1")]
    [InlineData(2.5, 0, "2")]
    [InlineData(0.285, 2, "0.28")]  // 0.285 is 0.28499999999999998… in binary: Python prints 0.28
    [InlineData(1.0, 4, "1.0000")]
    public void FixedFormatRoundsTheExactValueTiesToEven(double value, int digits, string expected) =>
        Assert.Equal(expected, ClassificationReport.FormatFixed(value, digits));

    [Fact]
    public void LogLossByHand()
    {
        // scikit-learn's documented example: labels spam = 1, ham = 0; loss = −(ln .9 + ln .9 + ln .8 + ln .65)/4
        // with the float values of .9, .8, .65 (0.216161893370711…).
        // Cross-check: python3 -c "import numpy as np; p=np.array([[.1,.9],[.9,.1],[.8,.2],[.35,.65]],dtype=np.float32).astype(np.float64);
        //   print(repr(-np.mean(np.log([p[0,1],p[1,0],p[2,0],p[3,1]]))))"  → 0.21616189337071118
        // (scikit-learn 1.2.1's log_loss on the same rows gives 0.21616187846954976: it renormalises each
        // row, and the float rows sum to 1 only within 3e-8; 1.5 and later no longer renormalise.)
        float[] probabilities = { 0.1f, 0.9f, 0.9f, 0.1f, 0.8f, 0.2f, 0.35f, 0.65f };
        int[] labels = { 1, 0, 0, 1 };
        double expected = -(Math.Log(0.9f) + Math.Log(0.9f) + Math.Log(0.8f) + Math.Log(0.65f)) / 4;
        Assert.Equal(expected, Classification.LogLoss(probabilities, labels), 15);
        Assert.Equal(0.21616189337071118, Classification.LogLoss(probabilities, labels), 15);
        Assert.Equal(0.21616187846954976, Classification.LogLoss(probabilities, labels), 7);
    }

    [Fact]
    public void LogLossClipsZeroAndOne()
    {
        // One sigmoid output: p(class 1). Row 0: p = 0 for class 1 → clipped to ε = 2⁻²³: −ln ε = 23 ln 2.
        // Row 1: p = 1 for class 1 → 1 − ε: −ln(1 − ε). Row 2: p = 0.5 for class 0 → 1 − 0.5: ln 2.
        // python3 -c "from sklearn.metrics import log_loss; print(repr(log_loss([1,1,0],[0,1,0.5],eps=2**-23)))"
        //   → 5.545177484215994
        double epsilon = Math.Pow(2, -23);
        Assert.Equal(Classification.ProbabilityEpsilon, epsilon);
        double expected = ((23 * Math.Log(2)) - Math.Log(1 - epsilon) + Math.Log(2)) / 3;
        double loss = Classification.LogLoss(new[] { 0f, 1f, 0.5f }, new[] { 1, 1, 0 });
        Assert.Equal(expected, loss, 14);
        Assert.Equal(5.545177484215994, loss, 14);

        // Class probabilities of 0 are clipped the same way: a certain wrong answer costs 23 ln 2.
        Assert.Equal(23 * Math.Log(2), Classification.LogLoss(new[] { 1f, 0f }, new[] { 1 }), 14);
    }

    [Fact]
    public void LogLossRefusesRowsThatAreNotProbabilities()
    {
        ArgumentException sum = Assert.Throws<ArgumentException>(() => Classification.LogLoss(new[] { 0.5f, 0.5f, 0.2f, 0.3f }, new[] { 0, 1 }));
        Assert.Contains("row 1 sum to 0.5", sum.Message, StringComparison.Ordinal);
        Assert.Contains("softmax", sum.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Classification.LogLoss(new[] { 1.5f }, new[] { 1 }));
        Assert.Throws<ArgumentException>(() => Classification.LogLoss(new[] { float.NaN }, new[] { 1 }));
        Assert.Throws<ArgumentException>(() => Classification.LogLoss(new[] { -0.5f, 1.5f }, new[] { 1 }));
        // Float rounding of a softmax (a sum off by a few units in the last place) is accepted.
        Assert.Equal(-Math.Log(0.7f), Classification.LogLoss(new[] { 0.3000001f, 0.7f }, new[] { 1 }), 15);
    }

    [Fact]
    public void RocAucByHand()
    {
        // scikit-learn's documented example: positives score 0.35 and 0.8, negatives 0.1 and 0.4;
        // 0.35 beats 0.1 only, 0.8 beats both: 3 of 4 pairs.
        Assert.Equal(0.75, Classification.RocAuc(new[] { 0.1f, 0.4f, 0.35f, 0.8f }, new[] { 0, 0, 1, 1 }));

        // Ties count one half: positives 0.5 and 0.9, negatives 0.5, 0.5, 0.1. The 0.5 positive beats
        // 0.1 (1) and ties twice (2 × 1/2); 0.9 beats all three (3). U = 5 of 2 × 3 = 6 pairs.
        // python3 -c "from sklearn.metrics import roc_auc_score as a; print(repr(a([1,0,0,1,0],[0.5,0.5,0.5,0.9,0.1])))"
        //   → 0.8333333333333334
        Assert.Equal(5.0 / 6, Classification.RocAuc(new[] { 0.5f, 0.5f, 0.5f, 0.9f, 0.1f }, new[] { 1, 0, 0, 1, 0 }));

        // Two columns: the second is the score of class 1 (the same ranking as above).
        Assert.Equal(0.75, Classification.RocAuc(new[] { 0.9f, 0.1f, 0.6f, 0.4f, 0.65f, 0.35f, 0.2f, 0.8f }, new[] { 0, 0, 1, 1 }));

        // Only the order matters: a perfect ranking is 1, the reversed one 0, all equal 1/2.
        Assert.Equal(1.0, Classification.RocAuc(new[] { -3f, 7f }, new[] { 0, 1 }));
        Assert.Equal(0.0, Classification.RocAuc(new[] { 7f, -3f }, new[] { 0, 1 }));
        Assert.Equal(0.5, Classification.RocAuc(new[] { 1f, 1f, 1f }, new[] { 0, 1, 1 }));
        Assert.Equal(0.5, Classification.RocAuc(new[] { -0f, 0f }, new[] { 0, 1 }));   // −0 = 0: a tie
    }

    [Fact]
    public void RocAucOneVsRestMacro()
    {
        // Column 0 (class 0 = rows 0, 3): 0.6 beats all 4 negatives; 0.3 beats 0.2, 0.1 and ties 0.3 → 6.5/8.
        // Column 1 (class 1 = rows 1, 4): 0.5 beats all 4; 0.3 beats 0.2 and ties 0.3 twice → 6/8.
        // Column 2 (class 2 = rows 2, 5): 0.7 and 0.4 beat all 4 → 8/8.
        // Macro = (13/16 + 3/4 + 1)/3 = 41/48.
        // python3 -c "import numpy as np; from sklearn.metrics import roc_auc_score as a; s=np.array([[.6,.3,.1],[.2,.5,.3],
        //   [.1,.2,.7],[.3,.4,.3],[.5,.3,.2],[.3,.3,.4]],dtype=np.float32); print(repr(a([0,1,2,0,1,2],s,multi_class='ovr')))"
        //   → 0.8541666666666666
        float[] scores =
        {
            0.6f, 0.3f, 0.1f,
            0.2f, 0.5f, 0.3f,
            0.1f, 0.2f, 0.7f,
            0.3f, 0.4f, 0.3f,
            0.5f, 0.3f, 0.2f,
            0.3f, 0.3f, 0.4f,
        };
        double auc = Classification.RocAuc(scores, new[] { 0, 1, 2, 0, 1, 2 });
        Assert.Equal(41.0 / 48, auc, 15);
        Assert.Equal(0.8541666666666666, auc, 15);
    }

    [Fact]
    public void RocAucIsUndefinedForOneClass()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => Classification.RocAuc(new[] { 0.2f, 0.8f }, new[] { 1, 1 }));
        Assert.Contains("undefined", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Classification.RocAuc(new[] { 0.2f, 0.3f, 0.5f, 0.2f, 0.3f, 0.5f }, new[] { 0, 1 })); // no class 2
        Assert.Throws<ArgumentException>(() => Classification.RocAuc(new[] { float.NaN, 0.8f }, new[] { 0, 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Classification.RocAuc(new[] { 0.2f, 0.8f }, new[] { 0, 2 }));
    }

    [Fact]
    public void ArgumentsAreChecked()
    {
        Assert.Throws<ArgumentException>(() => Classification.LogLoss(new float[3], new int[2]));
        Assert.Throws<ArgumentException>(() => Classification.LogLoss(ReadOnlySpan<float>.Empty, ReadOnlySpan<int>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => Classification.LogLoss(new[] { 0.5f, 0.5f }, new[] { 2 }));
        Assert.Throws<ArgumentException>(() => ClassificationReport.FromLabels(new[] { 0, 1 }, new[] { 0 }, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationReport.FromLabels(new[] { 0, 3 }, new[] { 0, 1 }, 2));
        Assert.Throws<ArgumentException>(() => new ClassificationReport(new ConfusionMatrix(2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationReport.FromLabels(Actual, Predicted, 3).ToString(16));
        Assert.Throws<ArgumentException>(() => Classification.ClassesOf(new float[5], 2));
        Assert.Throws<ArgumentNullException>(() => Classification.Report(null!, Data()));
        Assert.Throws<ArgumentException>(() => Classification.LogLoss(Identity(), new DataSet(new float[3], new float[3], 1, 3, 3)));
    }

    [Fact]
    public void NetworkOnADataSet()
    {
        // The identity network outputs its input: outputs are the rows below exactly.
        //   rows: [0.9, 0.1] class 0, [0.2, 0.8] class 1, [0.6, 0.4] class 1, [0.3, 0.7] class 0.
        // Predicted 0, 1, 0, 1: class 0 P 1/2 R 1/2, class 1 P 1/2 R 1/2; accuracy 1/2.
        // Log loss = −(ln 0.9 + ln 0.8 + ln 0.4 + ln 0.3)/4. AUC by column 1: positives 0.8, 0.4;
        // negatives 0.1, 0.7: 0.8 beats both, 0.4 beats 0.1 → 3/4.
        DataSet data = Data();
        INeuralNetwork network = Identity();
        ClassificationReport report = Classification.Report(network, data);
        Assert.Equal(new[] { "no", "yes" }, report.ClassNames);
        Assert.Equal(new ClassScores(0.5, 0.5, 0.5, 2), report[0]);
        Assert.Equal(0.5, report.Accuracy);
        Assert.StartsWith("              precision    recall  f1-score   support\n\n          no       0.50", report.ToString(), StringComparison.Ordinal);
        double expected = -(Math.Log(0.9f) + Math.Log(0.8f) + Math.Log(0.4f) + Math.Log(0.3f)) / 4;
        Assert.Equal(expected, Classification.LogLoss(network, data), 15);
        Assert.Equal(0.75, Classification.RocAuc(network, data));
        Assert.Equal(0.75, Classification.RocAuc(network, data.Features, data.Targets, data.Count));
        Assert.Equal(report.ToString(), Classification.Report(network, data.Features, data.Targets, 4, new[] { "no", "yes" }).ToString());
        Assert.Equal(new[] { 0, 1, 1, 0 }, Classification.ClassesOf(data.Targets, 2));
    }

    private static DataSet Data() =>
        new(new[] { 0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f, 0.3f, 0.7f }, new[] { 1f, 0, 0, 1, 0, 1, 1, 0 }, 4, 2, 2, new[] { "no", "yes" });

    private static INeuralNetwork Identity()
    {
        var network = new TrainerNets.Identity2();
        network.Parameters.Clear();
        network.Parameters[0] = 1; // W[0,0]
        network.Parameters[3] = 1; // W[1,1]: output = input
        return network;
    }

    private static void AssertScores(ClassScores expected, ClassScores actual)
    {
        Assert.Equal(expected.Precision, actual.Precision, 15);
        Assert.Equal(expected.Recall, actual.Recall, 15);
        Assert.Equal(expected.F1, actual.F1, 15);
        Assert.Equal(expected.Support, actual.Support);
    }
}
