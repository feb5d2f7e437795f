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
public class InputScalingBenchmarks : NetworkStepBenchmarks
{
    public static IEnumerable<string> Networks => new[]
    {
        "4-16-3", "4-16-3 Standardize", "64-128-10", "64-128-10 Standardize",
    };

    [ParamsSource(nameof(Networks))]
    public string Network { get; set; } = "4-16-3";

    /// <inheritdoc />
    protected override ITrainableNetwork Create() => Network switch
    {
        "4-16-3" => new Small4x16x3Tanh(),
        "4-16-3 Standardize" => new Small4x16x3Scaled(),
        "64-128-10" => new Simd64x128x10Tanh(),
        _ => new Simd64x128x10Scaled(),
    };
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
