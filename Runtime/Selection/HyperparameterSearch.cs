using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using NetGen.Data;
using NetGen.Training;

namespace NetGen.Selection;

/// <summary>
/// What a <see cref="GridSearch{TNet}"/> and a <see cref="RandomSearch{TNet}"/> share: a network
/// factory, a <see cref="SearchSpace{TNet}"/>, trainer options, the scoring, and <c>Fit</c>, which
/// scores every trial by cross-validation or on a holdout set and returns every trial and the best.
/// </summary>
/// <remarks>
/// <para>
/// Each trial runs sequentially: for every fold (or once, for a holdout) a fresh network from the
/// factory and fresh options from the options factory, the trial's values applied by the space's
/// setters in the order they were added, <see cref="Trainer.Fit(DataSet, DataSet?, System.Threading.CancellationToken)"/>
/// on the training rows, and the score on the held-out rows. Every trial uses the same folds.
/// <c>Fit</c> also calls the factory once before the trials, for a network to check the data's
/// widths against and whose loss decides whether the folds are stratified.
/// </para>
/// <para>
/// Deterministic: the same factory, space, options, data and <see cref="Seed"/> give the same
/// trials and the same scores, bit for bit (on one machine, as training itself).
/// </para>
/// <para>
/// The best trial has the highest score (the mean over folds); a trial whose training diverged (a
/// NaN or infinite loss) scores NaN and is never the best unless every trial diverged; on equal
/// scores the earlier trial wins.
/// </para>
/// </remarks>
/// <typeparam name="TNet">The generated network class.</typeparam>
public abstract class HyperparameterSearch<TNet>
    where TNet : class, ITrainableNetwork
{
    private readonly Func<TNet> _create;
    private readonly Func<TrainerOptions> _options;
    private int _folds = 5;

    private protected HyperparameterSearch(Func<TNet> create, SearchSpace<TNet> space, Func<TrainerOptions>? options)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(space);
        _create = create;
        Space = space;
        _options = options ?? (() => new TrainerOptions());
    }

    /// <summary>The hyperparameters searched.</summary>
    public SearchSpace<TNet> Space { get; }

    /// <summary>
    /// The number of cross-validation folds for <see cref="Fit(DataSet)"/> (default 5): stratified for
    /// networks with a classification loss, as <see cref="CrossValidation"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 2.</exception>
    public int Folds
    {
        get => _folds;
        set => _folds = value >= 2
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Folds), value, string.Create(CultureInfo.InvariantCulture, $"Folds must be at least 2, but it is {value}."));
    }

    /// <summary>The seed of the folds' shuffle and of random search's draws (the training shuffle is <see cref="TrainerOptions.Seed"/>).</summary>
    public long Seed { get; set; }

    /// <summary>The score of a trained network on held-out rows, higher is better; null (default) for <see cref="Scoring.Default"/>.</summary>
    public Func<TNet, DataSet, double>? Scoring { get; set; }

    /// <summary>The values of every trial, in the order they will run.</summary>
    /// <returns>One array per trial, a value per hyperparameter in the space's order.</returns>
    public abstract IReadOnlyList<object?[]> Candidates();

    /// <summary>Scores every trial by <see cref="Folds"/>-fold cross-validation on <paramref name="data"/>.</summary>
    /// <param name="data">Every row, of the network's widths.</param>
    /// <returns>Every trial with its values and scores, and the best.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data set's widths are not the network's, or it has no rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Folds"/> is more than the number of rows.</exception>
    public SearchResult Fit(DataSet data)
    {
        TNet probe = CrossValidation.Create(_create);
        Shapes.CheckDataSet(probe, data, nameof(data));
        Fold[] folds = CrossValidation.MakeFolds(probe, data, Folds, Seed);
        return Search((create, options) => CrossValidation.Run(create, options, data, folds, Scoring, first: null));
    }

    /// <summary>Scores every trial on a holdout: trained on <paramref name="train"/>, scored on <paramref name="validation"/>.</summary>
    /// <param name="train">The training rows, of the network's widths.</param>
    /// <param name="validation">The held-out rows, of the network's widths.</param>
    /// <returns>Every trial with its values and scores, and the best.</returns>
    /// <exception cref="ArgumentNullException">A data set is null.</exception>
    /// <exception cref="ArgumentException">A data set's widths are not the network's, or it has no rows.</exception>
    public SearchResult Fit(DataSet train, DataSet validation)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        TNet probe = CrossValidation.Create(_create);
        Shapes.CheckDataSet(probe, train, nameof(train));
        Shapes.CheckDataSet(probe, validation, nameof(validation));

        // The two sets as one, with a single fold: train on the first rows, test on the rest.
        var features = new float[train.Features.Length + validation.Features.Length];
        var targets = new float[train.Targets.Length + validation.Targets.Length];
        train.Features.CopyTo(features, 0);
        validation.Features.CopyTo(features, train.Features.Length);
        train.Targets.CopyTo(targets, 0);
        validation.Targets.CopyTo(targets, train.Targets.Length);
        var all = new DataSet(features, targets, train.Count + validation.Count, train.FeatureCount, train.TargetCount, train.ClassNames);
        var fold = new Fold(0, Range(0, train.Count), Range(train.Count, validation.Count));
        return Search((create, options) => CrossValidation.Run(create, options, all, new[] { fold }, Scoring, first: null));
    }

    private SearchResult Search(Func<Func<TNet>, Func<TrainerOptions>, CrossValidationResult> evaluate)
    {
        IReadOnlyList<SearchSpace<TNet>.Dimension> dimensions = Space.Dimensions;
        IReadOnlyList<object?[]> candidates = Candidates();
        var trials = new Trial[candidates.Count];
        for (int t = 0; t < candidates.Count; t++)
        {
            object?[] values = candidates[t];
            TNet Create()
            {
                TNet network = CrossValidation.Create(_create);
                for (int d = 0; d < dimensions.Count; d++)
                {
                    if (!dimensions[d].IsOption)
                    {
                        dimensions[d].Apply(network, null!, values[d]);
                    }
                }

                return network;
            }

            TrainerOptions Options()
            {
                TrainerOptions options = _options() ?? throw new InvalidOperationException("The options factory returned null; it must return new TrainerOptions each time it is called.");
                for (int d = 0; d < dimensions.Count; d++)
                {
                    if (dimensions[d].IsOption)
                    {
                        dimensions[d].Apply(null!, options, values[d]);
                    }
                }

                return options;
            }

            var parameters = new SearchParameter[dimensions.Count];
            for (int d = 0; d < dimensions.Count; d++)
            {
                parameters[d] = new SearchParameter(dimensions[d].Name, values[d]);
            }

            trials[t] = new Trial(t, parameters, evaluate(Create, Options));
        }

        return new SearchResult(trials);
    }

    private static int[] Range(int start, int count)
    {
        var rows = new int[count];
        for (int i = 0; i < count; i++)
        {
            rows[i] = start + i;
        }

        return rows;
    }
}

