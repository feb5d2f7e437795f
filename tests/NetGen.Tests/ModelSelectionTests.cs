using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Data;
using NetGen.Samples;
using NetGen.Selection;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Stratified split, k-fold indices, cross-validation and grid/random search: exact counts, exact
/// partitions, determinism (bit-identical scores), and a real learning case on iris.
/// </summary>
public class ModelSelectionTests
{
    /// <summary>Iris, standardised (on all rows: these tests compare settings, not a final model).</summary>
    private static readonly DataSet Iris = LoadIris();

    private static TrainerOptions IrisOptions() => new() { Epochs = 30, Seed = 3 };

    [Theory]
    [InlineData(11, 3, true)]
    [InlineData(11, 3, false)]
    [InlineData(150, 5, true)]
    [InlineData(7, 7, true)]
    public void KFoldPartitionsTheRowsExactly(int count, int k, bool shuffle)
    {
        Fold[] folds = KFold.Split(count, k, seed: 42, shuffle);
        AssertPartition(folds, count);
        // Sizes n/k, the first n mod k one more: 11 in 3 → 4, 4, 3.
        Assert.Equal(Enumerable.Range(0, k).Select(f => (count / k) + (f < count % k ? 1 : 0)), folds.Select(f => f.Test.Length));
    }

    [Fact]
    public void KFoldWithoutShuffleCutsConsecutiveBlocks()
    {
        Fold[] folds = KFold.Split(11, 3, seed: 0, shuffle: false);
        Assert.Equal(new[] { 0, 1, 2, 3 }, folds[0].Test);
        Assert.Equal(new[] { 4, 5, 6, 7 }, folds[1].Test);
        Assert.Equal(new[] { 8, 9, 10 }, folds[2].Test);
        Assert.Equal(new[] { 0, 1, 2, 3, 8, 9, 10 }, folds[1].Train);
    }

    [Fact]
    public void StratifiedKFoldKeepsClassCountsExactly()
    {
        // 6 of class 0, 3 of class 1, 2 of class 2 (mixed order), 3 folds. Grouped by class, position
        // j goes to fold j mod 3: class 0 at 0–5 → 2 per fold; class 1 at 6–8 → 1 per fold; class 2
        // at 9, 10 → folds 0 and 1. Per fold [2 1 1], [2 1 1], [2 1 0]: sizes 4, 4, 3.
        // python3 -c "import numpy as np; from sklearn.model_selection import StratifiedKFold as S; y=np.array([0]*6+[1]*3+[2]*2);
        //   [print(np.bincount(y[te],minlength=3)) for tr,te in S(3,shuffle=True,random_state=0).split(y,y)]"  → the same counts
        int[] labels = { 1, 0, 0, 2, 0, 1, 0, 2, 0, 1, 0 };
        foreach (bool shuffle in new[] { true, false })
        {
            Fold[] folds = KFold.Stratified(labels, 3, seed: 5, shuffle);
            AssertPartition(folds, labels.Length);
            Assert.Equal(new[] { 2, 1, 1 }, ClassCounts(folds[0].Test, labels, 3));
            Assert.Equal(new[] { 2, 1, 1 }, ClassCounts(folds[1].Test, labels, 3));
            Assert.Equal(new[] { 2, 1, 0 }, ClassCounts(folds[2].Test, labels, 3));
        }

        // On iris (50 per class) each of 5 folds tests 10 of each class.
        foreach (Fold fold in KFold.Stratified(Iris, 5, seed: 1))
        {
            Assert.Equal(new[] { 10, 10, 10 }, ClassCounts(fold.Test, Labels(Iris), 3));
        }
    }

