using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// The cost of one Predict call and of one PredictBatch call over 64 rows, on one thread: the
/// smallest and the largest network of the performance issue, and a network whose Predict scratch
/// (2 × 9,002 floats) is too large for the stack. Measured before and after Predict and
/// PredictBatch became safe for concurrent use (per-thread scratch), see docs/benchmarks.md.
/// </summary>
[MemoryDiagnoser]
public class InferenceBenchmarks
{
    private const int Batch = 64;
    private INeuralNetwork _network = null!;
    private float[] _sample = null!, _output = null!, _batch = null!, _batchOutput = null!;

    public static IEnumerable<string> Networks => new[] { "4-16-3", "784-512-512-10", "4-9000-2" };

    [ParamsSource(nameof(Networks))]
    public string Network { get; set; } = "4-16-3";

    [GlobalSetup]
    public void Setup()
    {
        _network = Network switch
        {
            "4-16-3" => new Inference4x16x3(),
            "784-512-512-10" => new Inference784x512x512x10(),
            _ => new Inference4x9000x2(),
        };
        var random = new SeededRandom(1);
        _batch = new float[Batch * _network.InputSize];
        for (int i = 0; i < _batch.Length; i++)
        {
            _batch[i] = 2f * random.NextSingle() - 1f;
        }

        _sample = _batch.AsSpan(0, _network.InputSize).ToArray();
        _output = new float[_network.OutputSize];
        _batchOutput = new float[Batch * _network.OutputSize];
    }

    [Benchmark]
    public void Predict() => _network.Predict(_sample, _output);

    [Benchmark]
    public void PredictBatch() => _network.PredictBatch(_batch, _batchOutput, Batch);
}

[Network(Inputs = 4, Seed = 1)]
[Dense(16, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class Inference4x16x3 { }

[Network(Inputs = 784, Seed = 1)]
[Dense(512, Activation.ReLU)]
[Dense(512, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Inference784x512x512x10 { }

[Network(Inputs = 4, Seed = 1)]
[Dense(9000, Activation.ReLU)]
[Dense(2, Activation.Identity)]
public partial class Inference4x9000x2 { }
