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

/// <summary>An activation that calls another [Differentiate] method: Mish written by hand.</summary>
public static partial class ComposedFunctions
{
    /// <summary>softplus(x) = log(1 + eˣ): a [Differentiate] method of its own (the type is partial for its gradient).</summary>
    [Differentiate]
    public static float Softplus(float x) => MathF.Log(1f + MathF.Exp(x));

    /// <summary>Mish, x·tanh(softplus(x)), composed from the call.</summary>
    public static float HandMish(float x) => x * MathF.Tanh(Softplus(x));
}

/// <summary>A composed custom activation (a call to another [Differentiate] method), unrolled.</summary>
[Network(Inputs = 3, Seed = 46)]
[Dense(5, typeof(ComposedFunctions), nameof(ComposedFunctions.HandMish))]
[Dense(4, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class CustomHandMishUnrolled { }

/// <summary>The same network with the built-in Mish: its forward values must match the composed one.</summary>
[Network(Inputs = 3, Seed = 46)]
[Dense(5, Activation.Mish)]
[Dense(4, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class BuiltInMishUnrolled { }

/// <summary>A composed custom activation in loop layers (hidden and output).</summary>
[Network(Inputs = 4, Seed = 47, CodeGen = CodeGen.Loops)]
[Dense(70, typeof(ComposedFunctions), nameof(ComposedFunctions.HandMish))]
[Dense(5, typeof(ComposedFunctions), nameof(ComposedFunctions.HandMish))]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 5)]
public partial class CustomHandMishLoops { }

/// <summary>Log10 (exported as Log ÷ ln 10) and != (exported as Not(Equal)).</summary>
public static class Log10Functions
{
    /// <summary>log₁₀(1 + x²), with a != guard that changes nothing (log₁₀ 1 = 0): both forms in the ONNX export.</summary>
    public static float LogSquare(float x) => x != 0f ? MathF.Log10(1f + x * x) : 0f;
}

/// <summary>A custom activation whose graph uses Log10 and !=.</summary>
[Network(Inputs = 3, Seed = 45)]
[Dense(4, typeof(Log10Functions), nameof(Log10Functions.LogSquare))]
[Dense(2)]
public partial class CustomLog10Net { }
