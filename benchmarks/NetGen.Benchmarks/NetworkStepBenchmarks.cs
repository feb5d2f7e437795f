using System;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// The three measurements a network comparison takes (one training step, TrainBatch with batch 32;
/// Predict of one row; PredictBatch of 64 rows) on inputs uniform in [−1, 1) from seed 1 and one-hot
/// targets. A derived class names its networks (a [ParamsSource] property) and creates the one asked for.
/// </summary>
public abstract class NetworkStepBenchmarks
{
    private const int Batch = 32, PredictRows = 64;
    private ITrainableNetwork _network = null!;
    private float[] _inputs = null!, _targets = null!, _sample = null!, _output = null!, _batchOutput = null!;

    /// <summary>The network of this benchmark case.</summary>
    protected abstract ITrainableNetwork Create();

    [GlobalSetup]
    public void Setup()
    {
        _network = Create();
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

    /// <summary>One training step: forward (after the input scaling, when declared), loss, backward, SGD update.</summary>
    [Benchmark]
    public float TrainBatch() => _network.TrainBatch(_inputs.AsSpan(0, Batch * _network.InputSize), _targets, Batch);

    [Benchmark]
    public void Predict() => _network.Predict(_sample, _output);

    [Benchmark]
    public void PredictBatch() => _network.PredictBatch(_inputs, _batchOutput, PredictRows);
}
