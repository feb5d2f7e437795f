using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// The cost of a declared input scaling (<c>[Network(InputScaling = InputScaling.Standardize)]</c>,
/// docs/training.md "Models carry their preprocessing"): each scaled network against its unscaled twin,
/// in a small unrolled network (4-16-3) and a SIMD one (64-128-10): one training step (TrainBatch, batch
/// 32), Predict and PredictBatch (64 rows). The ratio scaled ÷ unscaled is in docs/benchmarks.md.
/// </summary>
public class InputScalingBenchmarks
{
    private const int Batch = 32, PredictRows = 64;
    private ITrainableNetwork _network = null!;
    private float[] _inputs = null!, _targets = null!, _sample = null!, _output = null!, _batchOutput = null!;

    public static IEnumerable<string> Networks => new[]
    {
        "4-16-3", "4-16-3 Standardize", "64-128-10", "64-128-10 Standardize",
    };

    [ParamsSource(nameof(Networks))]
    public string Network { get; set; } = "4-16-3";

    [GlobalSetup]
    public void Setup()
    {
        _network = Network switch
        {
            "4-16-3" => new Small4x16x3Tanh(),
            "4-16-3 Standardize" => new Small4x16x3Scaled(),
            "64-128-10" => new Simd64x128x10Tanh(),
            _ => new Simd64x128x10Scaled(),
        };
        var random = new SeededRandom(1);
        _inputs = new float[PredictRows * _network.InputSize];
        for (int i = 0; i < _inputs.Length; i++)
        {
            _inputs[i] = 2f * random.NextSingle() - 1f;
        }

        if (_network is IInputScaled scaled)
        {
            scaled.FitInputScaling(_inputs, PredictRows);
        }

        _targets = new float[Batch * _network.OutputSize];
        for (int s = 0; s < Batch; s++)
        {
            _targets[s * _network.OutputSize + s % _network.OutputSize] = 1f;
        }

        _sample = _inputs.AsSpan(0, _network.InputSize).ToArray();
        _output = new float[_network.OutputSize];
        _batchOutput = new float[PredictRows * _network.OutputSize];
    }

    /// <summary>One training step: scaling (when declared), forward, loss, backward, SGD update.</summary>
    [Benchmark]
    public float TrainBatch() => _network.TrainBatch(_inputs.AsSpan(0, Batch * _network.InputSize), _targets, Batch);

    [Benchmark]
    public void Predict() => _network.Predict(_sample, _output);

    [Benchmark]
    public void PredictBatch() => _network.PredictBatch(_inputs, _batchOutput, PredictRows);
}

[Network(Inputs = 4, Seed = 1, CodeGen = CodeGen.Unrolled, InputScaling = InputScaling.Standardize)]
[Dense(16, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 32)]
public partial class Small4x16x3Scaled { }

[Network(Inputs = 64, Seed = 1, CodeGen = CodeGen.Simd, InputScaling = InputScaling.Standardize)]
[Dense(128, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 32)]
public partial class Simd64x128x10Scaled { }
