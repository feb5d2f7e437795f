using System;
using NetGen.CompilerServices;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The SIMD kernels called directly, against a double-precision evaluation of the formulas, at shapes
/// that reach every path: blocks of 8, 2 and 1 vectors in the single-row kernel, ragged column tails,
/// the transposed path for layers with few outputs (and its stack limit), and rows 1..9. CI runs these
/// at every vector width (AVX-512, AVX2, SSE, none), like the strategy tests.
/// </summary>
public class DenseKernelTests
{
    private readonly struct S784x10 : IDenseShape { public static int Inputs => 784; public static int Units => 10; }
    private readonly struct S3x130 : IDenseShape { public static int Inputs => 3; public static int Units => 130; }
    private readonly struct S37x129 : IDenseShape { public static int Inputs => 37; public static int Units => 129; }
    private readonly struct S130x47 : IDenseShape { public static int Inputs => 130; public static int Units => 47; }
    private readonly struct S20x10 : IDenseShape { public static int Inputs => 20; public static int Units => 10; }
    private readonly struct S17x64 : IDenseShape { public static int Inputs => 17; public static int Units => 64; }
    private readonly struct S5x3 : IDenseShape { public static int Inputs => 5; public static int Units => 3; }
    private readonly struct S66x300 : IDenseShape { public static int Inputs => 66; public static int Units => 300; }
    private readonly struct S2100x9 : IDenseShape { public static int Inputs => 2100; public static int Units => 9; }
    private readonly struct S1x1 : IDenseShape { public static int Inputs => 1; public static int Units => 1; }

    public static TheoryData<int> Rows() => new() { 1, 2, 3, 4, 5, 7, 9 };

    [Theory]
    [MemberData(nameof(Rows))]
    public void AllKernelsMatchTheFormulas(int rows)
    {
        Check<S784x10>(rows); Check<S3x130>(rows); Check<S37x129>(rows); Check<S130x47>(rows); Check<S20x10>(rows);
        Check<S17x64>(rows); Check<S5x3>(rows); Check<S66x300>(rows); Check<S2100x9>(rows); Check<S1x1>(rows);
    }

    private static void Check<T>(int rows)
        where T : IDenseShape
    {
        int k = T.Inputs, n = T.Units;
        var random = new Random(k * 1000 + n * 10 + rows);
        float[] Fill(int length)
        {
            var a = new float[length];
            for (int i = 0; i < a.Length; i++) a[i] = (float)(random.NextDouble() * 2 - 1);
            return a;
        }

        float[] x = Fill(rows * k), w = Fill(k * n), b = Fill(n), d = Fill(rows * n), gw = Fill(k * n), gb = Fill(n);
        float[] gw0 = (float[])gw.Clone(), gb0 = (float[])gb.Clone();

        // Outputs are over-allocated and poisoned past the end: the kernels must not write there.
        float[] z = Poisoned(rows * n + 3), dx = Poisoned(rows * k + 3);
        DenseKernels.Forward<T>(x, w, b, z, rows);
        DenseKernels.AccumulateGradients<T>(x, d, gw, gb, rows);
        DenseKernels.Backpropagate<T>(d, w, dx, rows);

        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = b[j], scale = Math.Abs(b[j]);
                for (int i = 0; i < k; i++) { sum += (double)x[r * k + i] * w[i * n + j]; scale += Math.Abs((double)x[r * k + i] * w[i * n + j]); }
                AssertClose(sum, z[r * n + j], scale, $"{typeof(T).Name} rows {rows}: z[{r},{j}]");
            }