/// <summary>
/// Tries every combination of the listed values (the Cartesian product, as scikit-learn's
/// <c>GridSearchCV</c>), in the order of nested loops over the hyperparameters as they were added:
/// the first varies slowest, the last fastest.
/// </summary>
/// <typeparam name="TNet">The generated network class.</typeparam>
/// <example>
/// <code>
/// var space = new SearchSpace&lt;IrisNet&gt;().Add("LearningRate", new[] { 1f, 0.1f, 0.01f }, (net, v) =&gt; net.LearningRate = v);
/// SearchResult result = new GridSearch&lt;IrisNet&gt;(() =&gt; new IrisNet(), space, () =&gt; new TrainerOptions { Epochs = 50 }) { Seed = 1 }.Fit(data);
/// Console.WriteLine(result.Best);
/// </code>
/// </example>
public sealed class GridSearch<TNet> : HyperparameterSearch<TNet>
    where TNet : class, ITrainableNetwork
{
    /// <summary>A grid search over <paramref name="space"/>, whose hyperparameters must all be lists of values.</summary>
    /// <param name="create">Makes a fresh network; called for every fold of every trial.</param>
    /// <param name="space">The hyperparameters and their values.</param>
    /// <param name="options">Makes fresh trainer options for every fold of every trial (the space's option setters change them); null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="create"/> or <paramref name="space"/> is null.</exception>
    /// <exception cref="ArgumentException">A hyperparameter is a range (use <see cref="RandomSearch{TNet}"/>, or list values).</exception>
    public GridSearch(Func<TNet> create, SearchSpace<TNet> space, Func<TrainerOptions>? options = null)
        : base(create, space, options)
    {
        foreach (SearchSpace<TNet>.Dimension dimension in space.Dimensions)
        {
            if (dimension.Count < 0)
            {
                throw new ArgumentException(
                    $"\"{dimension.Name}\" is a range; a grid needs lists of values. Add it with values (SearchSpace.Add), or use RandomSearch.", nameof(space));
            }
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyList<object?[]> Candidates()
    {
        IReadOnlyList<SearchSpace<TNet>.Dimension> dimensions = Space.Dimensions;
        long total = 1;
        foreach (SearchSpace<TNet>.Dimension dimension in dimensions)
        {
            total *= dimension.Count;
            if (total > Array.MaxLength)
            {
                throw new InvalidOperationException("The grid has more combinations than can be listed; use RandomSearch.");
            }
        }

        var candidates = new object?[total][];
        var index = new int[dimensions.Count];
        for (long c = 0; c < total; c++)
        {
            var values = new object?[dimensions.Count];
            for (int d = 0; d < dimensions.Count; d++)
            {
                values[d] = dimensions[d].ValueAt(index[d]);
            }

            candidates[c] = values;

            // Odometer: the last hyperparameter turns fastest.
            for (int d = dimensions.Count - 1; d >= 0; d--)
            {
                if (++index[d] < dimensions[d].Count)
                {
                    break;
                }

                index[d] = 0;
            }
        }

        return candidates;
    }
}

/// <summary>
/// Tries <see cref="Trials"/> combinations drawn at random (as scikit-learn's
/// <c>RandomizedSearchCV</c>): for each trial in turn, each hyperparameter in the order added draws
/// a value from a <see cref="SeededRandom"/> started from <see cref="HyperparameterSearch{TNet}.Seed"/>:
/// one of a list's values with equal probability, or a uniform or log-uniform value of a range.
/// Draws are with replacement, so a trial may repeat another.
/// </summary>
/// <typeparam name="TNet">The generated network class.</typeparam>
public sealed class RandomSearch<TNet> : HyperparameterSearch<TNet>
    where TNet : class, ITrainableNetwork
{
    /// <summary>A random search of <paramref name="trials"/> trials over <paramref name="space"/>.</summary>
    /// <param name="create">Makes a fresh network; called for every fold of every trial.</param>
    /// <param name="space">The hyperparameters: lists and ranges.</param>
    /// <param name="trials">The number of trials, at least 1.</param>
    /// <param name="options">Makes fresh trainer options for every fold of every trial; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="create"/> or <paramref name="space"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trials"/> is less than 1.</exception>
    public RandomSearch(Func<TNet> create, SearchSpace<TNet> space, int trials, Func<TrainerOptions>? options = null)
        : base(create, space, options)
    {
        if (trials < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(trials), trials, string.Create(CultureInfo.InvariantCulture, $"trials must be at least 1, but it is {trials}."));
        }

        Trials = trials;
    }

    /// <summary>The number of trials.</summary>
    public int Trials { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<object?[]> Candidates()
    {
        IReadOnlyList<SearchSpace<TNet>.Dimension> dimensions = Space.Dimensions;
        var random = new SeededRandom(Seed);
        var candidates = new object?[Trials][];
        for (int t = 0; t < Trials; t++)
        {
            var values = new object?[dimensions.Count];
            for (int d = 0; d < dimensions.Count; d++)
            {
                values[d] = dimensions[d].Sample(ref random);
            }

            candidates[t] = values;
        }

        return candidates;
    }
}

/// <summary>A hyperparameter's name and the value a trial gave it.</summary>
/// <param name="Name">The name given in the <see cref="SearchSpace{TNet}"/>.</param>
/// <param name="Value">The value (boxed).</param>
public readonly record struct SearchParameter(string Name, object? Value)
{
    /// <summary>"Name=Value", numbers in the invariant culture.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}={Value}");
}

/// <summary>One trial of a search: its hyperparameter values and how they scored.</summary>
public sealed class Trial
{
    private readonly SearchParameter[] _parameters;

    internal Trial(int index, SearchParameter[] parameters, CrossValidationResult result)
    {
        Index = index;
        _parameters = parameters;
        CrossValidation = result;
    }

    /// <summary>The trial's number, from 0, in the order the trials ran.</summary>
    public int Index { get; }

    /// <summary>The values, in the order the hyperparameters were added to the space.</summary>
    public IReadOnlyList<SearchParameter> Parameters => _parameters;

    /// <summary>The value of the hyperparameter named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The space has no hyperparameter of that name.</exception>
    public object? this[string name]
    {
        get
        {
            foreach (SearchParameter parameter in _parameters)
            {
                if (parameter.Name == name)
                {
                    return parameter.Value;
                }
            }

            throw new KeyNotFoundException($"The search space has no hyperparameter named \"{name}\".");
        }
    }

    /// <summary>The score: the mean over folds (for a holdout, the one score); NaN when training diverged.</summary>
    public double Score => CrossValidation.MeanScore;

    /// <summary>The standard deviation of the folds' scores (0 for a holdout).</summary>
    public double ScoreStandardDeviation => CrossValidation.ScoreStandardDeviation;

    /// <summary>Every fold's result (a holdout is one fold).</summary>
    public CrossValidationResult CrossValidation { get; }

    /// <summary>"#index Name=Value, …: score ± std".</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append('#').Append(Index.ToString(CultureInfo.InvariantCulture)).Append(' ');
        text.AppendJoin(", ", _parameters);
        text.Append(string.Create(CultureInfo.InvariantCulture, $": {Score:F4} ± {ScoreStandardDeviation:F4}"));
        return text.ToString();
    }
}

/// <summary>The outcome of a search: every trial, in the order run, and the best.</summary>
public sealed class SearchResult
{
    /// <summary>Summarises the given trials.</summary>
    /// <param name="trials">Every trial, at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="trials"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="trials"/> is empty.</exception>
    public SearchResult(IReadOnlyList<Trial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        if (trials.Count == 0)
        {
            throw new ArgumentException("Expected at least one trial.", nameof(trials));
        }

        Trials = trials;
        Trial best = trials[0];
        foreach (Trial trial in trials)
        {
            // Strictly higher wins (ties keep the earlier); a number beats NaN.
            if (trial.Score > best.Score || (double.IsNaN(best.Score) && !double.IsNaN(trial.Score)))
            {
                best = trial;
            }
        }

        Best = best;
    }

    /// <summary>Every trial, in the order run.</summary>
    public IReadOnlyList<Trial> Trials { get; }

    /// <summary>The trial with the highest score (see <see cref="HyperparameterSearch{TNet}"/>).</summary>
    public Trial Best { get; }

    /// <summary>One line per trial, then the best.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (Trial trial in Trials)
        {
            text.Append(trial.ToString()).Append('\n');
        }

        return text.Append("best: ").Append(Best.ToString()).ToString();
    }
}
