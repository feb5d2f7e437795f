using System;
using NetGen.CompilerServices;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The vectorised element-wise activations against the scalar expressions of the activation table:
/// bit-identical for the piecewise-linear ones and the derivatives (including NaN, ±0, ±∞ and every
/// tail length), and tanh within 4 ulp of <see cref="MathF.Tanh"/>. CI runs these at every vector width.
/// </summary>
public class ActivationKernelTests
{
    private static readonly float[] Specials = { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 1e-40f, -1e-40f, 0.55f, -0.55f, 1f, -1f, 88f, -104f };

    private static float[] Inputs(int length, int seed)
    {
        var random = new Random(seed);
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = i < Specials.Length && seed % 2 == 0 ? Specials[i] : (float)((random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-3, 3)));
        }

        return x;
    }

    public static TheoryData<int> Lengths() => new() { 0, 1, 3, 7, 15, 16, 17, 31, 33, 64, 100 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void PiecewiseLinearActivationsAreBitIdenticalToTheScalarExpressions(int length)
    {
        for (int seed = 0; seed < 4; seed++)
        {
            float[] z = Inputs(length, seed), a = new float[length + 1];
            a[length] = 42f;
            ActivationKernels.ReLU(z, a);
            AssertBits(z, a, length, x => x < 0f ? 0f : x, "relu");
            ActivationKernels.LeakyReLU(z, a, 0.03f);
            AssertBits(z, a, length, x => x < 0f ? 0.03f * x : x, "leaky relu");
            ActivationKernels.BinaryStep(z, a);
            AssertBits(z, a, length, x => x < 0f ? 0f : 1f, "step");
            Assert.Equal(42f, a[length]); // nothing written past the input's length
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void DerivativeProductsAreBitIdenticalToTheScalarExpressions(int length)
    {
        for (int seed = 0; seed < 4; seed++)
        {
            float[] v = Inputs(length, seed), d0 = Inputs(length, seed + 101);
            Check(d => ActivationKernels.MultiplyReLUDerivative(d, v), (d, x) => d * (x >= 0f ? 1f : 0f), "relu′");
            Check(d => ActivationKernels.MultiplyLeakyReLUDerivative(d, v, 0.2f), (d, x) => d * (x >= 0f ? 1f : 0.2f), "leaky relu′");
            Check(d => ActivationKernels.MultiplySigmoidDerivative(d, v), (d, x) => d * (x * (1f - x)), "sigmoid′");
            Check(d => ActivationKernels.MultiplyTanhDerivative(d, v), (d, x) => d * (1f - x * x), "tanh′");

            void Check(Action<float[]> vectorised, Func<float, float, float> scalar, string name)
            {
                float[] d = (float[])d0.Clone();
                vectorised(d);
                for (int i = 0; i < length; i++)
                {
                    Assert.True(BitConverter.SingleToInt32Bits(scalar(d0[i], v[i])) == BitConverter.SingleToInt32Bits(d[i]), $"{name} at {i}: d {d0[i]}, v {v[i]}: {d[i]}");
                }
            }
        }
    }

    [Fact]
    public void TanhIsWithinFourUlpOfMathFTanh()
    {
        // Every 61st float in [−10, 10] (≈ 36 million values, both signs), plus the specials; set
        // NETGEN_TANH_STRIDE=1 to check all 2.2 billion (about a minute).
        int stride = int.TryParse(Environment.GetEnvironmentVariable("NETGEN_TANH_STRIDE"), out int s) && s > 0 ? s : 61;
        var x = new float[1 << 16];
        var y = new float[x.Length];
        long worst = 0;
        float worstAt = 0;
        foreach (uint sign in new[] { 0u, 0x80000000u })
        {
            uint last = BitConverter.SingleToUInt32Bits(10f);
            int n = 0;
            for (ulong bits = 0; bits <= last; bits += (ulong)stride)
            {
                x[n++] = BitConverter.UInt32BitsToSingle((uint)bits | sign);
                if (n == x.Length || bits + (ulong)stride > last)
                {
                    ActivationKernels.Tanh(x.AsSpan(0, n), y);
                    for (int i = 0; i < n; i++)
                    {
                        long ulp = Math.Abs((long)BitConverter.SingleToInt32Bits(y[i]) - BitConverter.SingleToInt32Bits(MathF.Tanh(x[i])));
                        if (y[i] == 0f && MathF.Tanh(x[i]) == 0f) ulp = 0; // ±0
                        if (ulp > worst) { worst = ulp; worstAt = x[i]; }
                    }

                    n = 0;
                }
            }
        }

        Assert.True(worst <= 4, $"tanh is {worst} ulp off at {worstAt}");

        float[] z = { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 100f, -100f, 1e-30f, -1e-30f, 0.55f, -0.55f, 20f, -20f, 0.3f, -0.3f, 2f, -2f, 5f, 1e-40f };
        float[] a = new float[z.Length];
        ActivationKernels.Tanh(z, a);
        Assert.True(float.IsNaN(a[0]));
        Assert.Equal(new[] { 1f, -1f, 1f, -1f, 1e-30f, -1e-30f }, a[1..7]);
        for (int i = 7; i < z.Length; i++)
        {
            Assert.True(Math.Abs(a[i] - Math.Tanh(z[i])) <= 4 * MathF.BitIncrement(MathF.Abs(a[i])) - 4 * MathF.Abs(a[i]) + 1e-45, $"tanh({z[i]}) = {a[i]}");
        }
    }

    [Fact]
    public void ExpIsWithinTwoUlpOfMathFExp()
    {
        // Every 97th float in [−87, 88] (the range where e^x is a normal float), plus the specials.
        var x = new System.Collections.Generic.List<float> { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 89f, -104f, -120f, 0f, -0f };
        foreach (uint sign in new[] { 0u, 0x80000000u })
        {
            uint last = BitConverter.SingleToUInt32Bits(sign == 0 ? 88f : 87f);
            for (ulong bits = 0; bits <= last; bits += 97 * 1024)
            {
                x.Add(BitConverter.UInt32BitsToSingle((uint)bits | sign));
            }
        }

        float[] z = x.ToArray(), a = new float[z.Length];
        ActivationKernels.Exp(z, a);
        Assert.True(float.IsNaN(a[0]));
        Assert.Equal(new[] { float.PositiveInfinity, 0f, float.PositiveInfinity, 0f, 0f }, a[1..6]);
        for (int i = 6; i < z.Length; i++) // e^0 may be 1 + 2⁻²³: the runtime's vector exponential is not exact there
        {
            long ulp = Math.Abs((long)BitConverter.SingleToInt32Bits(a[i]) - BitConverter.SingleToInt32Bits(MathF.Exp(z[i])));
            Assert.True(ulp <= 2, $"exp({z[i]}) = {a[i]}, MathF.Exp {MathF.Exp(z[i])}: {ulp} ulp");
        }
    }

    /// <summary>Softmax and log-softmax of many rows at once, against the formula in double, for row widths around the vector width.</summary>
    [Theory]
    [InlineData(1, 3)]
    [InlineData(7, 3)]
    [InlineData(64, 10)]
    [InlineData(5, 16)]
    [InlineData(3, 17)]
    [InlineData(2, 1)]
    public void SoftmaxRowsMatchTheFormula(int rows, int units)
    {
        var random = new Random(rows * 100 + units);
        float[] z = new float[rows * units], a = new float[z.Length], log = new float[z.Length];
        for (int i = 0; i < z.Length; i++) z[i] = (float)((random.NextDouble() * 2 - 1) * 30);
        if (z.Length > 2) { z[0] = 1000f; z[1] = -1000f; } // shifted by the row's max: no overflow
        ActivationKernels.Softmax(z, a, rows, units);
        ActivationKernels.LogSoftmax(z, log, rows, units);
        for (int r = 0; r < rows; r++)
        {
            double max = double.NegativeInfinity;
            for (int k = 0; k < units; k++) max = Math.Max(max, z[r * units + k]);
            double sum = 0;
            for (int k = 0; k < units; k++) sum += Math.Exp(z[r * units + k] - max);
            for (int k = 0; k < units; k++)
            {
                int i = r * units + k;
                double expected = Math.Exp(z[i] - max) / sum, expectedLog = z[i] - max - Math.Log(sum);
                // z − max z is rounded to float first (as in the scalar softmax): about 1e-6 relative at |z − max| ≈ 60
                Assert.True(Math.Abs(a[i] - expected) <= 1e-5 * Math.Max(expected, 1e-30) + 1e-38, $"softmax row {r}, unit {k}: {a[i]}, expected {expected}");
                Assert.True(Math.Abs(log[i] - expectedLog) <= 1e-5 * Math.Max(1, Math.Abs(expectedLog)), $"log softmax row {r}, unit {k}: {log[i]}, expected {expectedLog}");
            }
        }
    }

    private static void AssertBits(float[] z, float[] a, int length, Func<float, float> scalar, string name)
    {
        for (int i = 0; i < length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(scalar(z[i])) == BitConverter.SingleToInt32Bits(a[i]), $"{name}({z[i]}) = {a[i]}, expected {scalar(z[i])}");
        }
    }
}
