using System;

namespace NetGen.Tests;

/// <summary>Activations written as C# methods, differentiated by the generator (docs/custom-functions.md).</summary>
public static class MyFunctions
{
    /// <summary>LeCun's scaled tanh, 1.7159·tanh(⅔x).</summary>
    public static float ScaledTanh(float x) => 1.7159f * MathF.Tanh(0.6667f * x);

    /// <summary>A smooth clip with a branch: x inside [−1, 1], 1 + log(x) beyond (mirrored below): C¹, not C².</summary>
    public static float SoftClip(float x)
    {
        float magnitude = MathF.Abs(x);
        float clipped = magnitude <= 1f ? magnitude : 1f + MathF.Log(magnitude);
        return x < 0f ? -clipped : clipped;
    }

    /// <summary>The same functions in double, written by hand, with their derivatives, for the reference.</summary>
    public static double ScaledTanhReference(double x) => 1.7159 * Math.Tanh(0.6667 * x);

    public static double ScaledTanhDerivativeReference(double x) => 1.7159 * 0.6667 * (1 - Math.Tanh(0.6667 * x) * Math.Tanh(0.6667 * x));

    public static double SoftClipReference(double x) => Math.Abs(x) <= 1 ? x : Math.Sign(x) * (1 + Math.Log(Math.Abs(x)));

    public static double SoftClipDerivativeReference(double x) => Math.Abs(x) <= 1 ? 1 : 1 / Math.Abs(x);

    /// <summary>A graph with a node that has no vector form (Atan): SIMD layers keep the scalar loop.</summary>
    public static float HalfArcTan(float x) => 0.5f * MathF.Atan(x);

    public static double HalfArcTanReference(double x) => 0.5 * Math.Atan(x);

    public static double HalfArcTanDerivativeReference(double x) => 0.5 / (1 + x * x);
}

/// <summary>A custom activation in unrolled layers.</summary>
[Network(Inputs = 3, Seed = 41)]
[Dense(5, typeof(MyFunctions), nameof(MyFunctions.ScaledTanh))]
[Dense(4, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class CustomScaledTanhUnrolled { }

/// <summary>A custom activation in loop layers, on a hidden and on the output layer.</summary>
[Network(Inputs = 4, Seed = 42, CodeGen = CodeGen.Loops)]
[Dense(70, typeof(MyFunctions), nameof(MyFunctions.ScaledTanh))]
[Dense(5, typeof(MyFunctions), nameof(MyFunctions.ScaledTanh))]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 5)]
public partial class CustomScaledTanhLoops { }

/// <summary>A custom activation in SIMD layers: a scalar loop over the batch's z.</summary>
[Network(Inputs = 4, Seed = 43, CodeGen = CodeGen.Simd)]
[Dense(70, typeof(MyFunctions), nameof(MyFunctions.ScaledTanh))]
[Dense(5, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 5)]
public partial class CustomScaledTanhSimd { }

/// <summary>A custom activation with branches (conditional operators), unrolled.</summary>
[Network(Inputs = 3, Seed = 44)]
[Dense(5, typeof(MyFunctions), nameof(MyFunctions.SoftClip))]
[Dense(4, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class CustomSoftClipUnrolled { }

/// <summary>A custom activation with branches in SIMD layers (vectorised: selects), trained on two threads.</summary>
[Network(Inputs = 4, Seed = 46, CodeGen = CodeGen.Simd, Threads = 2)]
[Dense(40, typeof(MyFunctions), nameof(MyFunctions.SoftClip))]
[Dense(3, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 7)]
public partial class CustomSoftClipSimdThreads { }

/// <summary>A custom activation on the unrolled output layer: the Loss kernel reads the f′ kept in z.</summary>
[Network(Inputs = 3, Seed = 47)]
[Dense(6, Activation.Tanh)]
[Dense(3, typeof(MyFunctions), nameof(MyFunctions.ScaledTanh))]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 5)]
public partial class CustomScaledTanhOutputUnrolled { }

/// <summary>A custom activation with no vector form (Atan) in a SIMD layer and on the loops output layer.</summary>
[Network(Inputs = 4, Seed = 48, CodeGen = CodeGen.Simd)]
[Dense(70, typeof(MyFunctions), nameof(MyFunctions.HalfArcTan))]
[Dense(3, typeof(MyFunctions), nameof(MyFunctions.HalfArcTan))]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 5)]
public partial class CustomHalfArcTanSimd { }

/// <summary>Log10 has no ONNX operator yet: the export is refused, naming the node.</summary>
public static class NoOnnxFunctions
{
    public static float LogCosh(float x) => MathF.Log10(1f + x * x);
}

/// <summary>A custom activation whose graph has a node with no ONNX form.</summary>
[Network(Inputs = 3, Seed = 45)]
[Dense(4, typeof(NoOnnxFunctions), nameof(NoOnnxFunctions.LogCosh))]
[Dense(2)]
public partial class CustomNoOnnxNet { }
