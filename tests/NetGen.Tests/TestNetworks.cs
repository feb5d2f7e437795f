using NetGen;

namespace NetGen.Tests;

// Networks declared exactly as a user would; the generator runs on this project as an analyzer.
// Shapes are small (the gradient checks probe every parameter) but cover both code strategies:
// layers with at most 256 weights are fully unrolled, larger ones use loops.

[Network(Inputs = 3, Seed = 11)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class TanhIdentityMse { }

[Network(Inputs = 3, Seed = 12)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.Sigmoid)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class SigmoidSigmoidMse { }

[Network(Inputs = 3, Seed = 13)]
[Dense(6, Activation.ReLU)]
[Dense(4, Activation.Tanh)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class ReluTanhMse { }

[Network(Inputs = 3, Seed = 14)]
[Dense(5, Activation.Identity)]
[Dense(4, Activation.Softmax)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class IdentitySoftmaxMse { }

[Network(Inputs = 3, Seed = 15)]
[Dense(5, Activation.ReLU)]
[Dense(6, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 6)]
public partial class ReluTanhSoftmaxCrossEntropy { }

[Network(Inputs = 4, Seed = 16)]
[Dense(5, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 6)]
public partial class SigmoidSoftmaxCrossEntropy { }

/// <summary>Layers of 20×17 and 17×16 weights use scalar loops (forced); 16×3 is unrolled: both strategies meet in backward.</summary>
[Network(Inputs = 20, Seed = 17, CodeGen = CodeGen.Loops)]
[Dense(17, Activation.Sigmoid)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 5)]
public partial class LoopsSoftmaxCrossEntropy { }

/// <summary>A loop layer (4×70) feeding a loop layer (70×5) with an identity output (scalar loops forced).</summary>
[Network(Inputs = 4, Seed = 18, CodeGen = CodeGen.Loops)]
[Dense(70, Activation.Tanh)]
[Dense(5, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 5)]
public partial class LoopsTanhIdentityMse { }

/// <summary>The activations beyond the foundation set, with explicit α where they take one.</summary>
[Network(Inputs = 3, Seed = 19)]
[Dense(4, Activation.ArcTan)]
[Dense(4, Activation.LeakyReLU, Alpha = 0.1f)]
[Dense(4, Activation.ELU, Alpha = 0.7f)]
[Dense(3, Activation.SoftPlus)]
[Training(Loss.HalfSquaredError, Optimizer.Sgd, BatchSize = 4)]
public partial class MoreActivationsHalfSquared { }

[Network(Inputs = 3, Seed = 20)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.Identity)]
[Training(Loss.Huber, Optimizer.Sgd, HuberDelta = 0.5f, BatchSize = 6)]
public partial class TanhIdentityHuber { }

[Network(Inputs = 3, Seed = 21)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
[Training(Loss.BinaryCrossEntropy, Optimizer.Sgd, BatchSize = 6)]
public partial class TanhSigmoidBinaryCrossEntropy { }

/// <summary>A 2 → 3 identity layer, for exact checks of the parameter layout.</summary>
[Network(Inputs = 2, Seed = 1)]
[Dense(3, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.5f, BatchSize = 2)]
public partial class Affine2x3 { }

/// <summary>Inference only: no [Training], so no backward code and no Gradients.</summary>
[Network(Inputs = 2, Seed = 5)]
[Dense(3, Activation.BinaryStep)]
[Dense(2, Activation.Identity)]
public partial class InferenceOnly { }

/// <summary>A larger network whose Predict keeps its scratch in instance buffers, not on the stack.</summary>
[Network(Inputs = 8, Seed = 6)]
[Dense(9000, Activation.ReLU)]
[Dense(2, Activation.Identity)]
public partial class WideInferenceOnly { }

public static partial class Outer
{
    /// <summary>A network nested in another partial type.</summary>
    [Network(Inputs = 2, Seed = 2)]
    [Dense(2, Activation.Tanh)]
    [Training(Loss.MeanSquaredError)]
    public partial class Nested { }
}

/// <summary>PReLU in loop layers (20×17, 17×16), its slopes learned before a softmax output.</summary>
[Network(Inputs = 20, Seed = 22)]
[Dense(17, Activation.PReLU)]
[Dense(16, Activation.PReLU, Alpha = 0.1f)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 4)]
public partial class LoopsPReLUCrossEntropy { }

/// <summary>A PReLU output layer after a loop layer: the slopes' gradient comes from the loss kernel.</summary>
[Network(Inputs = 4, Seed = 23)]
[Dense(70, Activation.ELU)]
[Dense(5, Activation.PReLU)]
[Training(Loss.Huber, Optimizer.Sgd, BatchSize = 4)]
public partial class LoopsPReLUHuber { }

/// <summary>A network whose class declares its own constructors: the parameters are still initialised.</summary>
[Network(Inputs = 3, Seed = 11)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class WithConstructors
{
    public WithConstructors(string name) => Name = name;

    public WithConstructors() : this("default") { }

    public string Name { get; }
}

/// <summary>As LoopsSoftmaxCrossEntropy, with the SIMD kernels (the default above 256 weights).</summary>
[Network(Inputs = 20, Seed = 17)]
[Dense(17, Activation.Sigmoid)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 5)]
public partial class SimdSoftmaxCrossEntropy { }

/// <summary>As LoopsTanhIdentityMse, with the SIMD kernels.</summary>
[Network(Inputs = 4, Seed = 18)]
[Dense(70, Activation.Tanh)]
[Dense(5, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 5)]
public partial class SimdTanhIdentityMse { }

/// <summary>PReLU and ELU in SIMD layers, a softmax output through a SIMD layer.</summary>
[Network(Inputs = 20, Seed = 24, CodeGen = CodeGen.Simd)]
[Dense(17, Activation.PReLU)]
[Dense(19, Activation.ELU, Alpha = 0.5f)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 5)]
public partial class SimdPReLUEluSoftmax { }