    [Fact]
    public void StratifiedSplitHasExactClassCounts()
    {
        // 7, 5 and 3 rows of classes 0, 1, 2 (15 rows); testFraction 0.3 → test ⌈4.5⌉ = 5, train 10.
        // Train shares 7·10/15 = 4.67, 5·10/15 = 3.33, 3·10/15 = 2 → floors 4, 3, 2 (9); the one
        // left goes to the largest remainder (70 mod 15 = 10, against 5 and 0): class 0 → 5, 3, 2;
        // test 2, 2, 1.
        // python3 -c "import numpy as np; from sklearn.model_selection import train_test_split as s; y=np.array([0]*7+[1]*5+[2]*3);
        //   a,b=s(y,test_size=0.3,stratify=y,random_state=0); print(np.bincount(a),np.bincount(b))"  → [5 3 2] [2 2 1]
        int[] labels = { 2, 0, 1, 0, 0, 1, 2, 0, 1, 0, 1, 0, 2, 1, 0 };
        (int[] train, int[] test) = TrainTestSplit.StratifiedIndices(labels, 0.3, seed: 9);
        Assert.Equal(new[] { 5, 3, 2 }, ClassCounts(train, labels, 3));
        Assert.Equal(new[] { 2, 2, 1 }, ClassCounts(test, labels, 3));
        Assert.Equal(Enumerable.Range(0, 15), train.Concat(test).OrderBy(r => r));

        // Equal remainders go to the lower class: 10, 6, 4 rows with 0.25 → test 5, train 15; shares
        // 7.5, 4.5, 3 → 7, 4, 3 and one left, remainders 10, 10, 0 → class 0: train 8, 4, 3; test 2, 2, 1.
        int[] tied = Enumerable.Repeat(0, 10).Concat(Enumerable.Repeat(1, 6)).Concat(Enumerable.Repeat(2, 4)).ToArray();
        (train, test) = TrainTestSplit.StratifiedIndices(tied, 0.25, seed: 1);
        Assert.Equal(new[] { 8, 4, 3 }, ClassCounts(train, tied, 3));
        Assert.Equal(new[] { 2, 2, 1 }, ClassCounts(test, tied, 3));

        // Iris with 0.2: 30 test rows, 10 per species; the same seed gives the same rows.
        (DataSet irisTrain, DataSet irisTest) = TrainTestSplit.Stratified(Iris, 0.2, seed: 4);
        Assert.Equal(new[] { 40, 40, 40 }, ClassCounts(Enumerable.Range(0, 120).ToArray(), Labels(irisTrain), 3));
        Assert.Equal(new[] { 10, 10, 10 }, ClassCounts(Enumerable.Range(0, 30).ToArray(), Labels(irisTest), 3));
        Assert.Equal(irisTest.Features, TrainTestSplit.Stratified(Iris, 0.2, seed: 4).Test.Features);
        Assert.NotEqual(irisTest.Features, TrainTestSplit.Stratified(Iris, 0.2, seed: 5).Test.Features);
    }

    [Fact]
    public void CrossValidationLearnsIrisAndIsDeterministic()
    {
        CrossValidationResult first = CrossValidation.Run(() => new IrisNet(), Iris, IrisOptions(), folds: 5, seed: 1);
        CrossValidationResult second = CrossValidation.Run(() => new IrisNet(), Iris, IrisOptions(), folds: 5, seed: 1);
        Assert.Equal(5, first.Folds.Count);
        Assert.All(first.Folds, f => Assert.Equal((120, 30), (f.TrainCount, f.TestCount)));
        Assert.True(first.MeanScore > 0.9, $"mean 5-fold accuracy {first.MeanScore}");
        Assert.Equal(first.MeanAccuracy!.Value, first.MeanScore, 6);  // default scoring of a classifier: accuracy

        // Bit for bit: the same seeds give the same folds, the same training and the same scores.
        Assert.Equal(first.Folds.Select(f => BitConverter.DoubleToInt64Bits(f.Score)), second.Folds.Select(f => BitConverter.DoubleToInt64Bits(f.Score)));
        Assert.Equal(first.Folds.Select(f => BitConverter.SingleToInt32Bits(f.Loss)), second.Folds.Select(f => BitConverter.SingleToInt32Bits(f.Loss)));

        // The mean and the population standard deviation of the fold scores.
        double mean = first.Folds.Average(f => f.Score);
        Assert.Equal(mean, first.MeanScore, 12);
        Assert.Equal(Math.Sqrt(first.Folds.Average(f => (f.Score - mean) * (f.Score - mean))), first.ScoreStandardDeviation, 12);

        // A user metric and given folds.
        Fold[] folds = KFold.Split(Iris.Count, 3, seed: 2);
        CrossValidationResult negativeLoss = CrossValidation.Run(() => new IrisNet(), Iris, IrisOptions(), folds, Scoring.NegativeLoss);
        Assert.Equal(3, negativeLoss.Folds.Count);
        Assert.All(negativeLoss.Folds, f => Assert.Equal(-f.Loss, f.Score, 6));
    }

