using System;
using System.Collections.Generic;
using System.Linq;
using NetGen;

namespace NetGen.Benchmarks.Peers;

/// <summary>
/// One network shape of the performance issue: layer widths, hidden activation, batch size, and the
/// NetGen classes declared for it (Networks.cs). The three implementations are built from this.
/// </summary>
public sealed class Shape
{
    private readonly Func<Optimizer, ITrainableNetwork> _netGen;

    private Shape(string name, int[] sizes, Activation hidden, int batch, Func<Optimizer, ITrainableNetwork> netGen)
    {
        Name = name;
        Sizes = sizes;
        Hidden = hidden;
        Batch = batch;
        _netGen = netGen;
    }

    /// <summary>"784-128-10": what BenchmarkDotNet shows in its Network column.</summary>
    public string Name { get; }

    /// <summary>Layer widths, input first: { 784, 128, 10 }.</summary>
    public int[] Sizes { get; }

    /// <summary>The activation of every hidden layer (the output layer is Softmax).</summary>
    public Activation Hidden { get; }

    /// <summary>Samples per training step.</summary>
    public int Batch { get; }

    public int Inputs => Sizes[0];

    public int Outputs => Sizes[^1];

    /// <summary>Every weight and bias.</summary>
    public long ParameterCount
    {
        get
        {
            long count = 0;
            for (int l = 1; l < Sizes.Length; l++)
            {
                count += (long)Sizes[l - 1] * Sizes[l] + Sizes[l];
            }

            return count;
        }
    }

    /// <summary>Floating-point operations of one training step, the usual 6·params·batch (2 forward, 4 backward).</summary>
    public double TrainingFlops => 6.0 * ParameterCount * Batch;

    /// <summary>Floating-point operations of one single-sample inference: 2·params.</summary>
    public double InferenceFlops => 2.0 * ParameterCount;

    /// <summary>A new NetGen network of this shape with the given optimizer (SGD or Adam).</summary>
    public ITrainableNetwork CreateNetGen(Optimizer optimizer) => _netGen(optimizer);

    public override string ToString() => Name;

    public static readonly IReadOnlyList<Shape> All = new[]
    {
        new Shape("4-16-3", new[] { 4, 16, 3 }, Activation.Tanh, 16,
            o => o == Optimizer.Adam ? new Adam4x16x3() : new Sgd4x16x3()),
        new Shape("32-64-64-10", new[] { 32, 64, 64, 10 }, Activation.ReLU, 32,
            o => o == Optimizer.Adam ? new Adam32x64x64x10() : new Sgd32x64x64x10()),
        new Shape("784-128-10", new[] { 784, 128, 10 }, Activation.ReLU, 32,
            o => o == Optimizer.Adam ? new Adam784x128x10() : new Sgd784x128x10()),
        new Shape("784-512-512-10", new[] { 784, 512, 512, 10 }, Activation.ReLU, 64,
            o => o == Optimizer.Adam ? new Adam784x512x512x10() : new Sgd784x512x512x10()),
    };

    /// <summary>The names, for <c>[ParamsSource]</c> (strings survive BenchmarkDotNet's child processes as they are).</summary>
    /// <remarks>
    /// The environment variable <c>NETGEN_PEERS_NETWORKS</c> (comma-separated names; Program's
    /// <c>--networks</c> sets it, and BenchmarkDotNet's child processes inherit it) restricts them.
    /// </remarks>
    public static IEnumerable<string> Names
    {
        get
        {
            string? only = Environment.GetEnvironmentVariable("NETGEN_PEERS_NETWORKS");
            var selected = string.IsNullOrWhiteSpace(only)
                ? null
                : new HashSet<string>(only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
            return All.Select(s => s.Name).Where(n => selected is null || selected.Contains(n));
        }
    }

    public static Shape Get(string name) =>
        All.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"Unknown shape '{name}'.", nameof(name));

    /// <summary>The learning rate the issue fixes for each optimizer: SGD 0.01, Adam 0.001.</summary>
    public static float LearningRate(Optimizer optimizer) => optimizer switch
    {
        Optimizer.Sgd => 0.01f,
        Optimizer.Adam => 0.001f,
        _ => throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, "Only SGD and Adam are benchmarked."),
    };
}

/// <summary>
/// One seeded minibatch (and one sample) shared by the three implementations: inputs uniform in
/// [−1, 1), labels uniform over the classes, as indices and one-hot.
/// </summary>
public sealed class BenchData
{
    public BenchData(Shape shape, int seed = 42)
    {
        var random = new Random(seed);
        Inputs = new float[shape.Batch * shape.Inputs];
        for (int i = 0; i < Inputs.Length; i++)
        {
            Inputs[i] = (float)(random.NextDouble() * 2 - 1);
        }

        Labels = new int[shape.Batch];
        OneHot = new float[shape.Batch * shape.Outputs];
        for (int s = 0; s < shape.Batch; s++)
        {
            Labels[s] = random.Next(shape.Outputs);
            OneHot[s * shape.Outputs + Labels[s]] = 1f;
        }

        Sample = Inputs.AsSpan(0, shape.Inputs).ToArray();
    }

    /// <summary>batch × inputs, row-major.</summary>
    public float[] Inputs { get; }

    /// <summary>The class of each sample.</summary>
    public int[] Labels { get; }

    /// <summary>batch × outputs, one-hot.</summary>
    public float[] OneHot { get; }

    /// <summary>The first sample alone, for inference.</summary>
    public float[] Sample { get; }
}
