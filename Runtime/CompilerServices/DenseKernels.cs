using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.CompilerServices;

/// <summary>
/// The exact shape of one dense layer, as compile-time constants. Generated code declares one
/// struct per layer; the kernels are generic over it, so the JIT (and NativeAOT) compile a copy
/// per shape in which every trip count is a constant.
/// </summary>
public interface IDenseShape
{
    /// <summary>The layer's input width (rows of W).</summary>
    static abstract int Inputs { get; }

    /// <summary>The layer's output width (columns of W).</summary>
    static abstract int Units { get; }
}

/// <summary>
/// Register-blocked SIMD kernels for the batched matrix products of a dense layer, W stored
/// [Inputs × Units] row-major. The one place that owns vector-width dispatch: Vector512 where the
/// CPU accelerates it, else Vector256, else Vector128, else scalar (the checks are JIT-time
/// constants). Called by generated code; the shapes come from <see cref="IDenseShape"/>.
/// </summary>
/// <remarks>
/// Blocking: the forward product and the weight gradient keep a 4 × 2-vector tile of the output
/// in registers (8 accumulators, 8 FMAs per 2 vector loads and 4 broadcasts); the input gradient
/// computes a 4 × 4 tile of dot products (16 accumulators). Tails narrower than a vector are
/// scalar. Results differ from a scalar evaluation only by the order of additions and FMA rounding.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DenseKernels
{
    /// <summary>z[rows × Units] = x[rows × Inputs] · w[Inputs × Units] + b.</summary>
    public static void Forward<TShape>(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> z, int rows)
        where TShape : IDenseShape
    {
        int k = TShape.Inputs, n = TShape.Units;
        Check(rows, x.Length >= rows * k && w.Length >= k * n && b.Length >= n && z.Length >= rows * n);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float wr = ref MemoryMarshal.GetReference(w);
        ref float br = ref MemoryMarshal.GetReference(b);
        ref float zr = ref MemoryMarshal.GetReference(z);
        if (Vector512.IsHardwareAccelerated)
        {
            Forward<TShape, Simd512, Vector512<float>>(ref xr, ref wr, ref br, ref zr, rows);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Forward<TShape, Simd256, Vector256<float>>(ref xr, ref wr, ref br, ref zr, rows);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Forward<TShape, Simd128, Vector128<float>>(ref xr, ref wr, ref br, ref zr, rows);
        }
        else
        {
            ForwardTail(ref xr, ref wr, ref br, ref zr, rows, k, n, 0);
        }
    }

    /// <summary>gw[Inputs × Units] += xᵀ · d and gb[Units] += Σ rows of d, over <paramref name="rows"/> samples.</summary>
    public static void AccumulateGradients<TShape>(ReadOnlySpan<float> x, ReadOnlySpan<float> d, Span<float> gw, Span<float> gb, int rows)
        where TShape : IDenseShape
    {
        int k = TShape.Inputs, n = TShape.Units;
        Check(rows, x.Length >= rows * k && d.Length >= rows * n && gw.Length >= k * n && gb.Length >= n);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(d);
        ref float gwr = ref MemoryMarshal.GetReference(gw);
        ref float gbr = ref MemoryMarshal.GetReference(gb);
        if (Vector512.IsHardwareAccelerated)
        {
            AccumulateGradients<TShape, Simd512, Vector512<float>>(ref xr, ref dr, ref gwr, ref gbr, rows);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            AccumulateGradients<TShape, Simd256, Vector256<float>>(ref xr, ref dr, ref gwr, ref gbr, rows);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            AccumulateGradients<TShape, Simd128, Vector128<float>>(ref xr, ref dr, ref gwr, ref gbr, rows);
        }
        else
        {
            GradientTail(ref xr, ref dr, ref gwr, ref gbr, rows, k, n, 0);
        }
    }

    /// <summary>dx[rows × Inputs] = d[rows × Units] · wᵀ (the gradient with respect to the layer's input).</summary>
    public static void Backpropagate<TShape>(ReadOnlySpan<float> d, ReadOnlySpan<float> w, Span<float> dx, int rows)
        where TShape : IDenseShape
    {
        int k = TShape.Inputs, n = TShape.Units;
        Check(rows, d.Length >= rows * n && w.Length >= k * n && dx.Length >= rows * k);
        ref float dr = ref MemoryMarshal.GetReference(d);
        ref float wr = ref MemoryMarshal.GetReference(w);
        ref float dxr = ref MemoryMarshal.GetReference(dx);
        if (Vector512.IsHardwareAccelerated)
        {
            Backpropagate<TShape, Simd512, Vector512<float>>(ref dr, ref wr, ref dxr, rows);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Backpropagate<TShape, Simd256, Vector256<float>>(ref dr, ref wr, ref dxr, rows);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Backpropagate<TShape, Simd128, Vector128<float>>(ref dr, ref wr, ref dxr, rows);
        }
        else
        {
            BackpropagateScalar(ref dr, ref wr, ref dxr, rows, k, n);
        }
    }

    // ---- forward: z = x·w + b, tiles of 4 rows × 2 vectors ----

    private static void Forward<TShape, TSimd, TVector>(ref float x, ref float w, ref float b, ref float z, int rows)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units, width = TSimd.Width;
        int vectorEnd = n / width * width;
        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            ref float x0 = ref Unsafe.Add(ref x, r * k);
            int j = 0;
            for (; j + 2 * width <= n; j += 2 * width)
            {
                TVector b0 = TSimd.Load(ref b, j), b1 = TSimd.Load(ref b, j + width);
                TVector a00 = b0, a01 = b1, a10 = b0, a11 = b1, a20 = b0, a21 = b1, a30 = b0, a31 = b1;
                for (int i = 0; i < k; i++)
                {
                    TVector w0 = TSimd.Load(ref w, i * n + j), w1 = TSimd.Load(ref w, i * n + j + width);
                    TVector v0 = TSimd.Broadcast(Unsafe.Add(ref x0, i));
                    TVector v1 = TSimd.Broadcast(Unsafe.Add(ref x0, k + i));
                    TVector v2 = TSimd.Broadcast(Unsafe.Add(ref x0, 2 * k + i));
                    TVector v3 = TSimd.Broadcast(Unsafe.Add(ref x0, 3 * k + i));
                    a00 = TSimd.MultiplyAdd(v0, w0, a00); a01 = TSimd.MultiplyAdd(v0, w1, a01);
                    a10 = TSimd.MultiplyAdd(v1, w0, a10); a11 = TSimd.MultiplyAdd(v1, w1, a11);
                    a20 = TSimd.MultiplyAdd(v2, w0, a20); a21 = TSimd.MultiplyAdd(v2, w1, a21);
                    a30 = TSimd.MultiplyAdd(v3, w0, a30); a31 = TSimd.MultiplyAdd(v3, w1, a31);
                }

                ref float z0 = ref Unsafe.Add(ref z, r * n + j);
                TSimd.Store(a00, ref z0, 0); TSimd.Store(a01, ref z0, width);
                TSimd.Store(a10, ref z0, n); TSimd.Store(a11, ref z0, n + width);
                TSimd.Store(a20, ref z0, 2 * n); TSimd.Store(a21, ref z0, 2 * n + width);
                TSimd.Store(a30, ref z0, 3 * n); TSimd.Store(a31, ref z0, 3 * n + width);
            }

            for (; j + width <= n; j += width)
            {
                TVector b0 = TSimd.Load(ref b, j);
                TVector a0 = b0, a1 = b0, a2 = b0, a3 = b0;
                for (int i = 0; i < k; i++)
                {
                    TVector w0 = TSimd.Load(ref w, i * n + j);
                    a0 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x0, i)), w0, a0);
                    a1 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x0, k + i)), w0, a1);
                    a2 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x0, 2 * k + i)), w0, a2);
                    a3 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x0, 3 * k + i)), w0, a3);
                }

                ref float z0 = ref Unsafe.Add(ref z, r * n + j);
                TSimd.Store(a0, ref z0, 0); TSimd.Store(a1, ref z0, n); TSimd.Store(a2, ref z0, 2 * n); TSimd.Store(a3, ref z0, 3 * n);
            }
        }

        // Remaining rows (fewer than 4), one at a time, full vectors.
        for (; r < rows; r++)
        {
            ref float x0 = ref Unsafe.Add(ref x, r * k);
            for (int j = 0; j + width <= n; j += width)
            {
                TVector a0 = TSimd.Load(ref b, j);
                for (int i = 0; i < k; i++)
                {
                    a0 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x0, i)), TSimd.Load(ref w, i * n + j), a0);
                }

                TSimd.Store(a0, ref z, r * n + j);
            }
        }

        // Columns past the last full vector, scalar.
        ForwardTail(ref x, ref w, ref b, ref z, rows, k, n, vectorEnd);
    }

    private static void ForwardTail(ref float x, ref float w, ref float b, ref float z, int rows, int k, int n, int firstColumn)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int j = firstColumn; j < n; j++)
            {
                float sum = Unsafe.Add(ref b, j);
                for (int i = 0; i < k; i++)
                {
                    sum += Unsafe.Add(ref x, r * k + i) * Unsafe.Add(ref w, i * n + j);
                }

                Unsafe.Add(ref z, r * n + j) = sum;
            }
        }
    }

    // ---- weight gradient: gw += xᵀ·d, tiles of 4 rows of gw × 2 vectors; gb += Σ d ----

    private static void AccumulateGradients<TShape, TSimd, TVector>(ref float x, ref float d, ref float gw, ref float gb, int rows)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units, width = TSimd.Width;
        int vectorEnd = n / width * width;
        for (int j = 0; j + width <= n; j += width)
        {
            TVector sum = TSimd.Load(ref gb, j);
            for (int r = 0; r < rows; r++)
            {
                sum = TSimd.Add(sum, TSimd.Load(ref d, r * n + j));
            }

            TSimd.Store(sum, ref gb, j);
        }

        int i = 0;
        for (; i + 4 <= k; i += 4)
        {
            int j = 0;
            for (; j + 2 * width <= n; j += 2 * width)
            {
                ref float g0 = ref Unsafe.Add(ref gw, i * n + j);
                TVector a00 = TSimd.Load(ref g0, 0), a01 = TSimd.Load(ref g0, width);
                TVector a10 = TSimd.Load(ref g0, n), a11 = TSimd.Load(ref g0, n + width);
                TVector a20 = TSimd.Load(ref g0, 2 * n), a21 = TSimd.Load(ref g0, 2 * n + width);
                TVector a30 = TSimd.Load(ref g0, 3 * n), a31 = TSimd.Load(ref g0, 3 * n + width);
                for (int r = 0; r < rows; r++)
                {
                    TVector d0 = TSimd.Load(ref d, r * n + j), d1 = TSimd.Load(ref d, r * n + j + width);
                    ref float xr = ref Unsafe.Add(ref x, r * k + i);
                    TVector v0 = TSimd.Broadcast(xr);
                    TVector v1 = TSimd.Broadcast(Unsafe.Add(ref xr, 1));
                    TVector v2 = TSimd.Broadcast(Unsafe.Add(ref xr, 2));
                    TVector v3 = TSimd.Broadcast(Unsafe.Add(ref xr, 3));
                    a00 = TSimd.MultiplyAdd(v0, d0, a00); a01 = TSimd.MultiplyAdd(v0, d1, a01);
                    a10 = TSimd.MultiplyAdd(v1, d0, a10); a11 = TSimd.MultiplyAdd(v1, d1, a11);
                    a20 = TSimd.MultiplyAdd(v2, d0, a20); a21 = TSimd.MultiplyAdd(v2, d1, a21);
                    a30 = TSimd.MultiplyAdd(v3, d0, a30); a31 = TSimd.MultiplyAdd(v3, d1, a31);
                }

                TSimd.Store(a00, ref g0, 0); TSimd.Store(a01, ref g0, width);
                TSimd.Store(a10, ref g0, n); TSimd.Store(a11, ref g0, n + width);
                TSimd.Store(a20, ref g0, 2 * n); TSimd.Store(a21, ref g0, 2 * n + width);
                TSimd.Store(a30, ref g0, 3 * n); TSimd.Store(a31, ref g0, 3 * n + width);
            }

            for (; j + width <= n; j += width)
            {
                ref float g0 = ref Unsafe.Add(ref gw, i * n + j);
                TVector a0 = TSimd.Load(ref g0, 0), a1 = TSimd.Load(ref g0, n), a2 = TSimd.Load(ref g0, 2 * n), a3 = TSimd.Load(ref g0, 3 * n);
                for (int r = 0; r < rows; r++)
                {
                    TVector d0 = TSimd.Load(ref d, r * n + j);
                    ref float xr = ref Unsafe.Add(ref x, r * k + i);
                    a0 = TSimd.MultiplyAdd(TSimd.Broadcast(xr), d0, a0);
                    a1 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref xr, 1)), d0, a1);
                    a2 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref xr, 2)), d0, a2);
                    a3 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref xr, 3)), d0, a3);
                }

                TSimd.Store(a0, ref g0, 0); TSimd.Store(a1, ref g0, n); TSimd.Store(a2, ref g0, 2 * n); TSimd.Store(a3, ref g0, 3 * n);
            }
        }

        // Remaining rows of gw (fewer than 4), full vectors.
        for (; i < k; i++)
        {
            for (int j = 0; j + width <= n; j += width)
            {
                TVector a0 = TSimd.Load(ref gw, i * n + j);
                for (int r = 0; r < rows; r++)
                {
                    a0 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x, r * k + i)), TSimd.Load(ref d, r * n + j), a0);
                }

                TSimd.Store(a0, ref gw, i * n + j);
            }
        }

        GradientTail(ref x, ref d, ref gw, ref gb, rows, k, n, vectorEnd);
    }

    private static void GradientTail(ref float x, ref float d, ref float gw, ref float gb, int rows, int k, int n, int firstColumn)
    {
        for (int j = firstColumn; j < n; j++)
        {
            float sum = Unsafe.Add(ref gb, j);
            for (int r = 0; r < rows; r++)
            {
                sum += Unsafe.Add(ref d, r * n + j);
            }

            Unsafe.Add(ref gb, j) = sum;
            for (int i = 0; i < k; i++)
            {
                float g = Unsafe.Add(ref gw, i * n + j);
                for (int r = 0; r < rows; r++)
                {
                    g += Unsafe.Add(ref x, r * k + i) * Unsafe.Add(ref d, r * n + j);
                }

                Unsafe.Add(ref gw, i * n + j) = g;
            }
        }
    }

    // ---- input gradient: dx = d·wᵀ, tiles of 4 samples × 4 rows of w, dot products over Units ----

    private static void Backpropagate<TShape, TSimd, TVector>(ref float d, ref float w, ref float dx, int rows)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units, width = TSimd.Width;
        int vectorEnd = n / width * width;
        if (vectorEnd == 0)
        {
            BackpropagateScalar(ref d, ref w, ref dx, rows, k, n);
            return;
        }

        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            int i = 0;
            for (; i + 4 <= k; i += 4)
            {
                TVector s00 = TSimd.Zero, s01 = TSimd.Zero, s02 = TSimd.Zero, s03 = TSimd.Zero;
                TVector s10 = TSimd.Zero, s11 = TSimd.Zero, s12 = TSimd.Zero, s13 = TSimd.Zero;
                TVector s20 = TSimd.Zero, s21 = TSimd.Zero, s22 = TSimd.Zero, s23 = TSimd.Zero;
                TVector s30 = TSimd.Zero, s31 = TSimd.Zero, s32 = TSimd.Zero, s33 = TSimd.Zero;
                for (int j = 0; j < vectorEnd; j += width)
                {
                    TVector w0 = TSimd.Load(ref w, i * n + j), w1 = TSimd.Load(ref w, (i + 1) * n + j);
                    TVector w2 = TSimd.Load(ref w, (i + 2) * n + j), w3 = TSimd.Load(ref w, (i + 3) * n + j);
                    TVector d0 = TSimd.Load(ref d, r * n + j);
                    s00 = TSimd.MultiplyAdd(d0, w0, s00); s01 = TSimd.MultiplyAdd(d0, w1, s01); s02 = TSimd.MultiplyAdd(d0, w2, s02); s03 = TSimd.MultiplyAdd(d0, w3, s03);
                    TVector d1 = TSimd.Load(ref d, (r + 1) * n + j);
                    s10 = TSimd.MultiplyAdd(d1, w0, s10); s11 = TSimd.MultiplyAdd(d1, w1, s11); s12 = TSimd.MultiplyAdd(d1, w2, s12); s13 = TSimd.MultiplyAdd(d1, w3, s13);
                    TVector d2 = TSimd.Load(ref d, (r + 2) * n + j);
                    s20 = TSimd.MultiplyAdd(d2, w0, s20); s21 = TSimd.MultiplyAdd(d2, w1, s21); s22 = TSimd.MultiplyAdd(d2, w2, s22); s23 = TSimd.MultiplyAdd(d2, w3, s23);
                    TVector d3 = TSimd.Load(ref d, (r + 3) * n + j);
                    s30 = TSimd.MultiplyAdd(d3, w0, s30); s31 = TSimd.MultiplyAdd(d3, w1, s31); s32 = TSimd.MultiplyAdd(d3, w2, s32); s33 = TSimd.MultiplyAdd(d3, w3, s33);
                }

                ref float o = ref Unsafe.Add(ref dx, r * k + i);
                o = TSimd.Sum(s00); Unsafe.Add(ref o, 1) = TSimd.Sum(s01); Unsafe.Add(ref o, 2) = TSimd.Sum(s02); Unsafe.Add(ref o, 3) = TSimd.Sum(s03);
                o = ref Unsafe.Add(ref o, k);
                o = TSimd.Sum(s10); Unsafe.Add(ref o, 1) = TSimd.Sum(s11); Unsafe.Add(ref o, 2) = TSimd.Sum(s12); Unsafe.Add(ref o, 3) = TSimd.Sum(s13);
                o = ref Unsafe.Add(ref o, k);
                o = TSimd.Sum(s20); Unsafe.Add(ref o, 1) = TSimd.Sum(s21); Unsafe.Add(ref o, 2) = TSimd.Sum(s22); Unsafe.Add(ref o, 3) = TSimd.Sum(s23);
                o = ref Unsafe.Add(ref o, k);
                o = TSimd.Sum(s30); Unsafe.Add(ref o, 1) = TSimd.Sum(s31); Unsafe.Add(ref o, 2) = TSimd.Sum(s32); Unsafe.Add(ref o, 3) = TSimd.Sum(s33);
            }

            for (; i < k; i++)
            {
                for (int rr = r; rr < r + 4; rr++)
                {
                    Unsafe.Add(ref dx, rr * k + i) = Dot<TSimd, TVector>(ref Unsafe.Add(ref d, rr * n), ref Unsafe.Add(ref w, i * n), vectorEnd);
                }
            }
        }

        for (; r < rows; r++)
        {
            for (int i = 0; i < k; i++)
            {
                Unsafe.Add(ref dx, r * k + i) = Dot<TSimd, TVector>(ref Unsafe.Add(ref d, r * n), ref Unsafe.Add(ref w, i * n), vectorEnd);
            }
        }

        // Columns past the last full vector, scalar, added to every dot product.
        if (vectorEnd < n)
        {
            for (int rr = 0; rr < rows; rr++)
            {
                for (int i = 0; i < k; i++)
                {
                    float sum = Unsafe.Add(ref dx, rr * k + i);
                    for (int j = vectorEnd; j < n; j++)
                    {
                        sum += Unsafe.Add(ref d, rr * n + j) * Unsafe.Add(ref w, i * n + j);
                    }

                    Unsafe.Add(ref dx, rr * k + i) = sum;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot<TSimd, TVector>(ref float a, ref float b, int length)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        TVector sum = TSimd.Zero;
        for (int j = 0; j < length; j += TSimd.Width)
        {
            sum = TSimd.MultiplyAdd(TSimd.Load(ref a, j), TSimd.Load(ref b, j), sum);
        }

        return TSimd.Sum(sum);
    }

    private static void BackpropagateScalar(ref float d, ref float w, ref float dx, int rows, int k, int n)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < k; i++)
            {
                float sum = 0;
                for (int j = 0; j < n; j++)
                {
                    sum += Unsafe.Add(ref d, r * n + j) * Unsafe.Add(ref w, i * n + j);
                }

                Unsafe.Add(ref dx, r * k + i) = sum;
            }
        }
    }

    private static void Check(int rows, bool lengthsOk)
    {
        if (rows < 1 || !lengthsOk)
        {
            throw new ArgumentException($"The spans are too short for {rows} rows of this layer's shape.");
        }
    }
}