    [Fact]
    public void GridSearchPicksTheSensibleLearningRate()
    {
        var created = new List<IrisNet>();
        var space = new SearchSpace<IrisNet>()
            .Add("LearningRate", new[] { 10f, 0.1f }, (net, v) => net.LearningRate = v);
        var search = new GridSearch<IrisNet>(() => { var n = new IrisNet(); created.Add(n); return n; }, space, IrisOptions) { Folds = 3, Seed = 1 };
        SearchResult result = search.Fit(Iris);

        Assert.Equal(2, result.Trials.Count);
        Assert.Equal(10f, result.Trials[0]["LearningRate"]);
        Assert.Equal(0.1f, result.Best["LearningRate"]);
        // Measured on AVX2 and with DOTNET_EnableHWIntrinsic=0 (3-fold accuracy 0.85 against 0.95 there).
        Assert.True(result.Trials[0].Score < result.Best.Score - 0.05, result.ToString());
        Assert.True(result.Best.Score > 0.9, result.ToString());

        // One probe network for the folds, then a fresh network per fold of each trial, set by the setter.
        Assert.Equal(1 + (2 * 3), created.Count);
        Assert.Equal(new[] { 10f, 10f, 10f, 0.1f, 0.1f, 0.1f }, created.Skip(1).Select(n => n.LearningRate));
    }

    [Fact]
    public void GridIsTheCartesianProductLastFastestAndOptionsAreFreshPerTrial()
    {
        var space = new SearchSpace<IrisNet>()
            .Add("LearningRate", new[] { 0.3f, 0.1f }, (net, v) => net.LearningRate = v)
            .AddOption("Epochs", new[] { 1, 4, 2 }, (options, v) => options.Epochs = v);
        var search = new GridSearch<IrisNet>(() => new IrisNet(), space, () => new TrainerOptions { Seed = 3 });
        IReadOnlyList<object?[]> candidates = search.Candidates();
        Assert.Equal(
            new[] { "0.3/1", "0.3/4", "0.3/2", "0.1/1", "0.1/4", "0.1/2" },
            candidates.Select(c => FormattableString.Invariant($"{c[0]}/{c[1]}")));

        (DataSet train, DataSet validation) = TrainTestSplit.Stratified(Iris, 0.2, seed: 1);
        SearchResult result = search.Fit(train, validation);
        Assert.Equal(6, result.Trials.Count);
        foreach (Trial trial in result.Trials)
        {
            FoldResult holdout = Assert.Single(trial.CrossValidation.Folds);
            Assert.Equal((120, 30), (holdout.TrainCount, holdout.TestCount));
            Assert.Equal((int)trial["Epochs"]!, holdout.Training!.History.Count);
            Assert.Equal(0, trial.ScoreStandardDeviation);
        }

        Assert.Equal("LearningRate=0.3, Epochs=1", string.Join(", ", result.Trials[0].Parameters));
    }

