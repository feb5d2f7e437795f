using System;

namespace NetGen.Tests;

/// <summary>Losses written as C# methods, differentiated by the generator (docs/custom-functions.md, "Custom loss").</summary>
public static class MyLosses
{
    /// <summary>The pinball (quantile) loss of τ = 0.9: a branch on the sign of the error.</summary>
    public static float Pinball(float prediction, float target)
    {
        float e = target - prediction;
        return e >= 0f ? 0.9f * e : (0.9f - 1f) * e;
    }

    /// <summary>log cosh of the error: ½e² near 0, |e| − ln 2 far away.</summary>
    public static float LogCosh(float prediction, float target) => MathF.Log(MathF.Cosh(prediction - target));

    /// <summary>A squared error that costs 5× more where the target is above ½ (a branch on the target only).</summary>
    public static float CostWeighted(float prediction, float target)
    {
        float e = prediction - target;
        return (target > 0.5f ? 5f : 1f) * e * e;
    }

    /// <summary>A smooth L1, composed from another [Differentiate] method: √(e² + ε²).</summary>
    public static float SmoothL1(float prediction, float target) => LossParts.SoftAbs(prediction - target);

    /// <summary>The squared error written out: equal to Loss.MeanSquaredError's element.</summary>
    public static float Squared(float prediction, float target) => (prediction - target) * (prediction - target);

    // The same losses in double, with ∂L/∂p written by hand from the formulas, for the reference.
    public static double PinballReference(double p, double t) => t - p >= 0 ? 0.9 * (t - p) : -0.1 * (t - p);

    public static double PinballDerivativeReference(double p, double t) => t - p >= 0 ? -0.9 : 0.1;

    public static double LogCoshReference(double p, double t) => Math.Log(Math.Cosh(p - t));

    public static double LogCoshDerivativeReference(double p, double t) => Math.Tanh(p - t);

    public static double CostWeightedReference(double p, double t) => (t > 0.5 ? 5 : 1) * (p - t) * (p - t);

    public static double CostWeightedDerivativeReference(double p, double t) => (t > 0.5 ? 5 : 1) * 2 * (p - t);

    public static double SmoothL1Reference(double p, double t) => Math.Sqrt((p - t) * (p - t) + 0.01);

    public static double SmoothL1DerivativeReference(double p, double t) => (p - t) / Math.Sqrt((p - t) * (p - t) + 0.01);
}

/// <summary>A [Differentiate] function a loss calls: its gradient is generated into this (partial) class.</summary>
public static partial class LossParts
{
    /// <summary>A smooth |x|: √(x² + 0.01).</summary>
    [Differentiate]
    public static float SoftAbs(float x) => MathF.Sqrt(x * x + 0.01f);
}

/// <summary>Pinball after an identity output, unrolled.</summary>
[Network(Inputs = 3, Seed = 51, CodeGen = CodeGen.Unrolled)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Identity)]
[Training(typeof(MyLosses), nameof(MyLosses.Pinball), Optimizer.Adam, BatchSize = 6)]
public partial class PinballIdentityUnrolled { }

/// <summary>Pinball after an identity output in lanes (CodeGen.Auto): the loss runs on rows.</summary>
[Network(Inputs = 3, Seed = 52)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Identity)]
[Training(typeof(MyLosses), nameof(MyLosses.Pinball), Optimizer.Sgd, BatchSize = 6)]
public partial class PinballIdentityLanes { }

