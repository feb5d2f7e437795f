// Networks for SampleWeightStrategyTests: every loss under every code strategy (and Threads = 2), the same
// architecture per loss so that the strategies can be compared parameter for parameter.
using NetGen;

namespace NetGen.Tests.Weighted;

[Network(Inputs = 3, Seed = 81, CodeGen = CodeGen.Loops)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class MseLoops { }

[Network(Inputs = 3, Seed = 81, CodeGen = CodeGen.Simd)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class MseSimd { }

[Network(Inputs = 3, Seed = 81, CodeGen = CodeGen.Unrolled)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class MseUnrolled { }

[Network(Inputs = 3, Seed = 81, CodeGen = CodeGen.Lanes)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class MseLanes { }

[Network(Inputs = 3, Seed = 81, CodeGen = CodeGen.Simd, Threads = 2)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class MseSimdThreads { }

[Network(Inputs = 3, Seed = 81, CodeGen = CodeGen.Lanes, Threads = 2)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class MseLanesThreads { }

[Network(Inputs = 3, Seed = 82, CodeGen = CodeGen.Loops)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.HalfSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class HalfLoops { }

[Network(Inputs = 3, Seed = 82, CodeGen = CodeGen.Simd)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.HalfSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class HalfSimd { }

[Network(Inputs = 3, Seed = 82, CodeGen = CodeGen.Unrolled)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.HalfSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class HalfUnrolled { }

[Network(Inputs = 3, Seed = 82, CodeGen = CodeGen.Lanes)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.HalfSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class HalfLanes { }

[Network(Inputs = 3, Seed = 82, CodeGen = CodeGen.Simd, Threads = 2)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.HalfSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class HalfSimdThreads { }

[Network(Inputs = 3, Seed = 82, CodeGen = CodeGen.Lanes, Threads = 2)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.HalfSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class HalfLanesThreads { }

[Network(Inputs = 3, Seed = 83, CodeGen = CodeGen.Loops)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.Huber, Optimizer.Sgd, BatchSize = 6, HuberDelta = 0.5f)]
public partial class HuberLoops { }

[Network(Inputs = 3, Seed = 83, CodeGen = CodeGen.Simd)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.Huber, Optimizer.Sgd, BatchSize = 6, HuberDelta = 0.5f)]
public partial class HuberSimd { }

[Network(Inputs = 3, Seed = 83, CodeGen = CodeGen.Unrolled)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.Huber, Optimizer.Sgd, BatchSize = 6, HuberDelta = 0.5f)]
public partial class HuberUnrolled { }

[Network(Inputs = 3, Seed = 83, CodeGen = CodeGen.Lanes)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.Huber, Optimizer.Sgd, BatchSize = 6, HuberDelta = 0.5f)]
public partial class HuberLanes { }

[Network(Inputs = 3, Seed = 83, CodeGen = CodeGen.Simd, Threads = 2)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.Huber, Optimizer.Sgd, BatchSize = 6, HuberDelta = 0.5f)]
public partial class HuberSimdThreads { }

[Network(Inputs = 3, Seed = 83, CodeGen = CodeGen.Lanes, Threads = 2)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.Huber, Optimizer.Sgd, BatchSize = 6, HuberDelta = 0.5f)]
public partial class HuberLanesThreads { }

[Network(Inputs = 3, Seed = 84, CodeGen = CodeGen.Loops)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
[Training(Loss.BinaryCrossEntropy, Optimizer.Sgd, BatchSize = 6)]
public partial class BceLoops { }

[Network(Inputs = 3, Seed = 84, CodeGen = CodeGen.Simd)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
[Training(Loss.BinaryCrossEntropy, Optimizer.Sgd, BatchSize = 6)]
public partial class BceSimd { }

[Network(Inputs = 3, Seed = 84, CodeGen = CodeGen.Unrolled)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
[Training(Loss.BinaryCrossEntropy, Optimizer.Sgd, BatchSize = 6)]
public partial class BceUnrolled { }

[Network(Inputs = 3, Seed = 84, CodeGen = CodeGen.Lanes)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
[Training(Loss.BinaryCrossEntropy, Optimizer.Sgd, BatchSize = 6)]
public partial class BceLanes { }

[Network(Inputs = 3, Seed = 84, CodeGen = CodeGen.Simd, Threads = 2)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
[Training(Loss.BinaryCrossEntropy, Optimizer.Sgd, BatchSize = 6)]
public partial class BceSimdThreads { }

[Network(Inputs = 3, Seed = 84, CodeGen = CodeGen.Lanes, Threads = 2)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
[Training(Loss.BinaryCrossEntropy, Optimizer.Sgd, BatchSize = 6)]
public partial class BceLanesThreads { }

[Network(Inputs = 3, Seed = 85, CodeGen = CodeGen.Loops)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 6)]
public partial class CeLoops { }

[Network(Inputs = 3, Seed = 85, CodeGen = CodeGen.Simd)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 6)]
public partial class CeSimd { }

[Network(Inputs = 3, Seed = 85, CodeGen = CodeGen.Unrolled)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 6)]
public partial class CeUnrolled { }

[Network(Inputs = 3, Seed = 85, CodeGen = CodeGen.Lanes)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 6)]
public partial class CeLanes { }

[Network(Inputs = 3, Seed = 85, CodeGen = CodeGen.Simd, Threads = 2)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 6)]
public partial class CeSimdThreads { }

[Network(Inputs = 3, Seed = 85, CodeGen = CodeGen.Lanes, Threads = 2)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 6)]
public partial class CeLanesThreads { }

// The output activation's derivative (tanh) and PReLU's learned slopes on the weighted path.
[Network(Inputs = 3, Seed = 90, CodeGen = CodeGen.Simd)]
[Dense(5, Activation.ReLU)]
[Dense(3, Activation.Tanh)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class TanhOutMseSimd { }

[Network(Inputs = 3, Seed = 91, CodeGen = CodeGen.Loops)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.PReLU)]
[Training(Loss.Huber, Optimizer.Sgd, BatchSize = 6)]
public partial class PReLUHuberLoops { }

// y = w·x + b, one weight: the hand-computed case, in every strategy.
[Network(Inputs = 1, CodeGen = CodeGen.Loops)][Dense(1, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 2)]
public partial class TinyLoops { }

[Network(Inputs = 1, CodeGen = CodeGen.Unrolled)][Dense(1, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 2)]
public partial class TinyUnrolled { }

[Network(Inputs = 1, CodeGen = CodeGen.Simd)][Dense(1, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 2)]
public partial class TinySimd { }

[Network(Inputs = 1, CodeGen = CodeGen.Lanes)][Dense(1, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 2)]
public partial class TinyLanes { }

[Network(Inputs = 1, CodeGen = CodeGen.Loops, Threads = 2)][Dense(1, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 2)]
public partial class TinyThreads { }

// The imbalanced-data test: two features, a sigmoid output.
[Network(Inputs = 2, Seed = 5)]
[Dense(8, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
[Training(Loss.BinaryCrossEntropy, Optimizer.Adam, LearningRate = 0.02f, BatchSize = 32)]
public partial class RareClassNet { }

/// <summary>Each loss with a factory per strategy; the first (Loops) is the one the others are compared with.</summary>
internal static class WeightedCases
{
    public static readonly (string Name, Loss Loss, System.Func<ITrainableNetwork>[] Strategies)[] All =
    {
        ("Mse", Loss.MeanSquaredError, new System.Func<ITrainableNetwork>[] { () => new MseLoops(), () => new MseSimd(), () => new MseUnrolled(), () => new MseLanes(), () => new MseSimdThreads(), () => new MseLanesThreads() }),
        ("Half", Loss.HalfSquaredError, new System.Func<ITrainableNetwork>[] { () => new HalfLoops(), () => new HalfSimd(), () => new HalfUnrolled(), () => new HalfLanes(), () => new HalfSimdThreads(), () => new HalfLanesThreads() }),
        ("Huber", Loss.Huber, new System.Func<ITrainableNetwork>[] { () => new HuberLoops(), () => new HuberSimd(), () => new HuberUnrolled(), () => new HuberLanes(), () => new HuberSimdThreads(), () => new HuberLanesThreads() }),
        ("Bce", Loss.BinaryCrossEntropy, new System.Func<ITrainableNetwork>[] { () => new BceLoops(), () => new BceSimd(), () => new BceUnrolled(), () => new BceLanes(), () => new BceSimdThreads(), () => new BceLanesThreads() }),
        ("Ce", Loss.CrossEntropy, new System.Func<ITrainableNetwork>[] { () => new CeLoops(), () => new CeSimd(), () => new CeUnrolled(), () => new CeLanes(), () => new CeSimdThreads(), () => new CeLanesThreads() }),
    };

    /// <summary>The strategy of each factory above, in order.</summary>
    public static readonly string[] StrategyNames = { "Loops", "Simd", "Unrolled", "Lanes", "SimdThreads", "LanesThreads" };
}