    [Fact]
    public void RandomSearchDrawsFromTheSpaceDeterministically()
    {
        var space = new SearchSpace<IrisNet>()
            .AddLogUniform("LearningRate", 1e-3, 1, (net, v) => net.LearningRate = v)
            .AddOptionUniform("MinImprovement", 0, 0.5, (options, v) => options.MinImprovement = v)
            .AddOption("Epochs", new[] { 5, 10 }, (options, v) => options.Epochs = v);
        var search = new RandomSearch<IrisNet>(() => new IrisNet(), space, trials: 40) { Seed = 7 };
        IReadOnlyList<object?[]> draws = search.Candidates();
        Assert.Equal(40, draws.Count);
        Assert.All(draws, d => Assert.InRange((float)d[0]!, 1e-3f, 1f));
        Assert.All(draws, d => Assert.InRange((float)d[1]!, 0f, 0.5f));
        Assert.Contains(draws, d => (int)d[2]! == 5);
        Assert.Contains(draws, d => (int)d[2]! == 10);
        // Log-uniform: about as many draws below 0.0316 (the geometric middle) as above.
        Assert.InRange(draws.Count(d => (float)d[0]! < 0.0316f), 10, 30);

        // The first draw by hand: the SplitMix64 generator from the seed, one draw per hyperparameter in order.
        var random = new SeededRandom(7);
        float lr = (float)Math.Exp(Math.Log(1e-3) + ((Math.Log(1) - Math.Log(1e-3)) * random.NextDouble()));
        float minImprovement = (float)(0.5 * random.NextDouble());
        int epochs = new[] { 5, 10 }[random.NextInt32(2)];
        Assert.Equal(new object[] { lr, minImprovement, epochs }, draws[0]);

        // Same seed, same trials and the same scores, bit for bit; another seed, other trials.
        var small = new RandomSearch<IrisNet>(() => new IrisNet(), space, trials: 3) { Seed = 7, Folds = 3 };
        SearchResult a = small.Fit(Iris);
        SearchResult b = small.Fit(Iris);
        Assert.Equal(a.Trials.Select(t => t.ToString()), b.Trials.Select(t => t.ToString()));
        Assert.Equal(a.Trials.Select(t => BitConverter.DoubleToInt64Bits(t.Score)), b.Trials.Select(t => BitConverter.DoubleToInt64Bits(t.Score)));
        Assert.Equal(a.Best.Index, b.Best.Index);
        Assert.Equal(a.Trials.Max(t => t.Score), a.Best.Score);
        Assert.NotEqual(draws[0], new RandomSearch<IrisNet>(() => new IrisNet(), space, trials: 1) { Seed = 8 }.Candidates()[0]);
    }

    [Fact]
    public void ADivergedTrainingScoresNaNAndNeverWins()
    {
        // y = 2x − 1 on 20 points. SGD at rate 1e30 throws the weights to ~1e30 in one step, so the
        // next batch's squared error overflows: NonFiniteLossException, and the fold scores NaN
        // (scikit-learn's error_score=nan) while the search goes on.
        float[] x = new float[20];
        float[] y = new float[20];
        for (int i = 0; i < 20; i++)
        {
            x[i] = -1 + (2f * i / 19);
            y[i] = (2 * x[i]) - 1;
        }

        var data = new DataSet(x, y, 20, 1, 1);
        var space = new SearchSpace<TrainerNets.Line4>().Add("LearningRate", new[] { 1e30f, 0.1f }, (net, v) => net.LearningRate = v);
        SearchResult result = new GridSearch<TrainerNets.Line4>(() => new TrainerNets.Line4(), space, () => new TrainerOptions { Epochs = 30, Seed = 1 })
        {
            Folds = 4,
            Seed = 2,
        }.Fit(data);

        Trial diverged = result.Trials[0];
        Assert.True(double.IsNaN(diverged.Score));
        Assert.All(diverged.CrossValidation.Folds, f =>
        {
            Assert.True(f.Diverged);
            Assert.Null(f.Training);
            Assert.Contains("epoch 1", f.Failure, StringComparison.Ordinal);
        });
        Assert.Equal(0.1f, result.Best["LearningRate"]);
        Assert.True(result.Best.Score > 0.9, result.ToString());   // R², the default score for MSE
        Assert.All(result.Best.CrossValidation.Folds, f => Assert.False(f.Diverged));
    }

    [Fact]
    public void BestPrefersHigherScoresThenEarlierTrialsAndNeverNaN()
    {
        var result = new SearchResult(new[] { Stub(0, double.NaN), Stub(1, 0.5), Stub(2, 0.7), Stub(3, 0.7), Stub(4, double.NaN) });
        Assert.Equal(2, result.Best.Index);
        Assert.Equal(0, new SearchResult(new[] { Stub(0, double.NaN), Stub(1, double.NaN) }).Best.Index);
    }

