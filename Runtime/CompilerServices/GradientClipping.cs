using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.CompilerServices;

/// <summary>
/// Gradient clipping for generated <c>ApplyGradients</c> (the ClipValue and ClipNorm properties):
/// one pass over the flat gradient buffer before the optimizer step, allocation-free.
/// </summary>
/// <remarks>
/// Both results are the same bits at every vector width and every <c>Threads</c> setting (for the
/// same gradients): clipping by value is element-wise, and the norm is summed in double in a fixed
/// order that does not depend on the width (see <see cref="L2Norm"/>).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GradientClipping
{
    /// <summary>
    /// Clips <paramref name="gradients"/> in place: first each value to [−<paramref name="clipValue"/>,
    /// <paramref name="clipValue"/>], then the whole buffer to an L2 norm of at most
    /// <paramref name="clipNorm"/>, g ← g·min(1, c/‖g‖). A NaN threshold skips its part.
    /// </summary>
    /// <param name="gradients">The gradients, changed in place.</param>
    /// <param name="clipValue">The element-wise threshold, positive, or NaN for none.</param>
    /// <param name="clipNorm">The global-norm threshold, positive, or NaN for none.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Clip(Span<float> gradients, float clipValue, float clipNorm)
    {
        if (!float.IsNaN(clipValue))
        {
            ClipByValue(gradients, clipValue);
        }

        if (!float.IsNaN(clipNorm))
        {
            ClipByNorm(gradients, clipNorm);
        }
    }

    /// <summary>g_i ← clamp(g_i, −c, c) for every i; a NaN gradient stays NaN.</summary>
    /// <param name="gradients">The gradients, changed in place.</param>
    /// <param name="threshold">c, positive.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ClipByValue(Span<float> gradients, float threshold)
    {
        var kernel = new ClampKernel(ref MemoryMarshal.GetReference(gradients), gradients.Length, threshold);
        SimdDispatch.Run(ref kernel);
    }

    /// <summary>
    /// g ← g·(c/‖g‖) when ‖g‖ &gt; c (the scale computed in double, rounded to float once, and every
    /// gradient multiplied by it); unchanged otherwise, and when the norm is NaN.
    /// </summary>
    /// <param name="gradients">The gradients, changed in place.</param>
    /// <param name="threshold">c, positive.</param>
    /// <returns>The norm before clipping.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double ClipByNorm(Span<float> gradients, float threshold)
    {
        double norm = L2Norm(gradients);
        if (norm > threshold)
        {
            var kernel = new ScaleKernel(ref MemoryMarshal.GetReference(gradients), gradients.Length, (float)(threshold / norm));
            SimdDispatch.Run(ref kernel);
        }

        return norm;
    }

    /// <summary>
    /// ‖g‖₂, summed in double in a fixed order: g_i² (exact in double) goes into partial sum i mod 16,
    /// each partial adds its values in increasing i, and the 16 partials are added in order 0…15.
    /// The vector paths keep the same 16 partials in their lanes, so the result is the same bits with
    /// AVX-512, AVX2, SSE/NEON or no SIMD.
    /// </summary>
    /// <param name="gradients">The values.</param>
    /// <returns>The Euclidean norm.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double L2Norm(ReadOnlySpan<float> gradients)
    {
        ref float g = ref MemoryMarshal.GetReference(gradients);
        int n = gradients.Length, i = 0;
        Span<double> partial = stackalloc double[Partials];
        partial.Clear();
        if (Vector256.IsHardwareAccelerated)
        {
            // Lanes of a0 are partials 0–3, a1 4–7, a2 8–11, a3 12–15.
            Vector256<double> a0 = default, a1 = default, a2 = default, a3 = default;
            for (; i + Partials <= n; i += Partials)
            {
                (Vector256<double> x0, Vector256<double> x1) = Vector256.Widen(Vector256.LoadUnsafe(ref g, (nuint)i));
                (Vector256<double> x2, Vector256<double> x3) = Vector256.Widen(Vector256.LoadUnsafe(ref g, (nuint)(i + 8)));
                a0 += x0 * x0;
                a1 += x1 * x1;
                a2 += x2 * x2;
                a3 += x3 * x3;
            }

            ref double p = ref MemoryMarshal.GetReference(partial);
            a0.StoreUnsafe(ref p, 0);
            a1.StoreUnsafe(ref p, 4);
            a2.StoreUnsafe(ref p, 8);
            a3.StoreUnsafe(ref p, 12);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            // Lanes of a0 are partials 0–1, a1 2–3, …, a7 14–15.
            Vector128<double> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
            for (; i + Partials <= n; i += Partials)
            {
                (Vector128<double> x0, Vector128<double> x1) = Vector128.Widen(Vector128.LoadUnsafe(ref g, (nuint)i));
                (Vector128<double> x2, Vector128<double> x3) = Vector128.Widen(Vector128.LoadUnsafe(ref g, (nuint)(i + 4)));
                (Vector128<double> x4, Vector128<double> x5) = Vector128.Widen(Vector128.LoadUnsafe(ref g, (nuint)(i + 8)));
                (Vector128<double> x6, Vector128<double> x7) = Vector128.Widen(Vector128.LoadUnsafe(ref g, (nuint)(i + 12)));
                a0 += x0 * x0;
                a1 += x1 * x1;
                a2 += x2 * x2;
                a3 += x3 * x3;
                a4 += x4 * x4;
                a5 += x5 * x5;
                a6 += x6 * x6;
                a7 += x7 * x7;
            }

            ref double p = ref MemoryMarshal.GetReference(partial);
            a0.StoreUnsafe(ref p, 0);
            a1.StoreUnsafe(ref p, 2);
            a2.StoreUnsafe(ref p, 4);
            a3.StoreUnsafe(ref p, 6);
            a4.StoreUnsafe(ref p, 8);
            a5.StoreUnsafe(ref p, 10);
            a6.StoreUnsafe(ref p, 12);
            a7.StoreUnsafe(ref p, 14);
        }

        // The scalar path, and the tail of the vector paths (fewer than 16 values): the same partials.
        for (; i < n; i++)
        {
            double x = Unsafe.Add(ref g, i);
            partial[i & (Partials - 1)] += x * x;
        }

        double sum = 0;
        for (int k = 0; k < Partials; k++)
        {
            sum += partial[k];
        }

        return Math.Sqrt(sum);
    }

    /// <summary>The number of partial sums of <see cref="L2Norm"/> (a power of two).</summary>
    private const int Partials = 16;

    /// <summary>g ← clamp(g, −c, c): whole vectors, then the tail with <see cref="SimdScalar"/>.</summary>
    private readonly ref struct ClampKernel : ISimdKernel
    {
        private readonly ref float _g;
        private readonly int _n;
        private readonly float _c;

        public ClampKernel(ref float g, int n, float c)
        {
            _g = ref g;
            _n = n;
            _c = c;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run<TSimd, TVector>()
            where TSimd : ISimd<TVector>
            where TVector : struct =>
            Clamp<SimdScalar, float>(Clamp<TSimd, TVector>(0));

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int Clamp<TSimd, TVector>(int i)
            where TSimd : ISimd<TVector>
            where TVector : struct
        {
            TVector high = TSimd.Broadcast(_c), low = TSimd.Broadcast(-_c);
            ref float g = ref _g;
            for (; i + TSimd.Width <= _n; i += TSimd.Width)
            {
                TVector x = TSimd.Load(ref g, i);
                x = TSimd.Select(TSimd.LessThan(high, x), high, x);
                x = TSimd.Select(TSimd.LessThan(x, low), low, x);
                TSimd.Store(x, ref g, i);
            }

            return i;
        }
    }

    /// <summary>g ← g·s: whole vectors, then the tail with <see cref="SimdScalar"/>.</summary>
    private readonly ref struct ScaleKernel : ISimdKernel
    {
        private readonly ref float _g;
        private readonly int _n;
        private readonly float _scale;

        public ScaleKernel(ref float g, int n, float scale)
        {
            _g = ref g;
            _n = n;
            _scale = scale;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run<TSimd, TVector>()
            where TSimd : ISimd<TVector>
            where TVector : struct =>
            Scale<SimdScalar, float>(Scale<TSimd, TVector>(0));

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int Scale<TSimd, TVector>(int i)
            where TSimd : ISimd<TVector>
            where TVector : struct
        {
            TVector scale = TSimd.Broadcast(_scale);
            ref float g = ref _g;
            for (; i + TSimd.Width <= _n; i += TSimd.Width)
            {
                TSimd.Store(TSimd.Multiply(TSimd.Load(ref g, i), scale), ref g, i);
            }

            return i;
        }
    }
}
