using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Data;
using NetGen.Training;

namespace NetGen.Selection;

/// <summary>
/// k-fold cross-validation of any generated network: for each fold a fresh network from the
/// factory is trained by <see cref="Trainer"/> on the fold's training rows and scored on its test
/// rows. Sequential and deterministic: the same folds, factory, options and seed give the same
/// scores, bit for bit (on the same machine, as training itself; see docs/training.md).
/// </summary>
/// <example>
/// <code>
/// CrossValidationResult cv = CrossValidation.Run(() =&gt; new IrisNet(), data, new TrainerOptions { Epochs = 50, Seed = 1 }, folds: 5, seed: 1);
/// Console.WriteLine($"{cv.MeanScore:P1} ± {cv.ScoreStandardDeviation:P1}");
/// </code>
/// </example>
public static class CrossValidation
{
    /// <summary>
    /// Cross-validates over <paramref name="folds"/> folds made from <paramref name="seed"/>:
    /// stratified (<see cref="KFold.Stratified(DataSet, int, long, bool)"/>) for a network trained
    /// with a classification loss (CrossEntropy, BinaryCrossEntropy), plain
    /// (<see cref="KFold.Split"/>) otherwise, both shuffled, as scikit-learn's
    /// <c>cross_validate(..., cv=k)</c>.
    /// </summary>
    /// <typeparam name="TNet">The generated network class.</typeparam>
    /// <param name="create">Makes a fresh network; called once per fold.</param>
    /// <param name="data">Every row, of the network's widths.</param>
    /// <param name="options">How to train each fold (used as is for every fold, not changed), or null for the defaults.</param>
    /// <param name="folds">The number of folds, at least 2 and at most the number of rows.</param>
    /// <param name="seed">The seed of the folds' shuffle (the training shuffle is <see cref="TrainerOptions.Seed"/>).</param>
    /// <param name="scoring">The score of a trained network on the test rows, higher is better; null for <see cref="Scoring.Default"/>.</param>
    /// <returns>Each fold's score, loss and training history, and their mean and standard deviation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="create"/> or <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data set's widths are not the network's, or it has no rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is out of range.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="create"/> returned null.</exception>
    public static CrossValidationResult Run<TNet>(Func<TNet> create, DataSet data, TrainerOptions? options, int folds, long seed, Func<TNet, DataSet, double>? scoring = null)
        where TNet : class, ITrainableNetwork
    {
        ArgumentNullException.ThrowIfNull(create);
        TNet first = Create(create);
        Shapes.CheckDataSet(first, data, nameof(data));
        Fold[] splits = MakeFolds(first, data, folds, seed);
        TrainerOptions fixedOptions = options ?? new TrainerOptions();
        return Run(create, () => fixedOptions, data, splits, scoring, first);
    }

    /// <summary>Cross-validates over the given folds (from <see cref="KFold"/>, or your own).</summary>
    /// <typeparam name="TNet">The generated network class.</typeparam>
    /// <param name="create">Makes a fresh network; called once per fold.</param>
    /// <param name="data">Every row, of the network's widths.</param>
    /// <param name="options">How to train each fold (used as is for every fold, not changed), or null for the defaults.</param>
    /// <param name="folds">The folds: row indices of <paramref name="data"/>, each fold with training and test rows.</param>
    /// <param name="scoring">The score of a trained network on the test rows, higher is better; null for <see cref="Scoring.Default"/>.</param>
    /// <returns>Each fold's score, loss and training history, and their mean and standard deviation.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="options"/> and <paramref name="scoring"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// There are no folds, a fold has no training or no test rows, or the data set's widths are not the network's.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A fold names a row the data set does not have.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="create"/> returned null.</exception>
    public static CrossValidationResult Run<TNet>(Func<TNet> create, DataSet data, TrainerOptions? options, IReadOnlyList<Fold> folds, Func<TNet, DataSet, double>? scoring = null)
        where TNet : class, ITrainableNetwork
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(data);
        TrainerOptions fixedOptions = options ?? new TrainerOptions();
        return Run(create, () => fixedOptions, data, folds, scoring, first: null);
    }

    /// <summary>The folds <see cref="Run{TNet}(Func{TNet}, DataSet, TrainerOptions?, int, long, Func{TNet, DataSet, double}?)"/> makes.</summary>
    internal static Fold[] MakeFolds(ITrainableNetwork network, DataSet data, int folds, long seed) =>
        Scoring.IsClassifier(network) ? KFold.Stratified(data, folds, seed) : KFold.Split(data.Count, folds, seed);

    /// <summary>
    /// The loop every public entry point shares: per fold, a network from <paramref name="create"/>
    /// (or <paramref name="first"/> for fold 0) and options from <paramref name="options"/>.
    /// </summary>
    internal static CrossValidationResult Run<TNet>(Func<TNet> create, Func<TrainerOptions> options, DataSet data, IReadOnlyList<Fold> folds, Func<TNet, DataSet, double>? scoring, TNet? first)
        where TNet : class, ITrainableNetwork
    {
        ArgumentNullException.ThrowIfNull(folds);
        if (folds.Count == 0)
        {
            throw new ArgumentException("There are no folds; cross-validation needs at least one.", nameof(folds));
        }

        for (int f = 0; f < folds.Count; f++)
        {
            Fold fold = folds[f] ?? throw new ArgumentNullException(nameof(folds), Invariant($"folds[{f}] is null."));
            if (fold.Train.Length == 0 || fold.Test.Length == 0)
            {
                throw new ArgumentException(
                    Invariant($"Fold {f} has {fold.Train.Length} training and {fold.Test.Length} test rows; each needs at least one."), nameof(folds));
            }
        }

        var results = new FoldResult[folds.Count];
        for (int f = 0; f < folds.Count; f++)
        {
            Fold fold = folds[f];
            TNet network = f == 0 && first is not null ? first : Create(create);
            Shapes.CheckDataSet(network, data, nameof(data));
            DataSet train = data.Subset(fold.Train);
            DataSet test = data.Subset(fold.Test);
            var trainer = new Trainer(network, options());
            TrainingResult training;
            try
            {
                training = trainer.Fit(train);
            }
            catch (NonFiniteLossException diverged)
            {
                // As scikit-learn's error_score=nan: a diverged fit scores NaN and the others go on.
                results[f] = new FoldResult(fold.Index, double.NaN, float.NaN, null, train.Count, test.Count, null, diverged.Message);
                continue;
            }

            (float loss, float? accuracy) = trainer.Evaluate(test);
            double score = scoring is null ? Scoring.Default(network, test) : scoring(network, test);
            results[f] = new FoldResult(fold.Index, score, loss, accuracy, train.Count, test.Count, training, null);
        }

        return new CrossValidationResult(results);
    }

    internal static TNet Create<TNet>(Func<TNet> create)
        where TNet : class =>
        create() ?? throw new InvalidOperationException("The network factory returned null; it must return a new network each time it is called.");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What one fold of a cross-validation gave.</summary>