/// <summary>log cosh after a sigmoid output, SIMD layers.</summary>
[Network(Inputs = 20, Seed = 53, CodeGen = CodeGen.Simd)]
[Dense(17, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
[Training(typeof(MyLosses), nameof(MyLosses.LogCosh), BatchSize = 5)]
public partial class LogCoshSigmoidSimd { }

/// <summary>log cosh after an identity output, unrolled, two threads.</summary>
[Network(Inputs = 3, Seed = 54, CodeGen = CodeGen.Unrolled, Threads = 2)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.Identity)]
[Training(typeof(MyLosses), nameof(MyLosses.LogCosh), BatchSize = 6)]
public partial class LogCoshIdentityThreads { }

/// <summary>The cost-weighted squared error after a softmax output (its Jacobian product), unrolled.</summary>
[Network(Inputs = 3, Seed = 55, CodeGen = CodeGen.Unrolled)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
[Training(typeof(MyLosses), nameof(MyLosses.CostWeighted), BatchSize = 6)]
public partial class CostWeightedSoftmaxUnrolled { }

/// <summary>The cost-weighted squared error after a softmax output, SIMD layers.</summary>
[Network(Inputs = 20, Seed = 56, CodeGen = CodeGen.Simd)]
[Dense(17, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
[Training(typeof(MyLosses), nameof(MyLosses.CostWeighted), BatchSize = 5)]
public partial class CostWeightedSoftmaxSimd { }

/// <summary>A smooth L1 composed from a [Differentiate] function, after a sigmoid output, unrolled.</summary>
[Network(Inputs = 3, Seed = 57, CodeGen = CodeGen.Unrolled)]
[Dense(5, Activation.Tanh)]
[Dense(3, Activation.Sigmoid)]
[Training(typeof(MyLosses), nameof(MyLosses.SmoothL1), BatchSize = 6)]
public partial class SmoothL1SigmoidUnrolled { }

/// <summary>A smooth L1 composed from a [Differentiate] function, after an identity output, SIMD layers.</summary>
[Network(Inputs = 20, Seed = 58, CodeGen = CodeGen.Simd)]
[Dense(17, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(typeof(MyLosses), nameof(MyLosses.SmoothL1), BatchSize = 5)]
public partial class SmoothL1IdentitySimd { }

/// <summary>The squared error written as a custom loss, and the same network with Loss.MeanSquaredError: equal losses and gradients.</summary>
[Network(Inputs = 3, Seed = 59)]
[Dense(6, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(typeof(MyLosses), nameof(MyLosses.Squared), BatchSize = 8)]
public partial class SquaredCustomLanes { }

/// <summary>Loss.MeanSquaredError twin of <see cref="SquaredCustomLanes"/> (lanes form of the built-in loss).</summary>
[Network(Inputs = 3, Seed = 59)]
[Dense(6, Activation.Tanh)]
[Dense(3, Activation.Identity)]
[Training(Loss.MeanSquaredError, BatchSize = 8)]
public partial class SquaredBuiltinLanes { }

/// <summary>The squared error written as a custom loss after a sigmoid, SIMD layers.</summary>
[Network(Inputs = 20, Seed = 60, CodeGen = CodeGen.Simd)]
[Dense(17, Activation.ReLU)]
[Dense(3, Activation.Sigmoid)]
[Training(typeof(MyLosses), nameof(MyLosses.Squared), BatchSize = 5)]
public partial class SquaredCustomSimd { }

/// <summary>Loss.MeanSquaredError twin of <see cref="SquaredCustomSimd"/>.</summary>
[Network(Inputs = 20, Seed = 60, CodeGen = CodeGen.Simd)]
[Dense(17, Activation.ReLU)]
[Dense(3, Activation.Sigmoid)]
[Training(Loss.MeanSquaredError, BatchSize = 5)]
public partial class SquaredBuiltinSimd { }

/// <summary>The 90th-percentile regression of the learning test: pinball τ = 0.9.</summary>
[Network(Inputs = 1, Seed = 61)]
[Dense(16, Activation.Tanh)]
[Dense(1, Activation.Identity)]
[Training(typeof(MyLosses), nameof(MyLosses.Pinball), Optimizer.Adam, LearningRate = 0.01f, BatchSize = 32)]
public partial class QuantileRegression { }

/// <summary>The same network with MSE: the conditional mean.</summary>
[Network(Inputs = 1, Seed = 61)]
[Dense(16, Activation.Tanh)]
[Dense(1, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 32)]
public partial class MeanRegression { }

/// <summary>docs/custom-functions.md's worked example, exactly as the page shows it: it must compile.</summary>
public static class DocsExampleFunctions
{
    /// <summary>Swish with a constant β, written so that neither branch overflows.</summary>
    public static float Swish(float x, float beta = 1f) =>
        x >= 0f ? x / (1f + MathF.Exp(-beta * x)) : x * MathF.Exp(beta * x) / (1f + MathF.Exp(beta * x));

    /// <summary>The pinball loss of τ = 0.9.</summary>
    public static float Pinball90(float prediction, float target)
    {
        float e = target - prediction;
        return e >= 0f ? 0.9f * e : -0.1f * e;   // its minimiser is the 90th percentile of the target
    }
}

/// <summary>docs/custom-functions.md's Upper90.</summary>
[Network(Inputs = 8)]
[Dense(64, typeof(DocsExampleFunctions), nameof(DocsExampleFunctions.Swish), Arguments = new[] { 1.5f })]
[Dense(64, typeof(DocsExampleFunctions), nameof(DocsExampleFunctions.Swish))]
[Dense(1)]
[Training(typeof(DocsExampleFunctions), nameof(DocsExampleFunctions.Pinball90), Optimizer.Adam, LearningRate = 0.01f)]
public partial class DocsUpper90 { }