    [Fact]
    public void ArgumentsAreChecked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KFold.Split(10, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => KFold.Split(3, 4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => KFold.Stratified(new[] { 0, 1, -1 }, 2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.StratifiedIndices(new[] { 0, 1, 0, 1 }, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.StratifiedIndices(new[] { 0, 1, 0, 1 }, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.StratifiedIndices(new[] { 0 }, 0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.StratifiedIndices(new[] { 0, 1, 0, 1 }, double.NaN, 0));
        Assert.Throws<ArgumentException>(() => TrainTestSplit.Stratified(new DataSet(new float[4], Array.Empty<float>(), 4, 1, 0), 0.5, 0));

        Assert.Throws<ArgumentException>(() => CrossValidation.Run(() => new IrisNet(), new DataSet(new float[10], new float[10], 2, 5, 5), null, 2, 0));
        Assert.Throws<ArgumentException>(() => CrossValidation.Run(() => new IrisNet(), Iris, null, Array.Empty<Fold>()));
        Assert.Throws<ArgumentException>(() => CrossValidation.Run(() => new IrisNet(), Iris, null, new[] { new Fold(0, new[] { 1 }, Array.Empty<int>()) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidation.Run(() => new IrisNet(), Iris, null, new[] { new Fold(0, new[] { 1 }, new[] { 150 }) }));
        Assert.Throws<InvalidOperationException>(() => CrossValidation.Run<IrisNet>(() => null!, Iris, null, 2, 0));
        Assert.Throws<ArgumentNullException>(() => CrossValidation.Run<IrisNet>(null!, Iris, null, 2, 0));

        var space = new SearchSpace<IrisNet>();
        Assert.Throws<ArgumentException>(() => space.Add("x", Array.Empty<float>(), (n, v) => n.LearningRate = v));
        Assert.Throws<ArgumentException>(() => space.Add("", new[] { 1f }, (n, v) => n.LearningRate = v));
        Assert.Throws<ArgumentOutOfRangeException>(() => space.AddLogUniform("x", 0, 1, (n, v) => n.LearningRate = v));
        Assert.Throws<ArgumentOutOfRangeException>(() => space.AddUniform("x", 1, 1, (n, v) => n.LearningRate = v));
        Assert.Throws<ArgumentOutOfRangeException>(() => space.AddOptionUniform("x", 0, double.PositiveInfinity, (o, v) => o.MinImprovement = v));
        space.Add("LearningRate", new[] { 0.1f }, (n, v) => n.LearningRate = v);
        Assert.Throws<ArgumentException>(() => space.Add("LearningRate", new[] { 0.2f }, (n, v) => n.LearningRate = v));
        space.AddUniform("range", 0.1, 0.2, (n, v) => n.LearningRate = v);
        Assert.Throws<ArgumentException>(() => new GridSearch<IrisNet>(() => new IrisNet(), space));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomSearch<IrisNet>(() => new IrisNet(), space, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomSearch<IrisNet>(() => new IrisNet(), space, 1) { Folds = 1 });
        Assert.Throws<KeyNotFoundException>(() => Stub(0, 1)["nope"]);

        // A setter that throws stops the search with its exception.
        var bad = new SearchSpace<IrisNet>().Add("LearningRate", new[] { -1f }, (n, v) => n.LearningRate = v);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridSearch<IrisNet>(() => new IrisNet(), bad) { Folds = 2 }.Fit(Iris));
    }

    /// <summary>A trial with the given score (the internal constructor; the tests see the runtime's internals).</summary>
    private static Trial Stub(int index, double score) =>
        new(index, new[] { new SearchParameter("x", index) }, new CrossValidationResult(new[] { new FoldResult(0, score, 0, null, 1, 1, null, null) }));

    private static void AssertPartition(Fold[] folds, int count)
    {
        var seen = new int[count];
        for (int f = 0; f < folds.Length; f++)
        {
            Assert.Equal(f, folds[f].Index);
            Assert.Equal(folds[f].Test.OrderBy(r => r), folds[f].Test);
            Assert.Equal(folds[f].Train.OrderBy(r => r), folds[f].Train);
            Assert.Equal(Enumerable.Range(0, count), folds[f].Train.Concat(folds[f].Test).OrderBy(r => r));
            foreach (int row in folds[f].Test)
            {
                seen[row]++;
            }
        }

        Assert.All(seen, s => Assert.Equal(1, s)); // every row in exactly one test fold
        int[] sizes = folds.Select(f => f.Test.Length).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 1);
    }

    private static int[] ClassCounts(int[] rows, int[] labels, int classes)
    {
        var counts = new int[classes];
        foreach (int row in rows)
        {
            counts[labels[row]]++;
        }

        return counts;
    }

    private static int[] Labels(DataSet data) => NetGen.Metrics.Classification.ClassesOf(data.Targets, data.TargetCount);

    private static DataSet LoadIris()
    {
        DataSet iris = IrisSample.LoadDataSet();
        return StandardScaler.Fit(iris).Transform(iris);
    }
}
