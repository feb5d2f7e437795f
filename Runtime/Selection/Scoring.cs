using NetGen.Data;
using NetGen.Metrics;
using NetGen.Training;

namespace NetGen.Selection;

/// <summary>
/// Scores for <see cref="CrossValidation"/> and the searches: a trained network and held-out rows
/// in, a number out, where higher is better (so losses are negated, as scikit-learn's
/// <c>neg_log_loss</c>). Pass one as a delegate (<c>scoring: Scoring.NegativeLoss</c>) or write your
/// own <c>(net, test) =&gt; …</c>.
/// </summary>
public static class Scoring
{
    /// <summary>
    /// The score used when none is given, as scikit-learn's estimators' <c>score</c>: the
    /// <see cref="Accuracy"/> for networks trained with a classification loss (CrossEntropy,
    /// BinaryCrossEntropy), else <see cref="RSquared"/>.
    /// </summary>
    /// <param name="network">The trained network.</param>
    /// <param name="data">The held-out rows, of the network's widths.</param>
    /// <returns>The accuracy or R².</returns>
    public static double Default(ITrainableNetwork network, DataSet data) =>
        IsClassifier(network) ? Accuracy(network, data) : RSquared(network, data);

    /// <summary>The fraction of rows classified correctly (<see cref="Classification.Accuracy(INeuralNetwork, DataSet)"/>).</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="data">The held-out rows, of the network's widths.</param>
    /// <returns>The accuracy in [0, 1].</returns>
    public static double Accuracy(INeuralNetwork network, DataSet data) => Classification.Accuracy(network, data);

    /// <summary>The macro average of the per-class F1 scores (<see cref="ClassificationReport.MacroAverage"/>).</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="data">The held-out rows, of the network's widths.</param>
    /// <returns>The macro F1 in [0, 1].</returns>
    public static double MacroF1(INeuralNetwork network, DataSet data) => Classification.Report(network, data).MacroAverage.F1;

    /// <summary>The negated loss the network was declared with, over the rows (<see cref="Trainer.Evaluate(DataSet)"/>).</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="data">The held-out rows, of the network's widths.</param>
    /// <returns>−loss (NaN when the loss is).</returns>
    public static double NegativeLoss(ITrainableNetwork network, DataSet data) => -new Trainer(network).Evaluate(data).Loss;

    /// <summary>The negated log loss (<see cref="Classification.LogLoss(INeuralNetwork, DataSet)"/>).</summary>
    /// <param name="network">The trained network, with probability outputs.</param>
    /// <param name="data">The held-out rows, of the network's widths.</param>
    /// <returns>−log loss.</returns>
    public static double NegativeLogLoss(INeuralNetwork network, DataSet data) => -Classification.LogLoss(network, data);

    /// <summary>The area under the ROC curve (<see cref="Classification.RocAuc(INeuralNetwork, DataSet)"/>).</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="data">The held-out rows, of the network's widths, with rows of every class.</param>
    /// <returns>The AUC in [0, 1].</returns>
    public static double RocAuc(INeuralNetwork network, DataSet data) => Classification.RocAuc(network, data);

    /// <summary>The coefficient of determination R² (<see cref="Regression.RSquared"/>).</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="data">The held-out rows, of the network's widths.</param>
    /// <returns>R², 1 for a perfect fit.</returns>
    public static double RSquared(INeuralNetwork network, DataSet data) => Regression.Evaluate(network, data).RSquared;

    /// <summary>Whether the network is trained with a classification loss.</summary>
    internal static bool IsClassifier(ITrainableNetwork network) => network.Loss is Loss.CrossEntropy or Loss.BinaryCrossEntropy;
}