            for (int i = 0; i < k; i++)
            {
                double sum = 0, scale = 0;
                for (int j = 0; j < n; j++) { sum += (double)d[r * n + j] * w[i * n + j]; scale += Math.Abs((double)d[r * n + j] * w[i * n + j]); }
                AssertClose(sum, dx[r * k + i], scale, $"{typeof(T).Name} rows {rows}: dx[{r},{i}]");
            }
        }

        for (int j = 0; j < n; j++)
        {
            double sum = gb0[j], scale = Math.Abs(gb0[j]);
            for (int r = 0; r < rows; r++) { sum += d[r * n + j]; scale += Math.Abs(d[r * n + j]); }
            AssertClose(sum, gb[j], scale, $"{typeof(T).Name} rows {rows}: gb[{j}]");
            for (int i = 0; i < k; i++)
            {
                double g = gw0[i * n + j], gscale = Math.Abs(g);
                for (int r = 0; r < rows; r++) { g += (double)x[r * k + i] * d[r * n + j]; gscale += Math.Abs((double)x[r * k + i] * d[r * n + j]); }
                AssertClose(g, gw[i * n + j], gscale, $"{typeof(T).Name} rows {rows}: gw[{i},{j}]");
            }
        }

        Assert.All(z.AsSpan(rows * n).ToArray(), v => Assert.True(float.IsNaN(v), "z written past its end"));
        Assert.All(dx.AsSpan(rows * k).ToArray(), v => Assert.True(float.IsNaN(v), "dx written past its end"));
    }

    private readonly struct S100x130 : IDenseShape { public static int Inputs => 100; public static int Units => 130; }
    private readonly struct S130x100 : IDenseShape { public static int Inputs => 130; public static int Units => 100; }
    private readonly struct S784x128 : IDenseShape { public static int Inputs => 784; public static int Units => 128; }
    private readonly struct S784x100 : IDenseShape { public static int Inputs => 784; public static int Units => 100; }
    private readonly struct S7x512 : IDenseShape { public static int Inputs => 7; public static int Units => 512; }

    public static TheoryData<int> PackedRows() => new() { 1, 2, 3, 4, 5, 7, 9, 64 };

    /// <summary>
    /// The packed copy of W (panels as wide as the register tile: 3 vectors below 512 bits, 4 at 512,
    /// the whole row without SIMD) and the forward kernel that streams it, against the double formula
    /// and against the contract-layout kernel: whole panels, a ragged last panel with whole vectors
    /// and a scalar remainder (Units 100, 130, 129, 47, 10, 9), odd Inputs, rows 1..9 and 64.
    /// </summary>
    [Theory]
    [MemberData(nameof(PackedRows))]
    public void PackedForwardMatchesTheFormulaAndTheUnpackedKernel(int rows)
    {
        CheckPacked<S100x130>(rows); CheckPacked<S130x100>(rows); CheckPacked<S784x128>(rows); CheckPacked<S784x100>(rows);
        CheckPacked<S7x512>(rows); CheckPacked<S37x129>(rows); CheckPacked<S130x47>(rows); CheckPacked<S784x10>(rows);
        CheckPacked<S2100x9>(rows); CheckPacked<S66x300>(rows); CheckPacked<S1x1>(rows);
    }

    private delegate void PackFunction(ReadOnlySpan<float> w, Span<float> packed);

    private delegate void PackedForwardFunction(ReadOnlySpan<float> x, ReadOnlySpan<float> packed, ReadOnlySpan<float> b, Span<float> z, int rows);

    /// <summary>
    /// The same checks at every vector width whatever this CPU accelerates (Vector512 is emulated
    /// without AVX-512), so the 512-bit panels (4 vectors), their 4 × 4 tiles and two-panel rows are
    /// checked on an AVX2 machine too, and the 128-bit and scalar forms on an AVX-512 one.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(9)]
    public void PackedForwardMatchesTheFormulaAtEveryWidth(int rows)
    {
        AtEveryWidth<S100x130>(rows); AtEveryWidth<S130x100>(rows); AtEveryWidth<S7x512>(rows); AtEveryWidth<S37x129>(rows);
        AtEveryWidth<S66x300>(rows); AtEveryWidth<S2100x9>(rows); AtEveryWidth<S1x1>(rows);
    }

    private static void AtEveryWidth<T>(int rows)
        where T : IDenseShape
    {
        CheckPacked<T>(rows, DenseKernels.PackAt<T, Simd512, System.Runtime.Intrinsics.Vector512<float>>, DenseKernels.ForwardPackedAt<T, Simd512, System.Runtime.Intrinsics.Vector512<float>>);
        CheckPacked<T>(rows, DenseKernels.PackAt<T, Simd256, System.Runtime.Intrinsics.Vector256<float>>, DenseKernels.ForwardPackedAt<T, Simd256, System.Runtime.Intrinsics.Vector256<float>>);
        CheckPacked<T>(rows, DenseKernels.PackAt<T, Simd128, System.Runtime.Intrinsics.Vector128<float>>, DenseKernels.ForwardPackedAt<T, Simd128, System.Runtime.Intrinsics.Vector128<float>>);
        CheckPacked<T>(rows, DenseKernels.PackAt<T, SimdScalar, float>, DenseKernels.ForwardPackedAt<T, SimdScalar, float>);
    }

    private static void CheckPacked<T>(int rows)
        where T : IDenseShape
        => CheckPacked<T>(rows, DenseKernels.Pack<T>, DenseKernels.ForwardPacked<T>);

    private static void CheckPacked<T>(int rows, PackFunction pack, PackedForwardFunction forward)
        where T : IDenseShape
    {
        int k = T.Inputs, n = T.Units;
        var random = new Random(k * 1000 + n * 10 + rows + 7);
        float[] Fill(int length)
        {
            var a = new float[length];
            for (int i = 0; i < a.Length; i++) a[i] = (float)(random.NextDouble() * 2 - 1);
            return a;
        }

        float[] x = Fill(rows * k), w = Fill(k * n), b = Fill(n);
        float[] packed = Poisoned(k * n + 3);
        pack(w, packed);
        Assert.All(packed.AsSpan(k * n).ToArray(), v => Assert.True(float.IsNaN(v), "packed written past its end"));
        var sorted = (float[])packed[..(k * n)].Clone();
        var original = (float[])w.Clone();
        Array.Sort(sorted);
        Array.Sort(original);
        Assert.Equal(original, sorted); // a permutation of W

        float[] z = Poisoned(rows * n + 3), unpacked = new float[rows * n];
        forward(x, packed, b, z, rows);
        DenseKernels.Forward<T>(x, w, b, unpacked, rows);
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = b[j], scale = Math.Abs(b[j]);
                for (int i = 0; i < k; i++) { sum += (double)x[r * k + i] * w[i * n + j]; scale += Math.Abs((double)x[r * k + i] * w[i * n + j]); }
                AssertClose(sum, z[r * n + j], scale, $"{typeof(T).Name} rows {rows}: packed z[{r},{j}]");
                AssertClose(unpacked[r * n + j], z[r * n + j], scale, $"{typeof(T).Name} rows {rows}: packed against unpacked z[{r},{j}]");
            }
        }

        Assert.All(z.AsSpan(rows * n).ToArray(), v => Assert.True(float.IsNaN(v), "z written past its end"));
    }

    private static float[] Poisoned(int length)
    {
        var a = new float[length];
        Array.Fill(a, float.NaN);
        return a;
    }

    private static void AssertClose(double expected, float actual, double scale, string what)
    {
        // Float rounding of a sum of terms is bounded by a few ulps of the sum of their magnitudes.
        double tolerance = 4e-7 * scale * Math.Sqrt(Math.Max(1, scale)) + 1e-6;
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected}, got {actual} (tolerance {tolerance:E2})");
    }
}