/// <summary>A log-softmax output, unrolled: its Jacobian-vector product in the loss kernel.</summary>
[Network(Inputs = 3, Seed = 25)]
[Dense(5, Activation.Identity)]
[Dense(4, Activation.LogSoftmax)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class IdentityLogSoftmaxMse { }

/// <summary>A log-softmax output after a loop layer (70×5, scalar loops forced).</summary>
[Network(Inputs = 4, Seed = 26, CodeGen = CodeGen.Loops)]
[Dense(70, Activation.Tanh)]
[Dense(5, Activation.LogSoftmax)]
[Training(Loss.HalfSquaredError, Optimizer.Sgd, BatchSize = 5)]
public partial class LoopsLogSoftmaxHalfSquared { }

/// <summary>A log-softmax output through a SIMD layer (17×16).</summary>
[Network(Inputs = 20, Seed = 27, CodeGen = CodeGen.Simd)]
[Dense(17, Activation.ReLU)]
[Dense(16, Activation.LogSoftmax)]
[Training(Loss.Huber, Optimizer.Sgd, BatchSize = 5)]
public partial class SimdLogSoftmaxHuber { }

// GELU in each strategy: unrolled (and as the output of a loss), loops, SIMD (vectorised f and f′).
[Network(Inputs = 3, Seed = 41)]
[Dense(5, Activation.GELU)]
[Dense(4, Activation.GELU)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class GeluUnrolledMse { }

[Network(Inputs = 4, Seed = 42, CodeGen = CodeGen.Loops)]
[Dense(70, Activation.GELU)]
[Dense(5, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 5)]
public partial class GeluLoopsMse { }

[Network(Inputs = 20, Seed = 43, CodeGen = CodeGen.Simd)]
[Dense(17, Activation.GELU)]
[Dense(16, Activation.GELU)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 9)]
public partial class GeluSimdCrossEntropy { }

// SiLU in each strategy: unrolled (and as the output of a loss), loops, SIMD (vectorised f and f′).
[Network(Inputs = 3, Seed = 44)]
[Dense(5, Activation.SiLU)]
[Dense(4, Activation.SiLU)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class SiluUnrolledMse { }

[Network(Inputs = 4, Seed = 45, CodeGen = CodeGen.Loops)]
[Dense(70, Activation.SiLU)]
[Dense(5, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 5)]
public partial class SiluLoopsMse { }

[Network(Inputs = 20, Seed = 46, CodeGen = CodeGen.Simd)]
[Dense(17, Activation.SiLU)]
[Dense(16, Activation.SiLU)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 9)]
public partial class SiluSimdCrossEntropy { }

// Mish in each strategy: unrolled (and as the output of a loss), loops, SIMD (vectorised f and f′).
[Network(Inputs = 3, Seed = 47)]
[Dense(5, Activation.Mish)]
[Dense(4, Activation.Mish)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class MishUnrolledMse { }

[Network(Inputs = 4, Seed = 48, CodeGen = CodeGen.Loops)]
[Dense(70, Activation.Mish)]
[Dense(5, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 5)]
public partial class MishLoopsMse { }

[Network(Inputs = 20, Seed = 49, CodeGen = CodeGen.Simd)]
[Dense(17, Activation.Mish)]
[Dense(16, Activation.Mish)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, BatchSize = 9)]
public partial class MishSimdCrossEntropy { }