/// <param name="Fold">The fold's <see cref="Selection.Fold.Index"/>.</param>
/// <param name="Score">The score on the test rows (higher is better); NaN when training diverged.</param>
/// <param name="Loss">The loss on the test rows (<see cref="Trainer.Evaluate(DataSet)"/>); NaN when training diverged.</param>
/// <param name="Accuracy">The accuracy on the test rows for classification losses, else null.</param>
/// <param name="TrainCount">The number of training rows.</param>
/// <param name="TestCount">The number of test rows.</param>
/// <param name="Training">The training history, or null when training diverged.</param>
/// <param name="Failure">Why training stopped (the <see cref="NonFiniteLossException"/> message) when it diverged, else null.</param>
public sealed record FoldResult(int Fold, double Score, float Loss, float? Accuracy, int TrainCount, int TestCount, TrainingResult? Training, string? Failure)
{
    /// <summary>Whether training diverged (a NaN or infinite loss stopped it), so the fold has no score.</summary>
    public bool Diverged => Failure is not null;
}

/// <summary>The results of a cross-validation: every fold, and the mean and spread of their scores.</summary>
public sealed class CrossValidationResult
{
    /// <summary>Summarises the given folds.</summary>
    /// <param name="folds">The results of every fold, at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="folds"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="folds"/> is empty.</exception>
    public CrossValidationResult(IReadOnlyList<FoldResult> folds)
    {
        ArgumentNullException.ThrowIfNull(folds);
        if (folds.Count == 0)
        {
            throw new ArgumentException("Expected at least one fold.", nameof(folds));
        }

        Folds = folds;
        double sum = 0;
        double lossSum = 0;
        double accuracySum = 0;
        bool allAccuracies = true;
        foreach (FoldResult fold in folds)
        {
            sum += fold.Score;
            lossSum += fold.Loss;
            accuracySum += fold.Accuracy ?? 0;
            allAccuracies &= fold.Accuracy is not null;
        }

        MeanScore = sum / folds.Count;
        double squares = 0;
        foreach (FoldResult fold in folds)
        {
            double d = fold.Score - MeanScore;
            squares += d * d;
        }

        ScoreStandardDeviation = Math.Sqrt(squares / folds.Count);
        MeanLoss = lossSum / folds.Count;
        MeanAccuracy = allAccuracies ? accuracySum / folds.Count : null;
    }

    /// <summary>Every fold's result, in fold order.</summary>
    public IReadOnlyList<FoldResult> Folds { get; }

    /// <summary>The mean of the folds' scores (NaN when a fold diverged).</summary>
    public double MeanScore { get; }

    /// <summary>The standard deviation of the folds' scores, over the folds (divided by their number, as NumPy's <c>std</c> and scikit-learn's <c>std_test_score</c>).</summary>
    public double ScoreStandardDeviation { get; }

    /// <summary>The mean of the folds' test losses.</summary>
    public double MeanLoss { get; }

    /// <summary>The mean of the folds' test accuracies, for classification losses (null otherwise, or when a fold diverged).</summary>
    public double? MeanAccuracy { get; }

    /// <summary>"score mean ± std over k folds".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{MeanScore:F4} ± {ScoreStandardDeviation:F4} over {Folds.Count} folds");
}
