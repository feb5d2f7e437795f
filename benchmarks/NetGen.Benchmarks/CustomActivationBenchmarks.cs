using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>
/// A custom activation (a C# method differentiated by the generator, docs/custom-functions.md) against
/// the built-in it equals: tanh written as <c>MathF.Tanh(x)</c> against Activation.Tanh, and Swish
/// written as <c>x / (1 + e^−x)</c> against Activation.SiLU, in a small unrolled network (4-16-3) and a
/// SIMD one (64-128-10): one training step (TrainBatch, batch 32), Predict and PredictBatch (64 rows).
/// The ratio custom ÷ built-in is the "within a stated factor" (docs/benchmarks.md).
/// </summary>
public class CustomActivationBenchmarks
{
    private const int Batch = 32, PredictRows = 64;
    private ITrainableNetwork _network = null!;
    private float[] _inputs = null!, _targets = null!, _sample = null!, _output = null!, _batchOutput = null!;

    public static IEnumerable<string> Networks => new[]
    {
        "4-16-3 Tanh", "4-16-3 MyTanh", "4-16-3 SiLU", "4-16-3 MySwish",
        "64-128-10 Tanh", "64-128-10 MyTanh", "64-128-10 SiLU", "64-128-10 MySwish",
    };

    [ParamsSource(nameof(Networks))]
    public string Network { get; set; } = "4-16-3 Tanh";

    [GlobalSetup]
    public void Setup()
    {
        _network = Network switch
        {
            "4-16-3 Tanh" => new Small4x16x3Tanh(),
            "4-16-3 MyTanh" => new Small4x16x3MyTanh(),
            "4-16-3 SiLU" => new Small4x16x3SiLU(),
            "4-16-3 MySwish" => new Small4x16x3MySwish(),
            "64-128-10 Tanh" => new Simd64x128x10Tanh(),
            "64-128-10 MyTanh" => new Simd64x128x10MyTanh(),
            "64-128-10 SiLU" => new Simd64x128x10SiLU(),
            _ => new Simd64x128x10MySwish(),
        };
        var random = new SeededRandom(1);
        _inputs = new float[PredictRows * _network.InputSize];
        for (int i = 0; i < _inputs.Length; i++)
        {
            _inputs[i] = 2f * random.NextSingle() - 1f;
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

    /// <summary>One training step: forward, loss, backward, SGD update.</summary>
    [Benchmark]
    public float TrainBatch() => _network.TrainBatch(_inputs.AsSpan(0, Batch * _network.InputSize), _targets, Batch);

    [Benchmark]
    public void Predict() => _network.Predict(_sample, _output);

    [Benchmark]
    public void PredictBatch() => _network.PredictBatch(_inputs, _batchOutput, PredictRows);
}

/// <summary>The built-ins written as C# methods.</summary>
public static class BenchmarkFunctions
{
    public static float MyTanh(float x) => MathF.Tanh(x);

    public static float MySwish(float x) => x / (1f + MathF.Exp(-x));
}

[Network(Inputs = 4, Seed = 1, CodeGen = CodeGen.Unrolled)]
[Dense(16, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 32)]
public partial class Small4x16x3Tanh { }

[Network(Inputs = 4, Seed = 1, CodeGen = CodeGen.Unrolled)]
[Dense(16, typeof(BenchmarkFunctions), nameof(BenchmarkFunctions.MyTanh))]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 32)]
public partial class Small4x16x3MyTanh { }

[Network(Inputs = 4, Seed = 1, CodeGen = CodeGen.Unrolled)]
[Dense(16, Activation.SiLU)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 32)]
public partial class Small4x16x3SiLU { }

[Network(Inputs = 4, Seed = 1, CodeGen = CodeGen.Unrolled)]
[Dense(16, typeof(BenchmarkFunctions), nameof(BenchmarkFunctions.MySwish))]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 32)]
public partial class Small4x16x3MySwish { }

[Network(Inputs = 64, Seed = 1, CodeGen = CodeGen.Simd)]
[Dense(128, Activation.Tanh)]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 32)]
public partial class Simd64x128x10Tanh { }

[Network(Inputs = 64, Seed = 1, CodeGen = CodeGen.Simd)]
[Dense(128, typeof(BenchmarkFunctions), nameof(BenchmarkFunctions.MyTanh))]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 32)]
public partial class Simd64x128x10MyTanh { }

[Network(Inputs = 64, Seed = 1, CodeGen = CodeGen.Simd)]
[Dense(128, Activation.SiLU)]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 32)]
public partial class Simd64x128x10SiLU { }

[Network(Inputs = 64, Seed = 1, CodeGen = CodeGen.Simd)]
[Dense(128, typeof(BenchmarkFunctions), nameof(BenchmarkFunctions.MySwish))]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 32)]
public partial class Simd64x128x10MySwish { }
