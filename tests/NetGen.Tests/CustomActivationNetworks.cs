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

    /// <summary>Swish with a constant β, x·σ(βx), written stably on both sides (only the branch taken runs).</summary>
    public static float Swish(float x, float beta = 1f) =>
        x >= 0f ? x / (1f + MathF.Exp(-beta * x)) : x * MathF.Exp(beta * x) / (1f + MathF.Exp(beta * x));

    /// <summary>The scaled tanh with its two constants as parameters, a·tanh(b·x).</summary>
    public static float ScaledTanhOf(float x, float a = 1.7159f, float b = 0.6667f) => a * MathF.Tanh(b * x);

    /// <summary>Swish(β) and its derivative σ(βx) + βx·σ(βx)(1 − σ(βx)) in double, for the reference.</summary>
    public static Func<double, double> SwishReference(double beta) => x => x / (1 + Math.Exp(-beta * x));

    public static Func<double, double> SwishDerivativeReference(double beta) => x =>
    {
        double s = 1 / (1 + Math.Exp(-beta * x));
        return s + beta * x * s * (1 - s);
    };

    public static Func<double, double> ScaledTanhOfReference(double a, double b) => x => a * Math.Tanh(b * x);

    public static Func<double, double> ScaledTanhOfDerivativeReference(double a, double b) => x => a * b * (1 - Math.Tanh(b * x) * Math.Tanh(b * x));

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

/// <summary>
/// Constant parameters: one method, three bindings in one network: Swish(β = 1.5) from Arguments,
/// Swish(β = 1) from its default, ScaledTanhOf(a = 1, b = 0.6667) half from Arguments, half default.
/// Each binding is its own pair of helpers.
/// </summary>
[Network(Inputs = 3, Seed = 46)]
[Dense(5, typeof(MyFunctions), nameof(MyFunctions.Swish), Arguments = new[] { 1.5f })]
[Dense(4, typeof(MyFunctions), nameof(MyFunctions.Swish))]
[Dense(3, typeof(MyFunctions), nameof(MyFunctions.ScaledTanhOf), Arguments = new[] { 1f })]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class CustomSwishTwoBetas { }

/// <summary>The short form: the method is the network class's own, with and without Arguments.</summary>
[Network(Inputs = 3, Seed = 47)]
[Dense(5, nameof(Softsign))]
[Dense(4, nameof(Softsign), Arguments = new[] { 2f })]
[Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 6)]
public partial class CustomShortForm
{
    /// <summary>Softsign with a constant knee, x / (k + |x|).</summary>
    public static float Softsign(float x, float k = 1f) => x / (k + MathF.Abs(x));

    /// <summary>Softsign(k) and its derivative k / (k + |x|)² in double, for the reference.</summary>
    public static Func<double, double> Reference(double k) => x => x / (k + Math.Abs(x));

    public static Func<double, double> DerivativeReference(double k) => x => k / ((k + Math.Abs(x)) * (k + Math.Abs(x)));
}

/// <summary>Custom activations with dropout and L2, unrolled (the seed fixes the dropout masks).</summary>
[Network(Inputs = 3, Seed = 540, CodeGen = CodeGen.Unrolled)]
[Dense(6, typeof(MyFunctions), nameof(MyFunctions.Swish), Arguments = new[] { 1.5f }, Dropout = 0.3f)]
[Dense(5, typeof(MyFunctions), nameof(MyFunctions.SoftClip), Dropout = 0.5f, L2 = 0.01f)]
[Dense(4, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 6)]
public partial class CustomDropoutL2Unrolled { }

/// <summary>The same network in SIMD layers, one thread.</summary>
[Network(Inputs = 3, Seed = 540, CodeGen = CodeGen.Simd)]
[Dense(6, typeof(MyFunctions), nameof(MyFunctions.Swish), Arguments = new[] { 1.5f }, Dropout = 0.3f)]
[Dense(5, typeof(MyFunctions), nameof(MyFunctions.SoftClip), Dropout = 0.5f, L2 = 0.01f)]
[Dense(4, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 6)]
public partial class CustomDropoutL2Simd { }

/// <summary>The same network in SIMD layers, training split over two threads.</summary>
[Network(Inputs = 3, Seed = 540, CodeGen = CodeGen.Simd, Threads = 2)]
[Dense(6, typeof(MyFunctions), nameof(MyFunctions.Swish), Arguments = new[] { 1.5f }, Dropout = 0.3f)]
[Dense(5, typeof(MyFunctions), nameof(MyFunctions.SoftClip), Dropout = 0.5f, L2 = 0.01f)]
[Dense(4, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 6)]
public partial class CustomDropoutL2SimdThreads { }

/// <summary>Swish(β = 1.5) in a small network, for the model file: the architecture names the value.</summary>
[Network(Inputs = 2, Seed = 48)]
[Dense(3, typeof(MyFunctions), nameof(MyFunctions.Swish), Arguments = new[] { 1.5f })]
[Dense(1)]
[Training(Loss.MeanSquaredError, Optimizer.Adam, BatchSize = 4)]
public partial class CustomSwishBeta15 { }

/// <summary>The same shapes with Swish(β = 2): another function, so another architecture.</summary>
[Network(Inputs = 2, Seed = 48)]
[Dense(3, typeof(MyFunctions), nameof(MyFunctions.Swish), Arguments = new[] { 2f })]
[Dense(1)]
[Training(Loss.MeanSquaredError, Optimizer.Adam, BatchSize = 4)]
public partial class CustomSwishBeta2 { }

/// <summary>A custom activation with a constant parameter in an inference-only network (no [Training]).</summary>
[Network(Inputs = 3, Seed = 49)]
[Dense(4, typeof(MyFunctions), nameof(MyFunctions.Swish), Arguments = new[] { 2f })]
[Dense(2)]
public partial class CustomInferenceOnly { }
