using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Custom activations that are also [Differentiate] methods: their generated scalar {Name}Gradient is
/// the reference for the vector form a SIMD layer runs (docs/custom-functions.md, "Reusing f(z)").
/// </summary>
public static partial class VectorFormFunctions
{
    /// <summary>Tanh through the runtime's vector tanh.</summary>
    [Differentiate]
    public static float ScaledTanh(float x) => 1.7159f * MathF.Tanh(0.6667f * x);

    /// <summary>The branch not taken is NaN (x &lt; 0) or −∞ with an infinite derivative (x = 0): neither may leak.</summary>
    [Differentiate]
    public static float SafeLog(float x) => x > 0f ? MathF.Log(x) : x;

    /// <summary>Swish, x·σ(x) as x / (1 + e^−x): Exp, a division, a negation.</summary>
    [Differentiate]
    public static float Swish(float x) => x / (1f + MathF.Exp(-x));

    /// <summary>Abs, Log, two conditionals, a negated local.</summary>
    [Differentiate]
    public static float SoftClip(float x)
    {
        float magnitude = MathF.Abs(x);
        float clipped = magnitude <= 1f ? magnitude : 1f + MathF.Log(magnitude);
        return x < 0f ? -clipped : clipped;
    }

    /// <summary>Every comparison, !, &amp;&amp;, ||, Min, Max, Sqrt and a nested conditional.</summary>
    [Differentiate]
    public static float Kinks(float x)
    {
        float r = MathF.Sqrt(x * x + 1f);
        float low = MathF.Min(x, 0.2f) - MathF.Max(-x, 0.1f * x);
        return (x > -1f && x != 0.5f) || x >= 3f ? r - low : (x == -2f || !(x <= -4f) ? -r / 2f : low * x);
    }
}

/// <summary>One SIMD output layer of 67 units (4 whole 16-float vectors and a tail), z = b: f(z) = a.</summary>
[Network(Inputs = 1, Seed = 81, CodeGen = CodeGen.Simd)]
[Dense(67, typeof(VectorFormFunctions), nameof(VectorFormFunctions.ScaledTanh))]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 1)]
public partial class VectorScaledTanh { }

/// <summary>As <see cref="VectorScaledTanh"/>.</summary>
[Network(Inputs = 1, Seed = 82, CodeGen = CodeGen.Simd)]
[Dense(67, typeof(VectorFormFunctions), nameof(VectorFormFunctions.SafeLog))]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 1)]
public partial class VectorSafeLog { }

/// <summary>As <see cref="VectorScaledTanh"/>.</summary>
[Network(Inputs = 1, Seed = 83, CodeGen = CodeGen.Simd)]
[Dense(67, typeof(VectorFormFunctions), nameof(VectorFormFunctions.Swish))]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 1)]
public partial class VectorSwish { }

/// <summary>As <see cref="VectorScaledTanh"/>.</summary>
[Network(Inputs = 1, Seed = 84, CodeGen = CodeGen.Simd)]
[Dense(67, typeof(VectorFormFunctions), nameof(VectorFormFunctions.SoftClip))]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 1)]
public partial class VectorSoftClip { }

/// <summary>As <see cref="VectorScaledTanh"/>.</summary>
[Network(Inputs = 1, Seed = 85, CodeGen = CodeGen.Simd)]
[Dense(67, typeof(VectorFormFunctions), nameof(VectorFormFunctions.Kinks))]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 1)]
public partial class VectorKinks { }

/// <summary>
/// The vector form of a custom activation (a SIMD layer's Map for Predict, MapWithDerivative for the
/// training forward) against the scalar reverse mode of the same graph ([Differentiate]'s generated
/// Gradient), element by element at 67 points of [−20, 20] including every branch boundary of the
/// functions; CI runs it at 512, 256 and 128 bits and scalar (the name ends in StrategyTests).
/// </summary>
public class CustomActivationVectorStrategyTests
{
    private const int Units = 67;

    // The vector forms differ from MathF only inside Tanh (the runtime's, within 4 ulp), Exp and Log
    // (.NET's vector functions, within 2 ulp); every other node is the same float operation in the
    // same order. 1e-5 relative (about 80 ulp) leaves room for those few ulp passing through a handful of nodes.
    private const float Relative = 1e-5f, Absolute = 1e-6f;

    public static IEnumerable<object[]> Cases => new (string Name, Func<ITrainableNetwork> Create, Func<float, (float Value, float DX)> Scalar)[]
    {
        ("ScaledTanh", () => new VectorScaledTanh(), VectorFormFunctions.ScaledTanhGradient),
        ("SafeLog", () => new VectorSafeLog(), VectorFormFunctions.SafeLogGradient),
        ("Swish", () => new VectorSwish(), VectorFormFunctions.SwishGradient),
        ("SoftClip", () => new VectorSoftClip(), VectorFormFunctions.SoftClipGradient),
        ("Kinks", () => new VectorKinks(), VectorFormFunctions.KinksGradient),
    }.Select(c => new object[] { c.Name, c.Create, c.Scalar });

    /// <summary>z values: exact branch boundaries and zero first, then an even grid.</summary>
    private static float[] Points()
    {
        var points = new List<float> { 0f, 1f, -1f, 0.5f, -2f, 3f, -4f, 0.2f, -0.2f, 1e-3f, -1e-3f, 20f, -20f };
        int grid = Units - points.Count;
        points.AddRange(Enumerable.Range(0, grid).Select(i => -8f + 16f * i / (grid - 1) + 0.01f));
        return points.ToArray();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void VectorFormMatchesTheScalarReverseMode(string name, Func<ITrainableNetwork> create, Func<float, (float Value, float DX)> scalar)
    {
        ITrainableNetwork network = create();
        float[] z = Points();
        Span<float> parameters = network.Parameters;
        for (int j = 0; j < Units; j++)
        {
            parameters[j] = 1f;         // W: x·W = 0 for x = 0
            parameters[Units + j] = z[j]; // b: z = b exactly
        }

        float[] input = { 0f };
        float[] output = new float[Units];
        network.Predict(input, output);
        float[] targets = new float[Units];
        for (int j = 0; j < Units; j++)
        {
            float expected = scalar(z[j]).Value;
            Assert.True(Close(output[j], expected), $"{name}({z[j]}): the vector form gives {output[j]}, the scalar graph {expected}");
            targets[j] = expected - 1f;
        }

        network.ComputeLossAndGradients(input, targets, 1);
        ReadOnlySpan<float> gradients = network.Gradients;
        for (int j = 0; j < Units; j++)
        {
            (float value, float derivative) = scalar(z[j]);

            // MSE over 67 outputs, one sample: ∂loss/∂b_j = (2/67)(a_j − t_j)·f′(z_j).
            float expected = 2f / Units * (value - targets[j]) * derivative;
            float actual = gradients[Units + j];
            Assert.True(float.IsFinite(actual), $"{name}′({z[j]}) is {actual}: a branch not taken leaked into the derivative");
            Assert.True(Close(actual, expected), $"{name}′({z[j]}): the vector form's gradient is {actual}, the scalar graph's {expected}");
        }
    }

    private static bool Close(float actual, float expected) =>
        MathF.Abs(actual - expected) <= Absolute + Relative * MathF.Abs(expected);
}
