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
public class CustomActivationBenchmarks : NetworkStepBenchmarks
{
    public static IEnumerable<string> Networks => new[]
    {
        "4-16-3 Tanh", "4-16-3 MyTanh", "4-16-3 SiLU", "4-16-3 MySwish",
        "64-128-10 Tanh", "64-128-10 MyTanh", "64-128-10 SiLU", "64-128-10 MySwish",
    };

    [ParamsSource(nameof(Networks))]
    public string Network { get; set; } = "4-16-3 Tanh";

    /// <inheritdoc />
    protected override ITrainableNetwork Create() => Network switch
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
