using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Training;

namespace NetGen.Selection;

/// <summary>
/// The hyperparameters a <see cref="GridSearch{TNet}"/> or <see cref="RandomSearch{TNet}"/> tries:
/// each one a name, the values to try (a list, or for random search a uniform or log-uniform range)
/// and a setter that applies a value to a fresh network or to the trial's <see cref="TrainerOptions"/>.
/// </summary>
/// <remarks>
/// Setters are delegates, so any settable property works: the learning rate, an optimizer's run-time
/// hyperparameters, a trainer option, several properties at once. A setter runs on every fresh
/// network (once per fold) before training; a setter that throws (a value out of a property's range)
/// stops the search with that exception.
/// </remarks>
/// <typeparam name="TNet">The generated network class.</typeparam>
/// <example>
/// <code>
/// var space = new SearchSpace&lt;IrisNet&gt;()
///     .Add("LearningRate", new[] { 0.3f, 0.1f, 0.03f }, (net, v) =&gt; net.LearningRate = v)
///     .AddOption("Epochs", new[] { 20, 50 }, (options, v) =&gt; options.Epochs = v);
/// </code>
/// </example>
public sealed class SearchSpace<TNet>
    where TNet : class, ITrainableNetwork
{
    private readonly List<Dimension> _dimensions = new();

    /// <summary>The number of hyperparameters added.</summary>
    public int Count => _dimensions.Count;

    /// <summary>The names of the hyperparameters, in the order added.</summary>
    public IReadOnlyList<string> Names => _dimensions.ConvertAll(d => d.Name);

    /// <summary>The dimensions, in the order added.</summary>
    internal IReadOnlyList<Dimension> Dimensions => _dimensions;

    /// <summary>A hyperparameter of the network: the values to try and how to set one.</summary>
    /// <typeparam name="T">The type of the values.</typeparam>
    /// <param name="name">A name for the results, unique in this space.</param>
    /// <param name="values">The values to try, at least one (random search draws one of them with equal probability).</param>
    /// <param name="set">Sets a value on a fresh network, e.g. <c>(net, v) =&gt; net.LearningRate = v</c>.</param>
    /// <returns>This space, to add more.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is empty or already used, or there are no values.</exception>
    public SearchSpace<TNet> Add<T>(string name, IReadOnlyList<T> values, Action<TNet, T> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return AddDimension(new ListDimension<T>(name, Copy(values, name), option: false, (net, _, v) => set(net, v)));
    }

    /// <summary>A trainer option: the values to try and how to set one on the trial's <see cref="TrainerOptions"/>.</summary>
    /// <typeparam name="T">The type of the values.</typeparam>
    /// <param name="name">A name for the results, unique in this space.</param>
    /// <param name="values">The values to try, at least one.</param>
    /// <param name="set">Sets a value on the trial's options, e.g. <c>(options, v) =&gt; options.Epochs = v</c>.</param>
    /// <returns>This space, to add more.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is empty or already used, or there are no values.</exception>
    public SearchSpace<TNet> AddOption<T>(string name, IReadOnlyList<T> values, Action<TrainerOptions, T> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return AddDimension(new ListDimension<T>(name, Copy(values, name), option: true, (_, options, v) => set(options, v)));
    }

    /// <summary>
    /// A network hyperparameter drawn uniformly between <paramref name="low"/> and <paramref name="high"/>
    /// by <see cref="RandomSearch{TNet}"/> (a grid cannot enumerate a range): low + (high − low)·u in
    /// double precision, u uniform in [0, 1), then rounded to float.
    /// </summary>
    /// <param name="name">A name for the results, unique in this space.</param>
    /// <param name="low">The lower bound, finite.</param>
    /// <param name="high">The upper bound, finite and above <paramref name="low"/>.</param>
    /// <param name="set">Sets a value on a fresh network.</param>
    /// <returns>This space, to add more.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is empty or already used.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, or <paramref name="high"/> is not above <paramref name="low"/>.</exception>
    public SearchSpace<TNet> AddUniform(string name, double low, double high, Action<TNet, float> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return AddDimension(new RangeDimension(name, low, high, logarithmic: false, option: false, (net, _, v) => set((TNet)net, v)));
    }

    /// <summary>
    /// A network hyperparameter drawn log-uniformly between <paramref name="low"/> and <paramref name="high"/>
    /// by <see cref="RandomSearch{TNet}"/>: exp(ln low + (ln high − ln low)·u) in double precision, u
    /// uniform in [0, 1), then rounded to float, so each factor of ten is as likely as the next (the
    /// usual way to search a learning rate).
    /// </summary>
    /// <param name="name">A name for the results, unique in this space.</param>
    /// <param name="low">The lower bound, positive and finite.</param>
    /// <param name="high">The upper bound, finite and above <paramref name="low"/>.</param>
    /// <param name="set">Sets a value on a fresh network.</param>
    /// <returns>This space, to add more.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is empty or already used.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not positive and finite, or <paramref name="high"/> is not above <paramref name="low"/>.</exception>
    public SearchSpace<TNet> AddLogUniform(string name, double low, double high, Action<TNet, float> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return AddDimension(new RangeDimension(name, low, high, logarithmic: true, option: false, (net, _, v) => set((TNet)net, v)));
    }

    /// <summary>A trainer option drawn uniformly between <paramref name="low"/> and <paramref name="high"/> (as <see cref="AddUniform"/>) by <see cref="RandomSearch{TNet}"/>.</summary>
    /// <param name="name">A name for the results, unique in this space.</param>
    /// <param name="low">The lower bound, finite.</param>
    /// <param name="high">The upper bound, finite and above <paramref name="low"/>.</param>
    /// <param name="set">Sets a value on the trial's options.</param>
    /// <returns>This space, to add more.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is empty or already used.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, or <paramref name="high"/> is not above <paramref name="low"/>.</exception>
    public SearchSpace<TNet> AddOptionUniform(string name, double low, double high, Action<TrainerOptions, float> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return AddDimension(new RangeDimension(name, low, high, logarithmic: false, option: true, (_, options, v) => set(options, v)));
    }

    /// <summary>A trainer option drawn log-uniformly between <paramref name="low"/> and <paramref name="high"/> (as <see cref="AddLogUniform"/>) by <see cref="RandomSearch{TNet}"/>.</summary>
    /// <param name="name">A name for the results, unique in this space.</param>
    /// <param name="low">The lower bound, positive and finite.</param>
    /// <param name="high">The upper bound, finite and above <paramref name="low"/>.</param>
    /// <param name="set">Sets a value on the trial's options.</param>
    /// <returns>This space, to add more.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The name is empty or already used.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not positive and finite, or <paramref name="high"/> is not above <paramref name="low"/>.</exception>
    public SearchSpace<TNet> AddOptionLogUniform(string name, double low, double high, Action<TrainerOptions, float> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return AddDimension(new RangeDimension(name, low, high, logarithmic: true, option: true, (_, options, v) => set(options, v)));
    }

    private SearchSpace<TNet> AddDimension(Dimension dimension)
    {
        foreach (Dimension existing in _dimensions)
        {
            if (existing.Name == dimension.Name)
            {
                throw new ArgumentException($"The search space already has a hyperparameter named \"{dimension.Name}\"; names must be unique.", "name");
            }
        }

        _dimensions.Add(dimension);
        return this;
    }

    private static T[] Copy<T>(IReadOnlyList<T> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException($"\"{name}\" has no values; give at least one.", nameof(values));
        }

        var copy = new T[values.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = values[i];
        }

        return copy;
    }

    /// <summary>One hyperparameter: its name, how to pick a value, how to apply it.</summary>
    internal abstract class Dimension
    {
        private readonly Action<ITrainableNetwork, TrainerOptions, object?> _apply;

        protected Dimension(string name, bool option, Action<ITrainableNetwork, TrainerOptions, object?> apply)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            Name = name;
            IsOption = option;
            _apply = apply;
        }

        public string Name { get; }

        /// <summary>Whether the setter sets a trainer option (else a network property).</summary>
        public bool IsOption { get; }

        /// <summary>The number of values of a list; −1 for a range.</summary>
        public abstract int Count { get; }

        public abstract object? ValueAt(int index);

        public abstract object? Sample(ref SeededRandom random);

        public void Apply(TNet network, TrainerOptions options, object? value) => _apply(network, options, value);
    }

    private sealed class ListDimension<T> : Dimension
    {
        private readonly T[] _values;

        public ListDimension(string name, T[] values, bool option, Action<TNet, TrainerOptions, T> set)
            : base(name, option, (net, options, v) => set((TNet)net, options, (T)v!)) => _values = values;

        public override int Count => _values.Length;

        public override object? ValueAt(int index) => _values[index];

        public override object? Sample(ref SeededRandom random) => _values[random.NextInt32(_values.Length)];
    }

    private sealed class RangeDimension : Dimension
    {
        private readonly double _low;
        private readonly double _high;
        private readonly bool _logarithmic;

        public RangeDimension(string name, double low, double high, bool logarithmic, bool option, Action<ITrainableNetwork, TrainerOptions, float> set)
            : base(name, option, (net, options, v) => set(net, options, (float)v!))
        {
            bool valid = double.IsFinite(low) && double.IsFinite(high) && high > low && (!logarithmic || low > 0);
            if (!valid)
            {
                string rule = logarithmic ? "positive and finite" : "finite";
                throw new ArgumentOutOfRangeException(nameof(low), low, string.Create(CultureInfo.InvariantCulture,
                    $"\"{name}\": the bounds must be {rule} with high above low, but they are [{low}, {high})."));
            }

            _low = low;
            _high = high;
            _logarithmic = logarithmic;
        }

        public override int Count => -1;

        public override object? ValueAt(int index) => throw new InvalidOperationException($"\"{Name}\" is a range, which a grid cannot enumerate.");

        public override object? Sample(ref SeededRandom random)
        {
            double u = random.NextDouble();
            double value = _logarithmic
                ? Math.Exp(Math.Log(_low) + ((Math.Log(_high) - Math.Log(_low)) * u))
                : _low + ((_high - _low) * u);
            return (float)value;
        }
    }
}
