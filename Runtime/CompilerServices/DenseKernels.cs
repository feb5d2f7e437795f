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
[SkipLocalsInit] // the stack buffers for transposed matrices are written before they are read
public static partial class DenseKernels
{
    /// <summary>z[rows × Units] = x[rows × Inputs] · w[Inputs × Units] + b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<TShape>(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> z, int rows)
        where TShape : IDenseShape
    {
        int k = TShape.Inputs, n = TShape.Units;
        Check(rows, x.Length >= rows * k && w.Length >= k * n && b.Length >= n && z.Length >= rows * n);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float wr = ref MemoryMarshal.GetReference(w);
        ref float br = ref MemoryMarshal.GetReference(b);
        ref float zr = ref MemoryMarshal.GetReference(z);
        var kernel = new ForwardKernel<TShape>(ref xr, ref wr, ref br, ref zr, rows);
        SimdDispatch.Run(ref kernel);
    }

    /// <summary>gw[Inputs × Units] += xᵀ · d and gb[Units] += Σ rows of d, over <paramref name="rows"/> samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateGradients<TShape>(ReadOnlySpan<float> x, ReadOnlySpan<float> d, Span<float> gw, Span<float> gb, int rows)
        where TShape : IDenseShape
    {
        int k = TShape.Inputs, n = TShape.Units;
        Check(rows, x.Length >= rows * k && d.Length >= rows * n && gw.Length >= k * n && gb.Length >= n);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(d);
        ref float gwr = ref MemoryMarshal.GetReference(gw);
        ref float gbr = ref MemoryMarshal.GetReference(gb);
        var kernel = new GradientKernel<TShape>(ref xr, ref dr, ref gwr, ref gbr, rows);
        SimdDispatch.Run(ref kernel);
    }

    /// <summary>dx[rows × Inputs] = d[rows × Units] · wᵀ (the gradient with respect to the layer's input).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backpropagate<TShape>(ReadOnlySpan<float> d, ReadOnlySpan<float> w, Span<float> dx, int rows)
        where TShape : IDenseShape
    {
        int k = TShape.Inputs, n = TShape.Units;
        Check(rows, d.Length >= rows * n && w.Length >= k * n && dx.Length >= rows * k);
        ref float dr = ref MemoryMarshal.GetReference(d);
        ref float wr = ref MemoryMarshal.GetReference(w);
        ref float dxr = ref MemoryMarshal.GetReference(dx);
        var kernel = new BackpropagateKernel<TShape>(ref dr, ref wr, ref dxr, rows);
        SimdDispatch.Run(ref kernel);
    }

    // ---- the three operations as kernels for the one width dispatch (SimdDispatch) ----

    private ref struct ForwardKernel<TShape> : ISimdKernel
        where TShape : IDenseShape
    {
        private readonly ref float _x;
        private readonly ref float _w;
        private readonly ref float _b;
        private readonly ref float _z;
        private readonly int _rows;

        public ForwardKernel(ref float x, ref float w, ref float b, ref float z, int rows)
        {
            _x = ref x;
            _w = ref w;
            _b = ref b;
            _z = ref z;
            _rows = rows;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Run<TSimd, TVector>()
            where TSimd : ISimd<TVector>
            where TVector : struct
        {
            if (SimdDispatch.IsScalar<TSimd>())
            {
                ForwardScalar(ref _x, ref _w, ref _b, ref _z, _rows, TShape.Inputs, TShape.Units);
            }
            else
            {
                Forward<TShape, TSimd, TVector>(ref _x, ref _w, ref _b, ref _z, _rows);
            }
        }
    }

    private ref struct GradientKernel<TShape> : ISimdKernel
        where TShape : IDenseShape
    {
        private readonly ref float _x;
        private readonly ref float _d;
        private readonly ref float _gw;
        private readonly ref float _gb;
        private readonly int _rows;

        public GradientKernel(ref float x, ref float d, ref float gw, ref float gb, int rows)
        {
            _x = ref x;
            _d = ref d;
            _gw = ref gw;
            _gb = ref gb;
            _rows = rows;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Run<TSimd, TVector>()
            where TSimd : ISimd<TVector>
            where TVector : struct
        {
            if (SimdDispatch.IsScalar<TSimd>())
            {
                GradientScalar(ref _x, ref _d, ref _gw, ref _gb, _rows, TShape.Inputs, TShape.Units);
            }
            else
            {
                AccumulateGradients<TShape, TSimd, TVector>(ref _x, ref _d, ref _gw, ref _gb, _rows);
            }
        }
    }

    private ref struct BackpropagateKernel<TShape> : ISimdKernel
        where TShape : IDenseShape
    {
        private readonly ref float _d;
        private readonly ref float _w;
        private readonly ref float _dx;
        private readonly int _rows;

        public BackpropagateKernel(ref float d, ref float w, ref float dx, int rows)
        {
            _d = ref d;
            _w = ref w;
            _dx = ref dx;
            _rows = rows;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Run<TSimd, TVector>()
            where TSimd : ISimd<TVector>
            where TVector : struct
        {
            if (SimdDispatch.IsScalar<TSimd>())
            {
                DotsScalar(ref _d, ref _w, ref _dx, _rows, TShape.Inputs, TShape.Units, ref _dx, false);
            }
            else
            {
                Backpropagate<TShape, TSimd, TVector>(ref _d, ref _w, ref _dx, _rows);
            }
        }
    }

    // ---- forward: z = x·w + b ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Forward<TShape, TSimd, TVector>(ref float x, ref float w, ref float b, ref float z, int rows)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units;
        if (rows >= 4 && IsNarrow<TShape, TSimd, TVector>())
        {
            // Few outputs: z[r, j] = b[j] + x[r, :] · wᵀ[j, :], dot products of length Inputs.
            Span<float> transposed = stackalloc float[k * n];
            ref float wt = ref MemoryMarshal.GetReference(transposed);
            Transpose(ref w, ref wt, k, n);
            Dots<Transposed<TShape>, TSimd, TVector>(ref x, ref wt, ref z, rows, ref b, true);
            return;
        }

        Columns<TShape, TSimd, TVector>(ref x, ref w, ref b, true, ref z, rows);
    }

    /// <summary>
    /// z[rows × Units] = x[rows × Inputs] · w[Inputs × Units] (+ b), vectorised along Units: tiles of
    /// 4 rows × 2 vectors (8 accumulators, 8 FMAs per 2 loads of w and 4 broadcasts of x). The column
    /// blocks are the outer loop, so one [Inputs × 2 vectors] panel of w stays in cache while every
    /// block of rows passes over it. Rows past the last block of 4 go through <see cref="Row"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns<TShape, TSimd, TVector>(ref float x, ref float w, ref float b, bool hasBias, ref float z, int rows)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units, width = TSimd.Width;
        int vectorEnd = n / width * width;
        int blockRows = rows / 4 * 4;
        int j = 0;
        for (; j + 4 * width <= n; j += 4 * width)
        {
            for (int r = 0; r < blockRows; r += 4)
            {
                Tile4x4<TShape, TSimd, TVector>(ref Unsafe.Add(ref x, r * k), ref Unsafe.Add(ref w, j), ref Unsafe.Add(ref b, j), hasBias, ref Unsafe.Add(ref z, r * n + j));
            }
        }

        for (; j + 2 * width <= n; j += 2 * width)
        {
            TVector b0 = hasBias ? TSimd.Load(ref b, j) : TSimd.Zero, b1 = hasBias ? TSimd.Load(ref b, j + width) : TSimd.Zero;
            for (int r = 0; r < blockRows; r += 4)
            {
                ref float x0 = ref Unsafe.Add(ref x, r * k);
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
        }

        for (; j + width <= n; j += width)
        {
            TVector b0 = hasBias ? TSimd.Load(ref b, j) : TSimd.Zero;
            for (int r = 0; r < blockRows; r += 4)
            {
                ref float x0 = ref Unsafe.Add(ref x, r * k);
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

        if (vectorEnd < n)
        {
            for (int r = 0; r < blockRows; r++)
            {
                TailColumns(ref Unsafe.Add(ref x, r * k), ref w, ref b, hasBias, ref Unsafe.Add(ref z, r * n), k, n, vectorEnd, k);
            }
        }

        for (int r = blockRows; r < rows; r++)
        {
            Row<TShape, TSimd, TVector>(ref Unsafe.Add(ref x, r * k), ref w, ref b, hasBias, ref Unsafe.Add(ref z, r * n));
        }
    }

    /// <summary>
    /// z[4 × 4 vectors] = x[4 rows] · w[:, 4 vectors] (+ b): 16 accumulators, 16 FMAs per 4 loads of w
    /// and 4 broadcasts of x, enough independent sums to keep both FMA pipes busy through their latency.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x4<TShape, TSimd, TVector>(ref float x0, ref float w, ref float b, bool hasBias, ref float z0)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units, width = TSimd.Width;
        TVector c0 = hasBias ? TSimd.Load(ref b, 0) : TSimd.Zero, c1 = hasBias ? TSimd.Load(ref b, width) : TSimd.Zero;
        TVector c2 = hasBias ? TSimd.Load(ref b, 2 * width) : TSimd.Zero, c3 = hasBias ? TSimd.Load(ref b, 3 * width) : TSimd.Zero;
        TVector a00 = c0, a01 = c1, a02 = c2, a03 = c3, a10 = c0, a11 = c1, a12 = c2, a13 = c3;
        TVector a20 = c0, a21 = c1, a22 = c2, a23 = c3, a30 = c0, a31 = c1, a32 = c2, a33 = c3;
        for (int i = 0; i < k; i++)
        {
            ref float wi = ref Unsafe.Add(ref w, i * n);
            TVector w0 = TSimd.Load(ref wi, 0), w1 = TSimd.Load(ref wi, width), w2 = TSimd.Load(ref wi, 2 * width), w3 = TSimd.Load(ref wi, 3 * width);
            TVector v = TSimd.Broadcast(Unsafe.Add(ref x0, i));
            a00 = TSimd.MultiplyAdd(v, w0, a00); a01 = TSimd.MultiplyAdd(v, w1, a01); a02 = TSimd.MultiplyAdd(v, w2, a02); a03 = TSimd.MultiplyAdd(v, w3, a03);
            v = TSimd.Broadcast(Unsafe.Add(ref x0, k + i));
            a10 = TSimd.MultiplyAdd(v, w0, a10); a11 = TSimd.MultiplyAdd(v, w1, a11); a12 = TSimd.MultiplyAdd(v, w2, a12); a13 = TSimd.MultiplyAdd(v, w3, a13);
            v = TSimd.Broadcast(Unsafe.Add(ref x0, 2 * k + i));
            a20 = TSimd.MultiplyAdd(v, w0, a20); a21 = TSimd.MultiplyAdd(v, w1, a21); a22 = TSimd.MultiplyAdd(v, w2, a22); a23 = TSimd.MultiplyAdd(v, w3, a23);
            v = TSimd.Broadcast(Unsafe.Add(ref x0, 3 * k + i));
            a30 = TSimd.MultiplyAdd(v, w0, a30); a31 = TSimd.MultiplyAdd(v, w1, a31); a32 = TSimd.MultiplyAdd(v, w2, a32); a33 = TSimd.MultiplyAdd(v, w3, a33);
        }

        TSimd.Store(a00, ref z0, 0); TSimd.Store(a01, ref z0, width); TSimd.Store(a02, ref z0, 2 * width); TSimd.Store(a03, ref z0, 3 * width);
        ref float z1 = ref Unsafe.Add(ref z0, n);
        TSimd.Store(a10, ref z1, 0); TSimd.Store(a11, ref z1, width); TSimd.Store(a12, ref z1, 2 * width); TSimd.Store(a13, ref z1, 3 * width);
        ref float z2 = ref Unsafe.Add(ref z0, 2 * n);
        TSimd.Store(a20, ref z2, 0); TSimd.Store(a21, ref z2, width); TSimd.Store(a22, ref z2, 2 * width); TSimd.Store(a23, ref z2, 3 * width);
        ref float z3 = ref Unsafe.Add(ref z0, 3 * n);
        TSimd.Store(a30, ref z3, 0); TSimd.Store(a31, ref z3, width); TSimd.Store(a32, ref z3, 2 * width); TSimd.Store(a33, ref z3, 3 * width);
    }

    /// <summary>
    /// One row, z[Units] = x[Inputs] · w (+ b): the single-sample (inference) case. A lone accumulator
    /// per vector would wait on the FMA latency at every step of Inputs, so blocks of 8 vectors keep
    /// 8 independent sums, and narrower blocks split Inputs into 4 interleaved partial sums.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row<TShape, TSimd, TVector>(ref float x, ref float w, ref float b, bool hasBias, ref float z)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units, width = TSimd.Width;
        int j = 0;
        for (; j + 8 * width <= n; j += 8 * width)
        {
            TVector a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, a3 = TSimd.Zero, a4 = TSimd.Zero, a5 = TSimd.Zero, a6 = TSimd.Zero, a7 = TSimd.Zero;
            for (int i = 0; i < k; i++)
            {
                ref float wi = ref Unsafe.Add(ref w, i * n + j);
                TVector v = TSimd.Broadcast(Unsafe.Add(ref x, i));
                a0 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 0), a0);
                a1 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, width), a1);
                a2 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 2 * width), a2);
                a3 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 3 * width), a3);
                a4 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 4 * width), a4);
                a5 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 5 * width), a5);
                a6 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 6 * width), a6);
                a7 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 7 * width), a7);
            }

            ref float z0 = ref Unsafe.Add(ref z, j);
            TSimd.Store(WithBias<TSimd, TVector>(a0, ref b, hasBias, j), ref z0, 0);
            TSimd.Store(WithBias<TSimd, TVector>(a1, ref b, hasBias, j + width), ref z0, width);
            TSimd.Store(WithBias<TSimd, TVector>(a2, ref b, hasBias, j + 2 * width), ref z0, 2 * width);
            TSimd.Store(WithBias<TSimd, TVector>(a3, ref b, hasBias, j + 3 * width), ref z0, 3 * width);
            TSimd.Store(WithBias<TSimd, TVector>(a4, ref b, hasBias, j + 4 * width), ref z0, 4 * width);
            TSimd.Store(WithBias<TSimd, TVector>(a5, ref b, hasBias, j + 5 * width), ref z0, 5 * width);
            TSimd.Store(WithBias<TSimd, TVector>(a6, ref b, hasBias, j + 6 * width), ref z0, 6 * width);
            TSimd.Store(WithBias<TSimd, TVector>(a7, ref b, hasBias, j + 7 * width), ref z0, 7 * width);
        }

        int phased = k / 4 * 4;
        for (; j + 2 * width <= n; j += 2 * width)
        {
            TVector a0 = TSimd.Zero, a1 = TSimd.Zero, c0 = TSimd.Zero, c1 = TSimd.Zero, e0 = TSimd.Zero, e1 = TSimd.Zero, g0 = TSimd.Zero, g1 = TSimd.Zero;
            int i = 0;
            for (; i < phased; i += 4)
            {
                ref float wi = ref Unsafe.Add(ref w, i * n + j);
                TVector v0 = TSimd.Broadcast(Unsafe.Add(ref x, i)), v1 = TSimd.Broadcast(Unsafe.Add(ref x, i + 1));
                TVector v2 = TSimd.Broadcast(Unsafe.Add(ref x, i + 2)), v3 = TSimd.Broadcast(Unsafe.Add(ref x, i + 3));
                a0 = TSimd.MultiplyAdd(v0, TSimd.Load(ref wi, 0), a0); a1 = TSimd.MultiplyAdd(v0, TSimd.Load(ref wi, width), a1);
                c0 = TSimd.MultiplyAdd(v1, TSimd.Load(ref wi, n), c0); c1 = TSimd.MultiplyAdd(v1, TSimd.Load(ref wi, n + width), c1);
                e0 = TSimd.MultiplyAdd(v2, TSimd.Load(ref wi, 2 * n), e0); e1 = TSimd.MultiplyAdd(v2, TSimd.Load(ref wi, 2 * n + width), e1);
                g0 = TSimd.MultiplyAdd(v3, TSimd.Load(ref wi, 3 * n), g0); g1 = TSimd.MultiplyAdd(v3, TSimd.Load(ref wi, 3 * n + width), g1);
            }

            for (; i < k; i++)
            {
                TVector v = TSimd.Broadcast(Unsafe.Add(ref x, i));
                a0 = TSimd.MultiplyAdd(v, TSimd.Load(ref w, i * n + j), a0);
                a1 = TSimd.MultiplyAdd(v, TSimd.Load(ref w, i * n + j + width), a1);
            }

            TSimd.Store(WithBias<TSimd, TVector>(TSimd.Add(TSimd.Add(a0, c0), TSimd.Add(e0, g0)), ref b, hasBias, j), ref z, j);
            TSimd.Store(WithBias<TSimd, TVector>(TSimd.Add(TSimd.Add(a1, c1), TSimd.Add(e1, g1)), ref b, hasBias, j + width), ref z, j + width);
        }

        for (; j + width <= n; j += width)
        {
            TVector a = TSimd.Zero, c = TSimd.Zero, e = TSimd.Zero, g = TSimd.Zero;
            int i = 0;
            for (; i < phased; i += 4)
            {
                ref float wi = ref Unsafe.Add(ref w, i * n + j);
                a = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x, i)), TSimd.Load(ref wi, 0), a);
                c = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x, i + 1)), TSimd.Load(ref wi, n), c);
                e = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x, i + 2)), TSimd.Load(ref wi, 2 * n), e);
                g = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x, i + 3)), TSimd.Load(ref wi, 3 * n), g);
            }

            for (; i < k; i++)
            {
                a = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x, i)), TSimd.Load(ref w, i * n + j), a);
            }

            TSimd.Store(WithBias<TSimd, TVector>(TSimd.Add(TSimd.Add(a, c), TSimd.Add(e, g)), ref b, hasBias, j), ref z, j);
        }

        if (j < n)
        {
            NarrowTail<TSimd, TVector>(ref x, ref w, ref b, hasBias, ref z, k, n, j);
        }
    }

    /// <summary>
    /// Columns [first, Units) of one row, fewer than a vector. While a full vector load starting at
    /// column <paramref name="first"/> of row i of w stays inside w, it is used whole (its lanes past
    /// Units belong to the next row of w and are simply not stored); the last few rows of w are scalar.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NarrowTail<TSimd, TVector>(ref float x, ref float w, ref float b, bool hasBias, ref float z, int k, int n, int first)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int width = TSimd.Width;
        // Rows i with i·n + first + width ≤ k·n may be loaded whole.
        int wholeRows = k * n - first - width < 0 ? 0 : Math.Min(k, (k * n - first - width) / n + 1);
        TVector a = TSimd.Zero, c = TSimd.Zero;
        int i = 0;
        for (; i + 2 <= wholeRows; i += 2)
        {
            a = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x, i)), TSimd.Load(ref w, i * n + first), a);
            c = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x, i + 1)), TSimd.Load(ref w, (i + 1) * n + first), c);
        }

        for (; i < wholeRows; i++)
        {
            a = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x, i)), TSimd.Load(ref w, i * n + first), a);
        }

        Span<float> lanes = stackalloc float[width];
        TSimd.Store(TSimd.Add(a, c), ref MemoryMarshal.GetReference(lanes), 0);
        for (int j = first; j < n; j++)
        {
            float sum = lanes[j - first];
            for (int r = wholeRows; r < k; r++)
            {
                sum += Unsafe.Add(ref x, r) * Unsafe.Add(ref w, r * n + j);
            }

            Unsafe.Add(ref z, j) = hasBias ? sum + Unsafe.Add(ref b, j) : sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector WithBias<TSimd, TVector>(TVector sum, ref float b, bool hasBias, int j)
        where TSimd : ISimd<TVector>
        where TVector : struct
        => hasBias ? TSimd.Add(sum, TSimd.Load(ref b, j)) : sum;

    /// <summary>Columns [first, last) of one row, scalar, Inputs-outer so that the sums are independent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TailColumns(ref float x, ref float w, ref float b, bool hasBias, ref float z, int k, int n, int first, int count)
    {
        for (int j = first; j < n; j++)
        {
            Unsafe.Add(ref z, j) = hasBias ? Unsafe.Add(ref b, j) : 0f;
        }

        for (int i = 0; i < count; i++)
        {
            float xi = Unsafe.Add(ref x, i);
            ref float wi = ref Unsafe.Add(ref w, i * n);
            for (int j = first; j < n; j++)
            {
                Unsafe.Add(ref z, j) += xi * Unsafe.Add(ref wi, j);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardScalar(ref float x, ref float w, ref float b, ref float z, int rows, int k, int n)
    {
        for (int r = 0; r < rows; r++)
        {
            TailColumns(ref Unsafe.Add(ref x, r * k), ref w, ref b, true, ref Unsafe.Add(ref z, r * n), k, n, 0, k);
        }
    }

    // ---- weight gradient: gw += xᵀ·d, gb += Σ d ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateGradients<TShape, TSimd, TVector>(ref float x, ref float d, ref float gw, ref float gb, int rows)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units, width = TSimd.Width;
        int vectorEnd = n / width * width;
        for (int j = 0; j < vectorEnd; j += width)
        {
            TVector sum = TSimd.Load(ref gb, j);
            for (int r = 0; r < rows; r++)
            {
                sum = TSimd.Add(sum, TSimd.Load(ref d, r * n + j));
            }

            TSimd.Store(sum, ref gb, j);
        }

        for (int j = vectorEnd; j < n; j++)
        {
            float sum = Unsafe.Add(ref gb, j);
            for (int r = 0; r < rows; r++)
            {
                sum += Unsafe.Add(ref d, r * n + j);
            }

            Unsafe.Add(ref gb, j) = sum;
        }

        if (rows >= 4 && IsNarrow<TShape, TSimd, TVector>())
        {
            // Few outputs: accumulate gwᵀ[Units × Inputs] += dᵀ · x, vectorised along Inputs.
            Span<float> transposed = stackalloc float[k * n];
            ref float gwt = ref MemoryMarshal.GetReference(transposed);
            Transpose(ref gw, ref gwt, k, n);
            OuterProducts<Transposed<TShape>, TSimd, TVector>(ref d, ref x, ref gwt, rows);
            Transpose(ref gwt, ref gw, n, k);
            return;
        }

        OuterProducts<TShape, TSimd, TVector>(ref x, ref d, ref gw, rows);
    }

    /// <summary>
    /// gw[Inputs × Units] += xᵀ · d over <paramref name="rows"/> samples, vectorised along Units:
    /// tiles of 4 rows of gw × 2 vectors held in registers while the samples stream past.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OuterProducts<TShape, TSimd, TVector>(ref float x, ref float d, ref float gw, int rows)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units, width = TSimd.Width;
        int vectorEnd = n / width * width;
        int i = 0;
        for (; i + 4 <= k; i += 4)
        {
            int j = 0;
            if (TSimd.Width >= 16)
            {
                for (; j + 4 * width <= n; j += 4 * width)
                {
                    OuterTile4x4<TShape, TSimd, TVector>(ref Unsafe.Add(ref x, i), ref Unsafe.Add(ref d, j), ref Unsafe.Add(ref gw, i * n + j), rows);
                }
            }
            else
            {
                // 16 vector registers: a 4 × 4 tile (16 accumulators, 4 loads, a broadcast) spills; 4 × 3 does not.
                for (; j + 3 * width <= n; j += 3 * width)
                {
                    OuterTile4x3<TShape, TSimd, TVector>(ref Unsafe.Add(ref x, i), ref Unsafe.Add(ref d, j), ref Unsafe.Add(ref gw, i * n + j), rows);
                }
            }

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

        if (vectorEnd < n)
        {
            WeightGradientScalar(ref x, ref d, ref gw, rows, k, n, vectorEnd);
        }
    }

    /// <summary>gw[4 rows × 4 vectors] += x[:, 4 columns]ᵀ · d[:, 4 vectors]: 16 accumulators over the samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OuterTile4x4<TShape, TSimd, TVector>(ref float x, ref float d, ref float g0, int rows)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units, width = TSimd.Width;
        ref float g1 = ref Unsafe.Add(ref g0, n);
        ref float g2 = ref Unsafe.Add(ref g0, 2 * n);
        ref float g3 = ref Unsafe.Add(ref g0, 3 * n);
        TVector a00 = TSimd.Load(ref g0, 0), a01 = TSimd.Load(ref g0, width), a02 = TSimd.Load(ref g0, 2 * width), a03 = TSimd.Load(ref g0, 3 * width);
        TVector a10 = TSimd.Load(ref g1, 0), a11 = TSimd.Load(ref g1, width), a12 = TSimd.Load(ref g1, 2 * width), a13 = TSimd.Load(ref g1, 3 * width);
        TVector a20 = TSimd.Load(ref g2, 0), a21 = TSimd.Load(ref g2, width), a22 = TSimd.Load(ref g2, 2 * width), a23 = TSimd.Load(ref g2, 3 * width);
        TVector a30 = TSimd.Load(ref g3, 0), a31 = TSimd.Load(ref g3, width), a32 = TSimd.Load(ref g3, 2 * width), a33 = TSimd.Load(ref g3, 3 * width);
        for (int r = 0; r < rows; r++)
        {
            ref float dr = ref Unsafe.Add(ref d, r * n);
            ref float xr = ref Unsafe.Add(ref x, r * k);
            TVector d0 = TSimd.Load(ref dr, 0), d1 = TSimd.Load(ref dr, width), d2 = TSimd.Load(ref dr, 2 * width), d3 = TSimd.Load(ref dr, 3 * width);
            TVector v = TSimd.Broadcast(xr);
            a00 = TSimd.MultiplyAdd(v, d0, a00); a01 = TSimd.MultiplyAdd(v, d1, a01); a02 = TSimd.MultiplyAdd(v, d2, a02); a03 = TSimd.MultiplyAdd(v, d3, a03);
            v = TSimd.Broadcast(Unsafe.Add(ref xr, 1));
            a10 = TSimd.MultiplyAdd(v, d0, a10); a11 = TSimd.MultiplyAdd(v, d1, a11); a12 = TSimd.MultiplyAdd(v, d2, a12); a13 = TSimd.MultiplyAdd(v, d3, a13);
            v = TSimd.Broadcast(Unsafe.Add(ref xr, 2));
            a20 = TSimd.MultiplyAdd(v, d0, a20); a21 = TSimd.MultiplyAdd(v, d1, a21); a22 = TSimd.MultiplyAdd(v, d2, a22); a23 = TSimd.MultiplyAdd(v, d3, a23);
            v = TSimd.Broadcast(Unsafe.Add(ref xr, 3));
            a30 = TSimd.MultiplyAdd(v, d0, a30); a31 = TSimd.MultiplyAdd(v, d1, a31); a32 = TSimd.MultiplyAdd(v, d2, a32); a33 = TSimd.MultiplyAdd(v, d3, a33);
        }

        TSimd.Store(a00, ref g0, 0); TSimd.Store(a01, ref g0, width); TSimd.Store(a02, ref g0, 2 * width); TSimd.Store(a03, ref g0, 3 * width);
        TSimd.Store(a10, ref g1, 0); TSimd.Store(a11, ref g1, width); TSimd.Store(a12, ref g1, 2 * width); TSimd.Store(a13, ref g1, 3 * width);
        TSimd.Store(a20, ref g2, 0); TSimd.Store(a21, ref g2, width); TSimd.Store(a22, ref g2, 2 * width); TSimd.Store(a23, ref g2, 3 * width);
        TSimd.Store(a30, ref g3, 0); TSimd.Store(a31, ref g3, width); TSimd.Store(a32, ref g3, 2 * width); TSimd.Store(a33, ref g3, 3 * width);
    }

    /// <summary>gw[4 rows × 3 vectors] += x[:, 4 columns]ᵀ · d[:, 3 vectors]: 12 accumulators (below 512 bits: 16 registers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OuterTile4x3<TShape, TSimd, TVector>(ref float x, ref float d, ref float g0, int rows)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units, width = TSimd.Width;
        ref float g1 = ref Unsafe.Add(ref g0, n);
        ref float g2 = ref Unsafe.Add(ref g0, 2 * n);
        ref float g3 = ref Unsafe.Add(ref g0, 3 * n);
        TVector a00 = TSimd.Load(ref g0, 0), a01 = TSimd.Load(ref g0, width), a02 = TSimd.Load(ref g0, 2 * width);
        TVector a10 = TSimd.Load(ref g1, 0), a11 = TSimd.Load(ref g1, width), a12 = TSimd.Load(ref g1, 2 * width);
        TVector a20 = TSimd.Load(ref g2, 0), a21 = TSimd.Load(ref g2, width), a22 = TSimd.Load(ref g2, 2 * width);
        TVector a30 = TSimd.Load(ref g3, 0), a31 = TSimd.Load(ref g3, width), a32 = TSimd.Load(ref g3, 2 * width);
        for (int r = 0; r < rows; r++)
        {
            ref float dr = ref Unsafe.Add(ref d, r * n);
            ref float xr = ref Unsafe.Add(ref x, r * k);
            TVector d0 = TSimd.Load(ref dr, 0), d1 = TSimd.Load(ref dr, width), d2 = TSimd.Load(ref dr, 2 * width);
            TVector v = TSimd.Broadcast(xr);
            a00 = TSimd.MultiplyAdd(v, d0, a00); a01 = TSimd.MultiplyAdd(v, d1, a01); a02 = TSimd.MultiplyAdd(v, d2, a02);
            v = TSimd.Broadcast(Unsafe.Add(ref xr, 1));
            a10 = TSimd.MultiplyAdd(v, d0, a10); a11 = TSimd.MultiplyAdd(v, d1, a11); a12 = TSimd.MultiplyAdd(v, d2, a12);
            v = TSimd.Broadcast(Unsafe.Add(ref xr, 2));
            a20 = TSimd.MultiplyAdd(v, d0, a20); a21 = TSimd.MultiplyAdd(v, d1, a21); a22 = TSimd.MultiplyAdd(v, d2, a22);
            v = TSimd.Broadcast(Unsafe.Add(ref xr, 3));
            a30 = TSimd.MultiplyAdd(v, d0, a30); a31 = TSimd.MultiplyAdd(v, d1, a31); a32 = TSimd.MultiplyAdd(v, d2, a32);
        }

        TSimd.Store(a00, ref g0, 0); TSimd.Store(a01, ref g0, width); TSimd.Store(a02, ref g0, 2 * width);
        TSimd.Store(a10, ref g1, 0); TSimd.Store(a11, ref g1, width); TSimd.Store(a12, ref g1, 2 * width);
        TSimd.Store(a20, ref g2, 0); TSimd.Store(a21, ref g2, width); TSimd.Store(a22, ref g2, 2 * width);
        TSimd.Store(a30, ref g3, 0); TSimd.Store(a31, ref g3, width); TSimd.Store(a32, ref g3, 2 * width);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WeightGradientScalar(ref float x, ref float d, ref float gw, int rows, int k, int n, int firstColumn)
    {
        for (int r = 0; r < rows; r++)
        {
            ref float dr = ref Unsafe.Add(ref d, r * n);
            for (int i = 0; i < k; i++)
            {
                float xi = Unsafe.Add(ref x, r * k + i);
                ref float gi = ref Unsafe.Add(ref gw, i * n);
                for (int j = firstColumn; j < n; j++)
                {
                    Unsafe.Add(ref gi, j) += xi * Unsafe.Add(ref dr, j);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GradientScalar(ref float x, ref float d, ref float gw, ref float gb, int rows, int k, int n)
    {
        for (int j = 0; j < n; j++)
        {
            float sum = Unsafe.Add(ref gb, j);
            for (int r = 0; r < rows; r++)
            {
                sum += Unsafe.Add(ref d, r * n + j);
            }

            Unsafe.Add(ref gb, j) = sum;
        }

        WeightGradientScalar(ref x, ref d, ref gw, rows, k, n, 0);
    }

    // ---- input gradient: dx = d·wᵀ ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Backpropagate<TShape, TSimd, TVector>(ref float d, ref float w, ref float dx, int rows)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units;
        if (k * n <= MaxTransposed && (k >= TSimd.Width || IsNarrow<TShape, TSimd, TVector>()) && (rows >= 4 || n < TSimd.Width))
        {
            // dx[r, :] = Σⱼ d[r, j] · wᵀ[j, :], vectorised along Inputs with the forward kernel. The
            // dot-product form below needs a horizontal sum per output, which dominates when Units is
            // small (one sum per Units/width FMAs); a transposed copy of w costs one pass over w.
            Span<float> transposed = stackalloc float[k * n];
            ref float wt = ref MemoryMarshal.GetReference(transposed);
            Transpose(ref w, ref wt, k, n);
            Columns<Transposed<TShape>, TSimd, TVector>(ref d, ref wt, ref wt, false, ref dx, rows);
            return;
        }

        Dots<TShape, TSimd, TVector>(ref d, ref w, ref dx, rows, ref w, false);
    }

    /// <summary>
    /// c[rows × Inputs] = a[rows × Units] · wᵀ (+ bias), i.e. dot products of length Units between
    /// rows of a and rows of w ([Inputs × Units]): tiles of 4 rows of w × 4 rows of a (16 accumulators).
    /// The rows of w are the outer loop, so each block of 4 stays in L1 while every row of a passes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dots<TShape, TSimd, TVector>(ref float a, ref float w, ref float c, int rows, ref float bias, bool hasBias)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units, width = TSimd.Width;
        int vectorEnd = n / width * width;
        if (vectorEnd == 0)
        {
            DotsScalar(ref a, ref w, ref c, rows, k, n, ref bias, hasBias);
            return;
        }

        int blockRows = rows / 4 * 4;
        int i = 0;
        if (TSimd.Width < 16)
        {
            // 16 vector registers: the 4 × 4 tile below spills; 3 rows of w × 4 rows of a is 12 accumulators.
            for (; i + 3 <= k; i += 3)
            {
                for (int r = 0; r < blockRows; r += 4)
                {
                    DotTile3x4<TSimd, TVector>(ref Unsafe.Add(ref a, r * n), ref Unsafe.Add(ref w, i * n), ref Unsafe.Add(ref c, r * k + i), n, k, vectorEnd);
                }

                for (int r = blockRows; r < rows; r++)
                {
                    for (int ii = i; ii < i + 3; ii++)
                    {
                        Unsafe.Add(ref c, r * k + ii) = Dot<TSimd, TVector>(ref Unsafe.Add(ref a, r * n), ref Unsafe.Add(ref w, ii * n), vectorEnd);
                    }
                }
            }
        }

        for (; i + 4 <= k; i += 4)
        {
            for (int r = 0; r < blockRows; r += 4)
            {
                TVector s00 = TSimd.Zero, s01 = TSimd.Zero, s02 = TSimd.Zero, s03 = TSimd.Zero;
                TVector s10 = TSimd.Zero, s11 = TSimd.Zero, s12 = TSimd.Zero, s13 = TSimd.Zero;
                TVector s20 = TSimd.Zero, s21 = TSimd.Zero, s22 = TSimd.Zero, s23 = TSimd.Zero;
                TVector s30 = TSimd.Zero, s31 = TSimd.Zero, s32 = TSimd.Zero, s33 = TSimd.Zero;
                for (int j = 0; j < vectorEnd; j += width)
                {
                    TVector w0 = TSimd.Load(ref w, i * n + j), w1 = TSimd.Load(ref w, (i + 1) * n + j);
                    TVector w2 = TSimd.Load(ref w, (i + 2) * n + j), w3 = TSimd.Load(ref w, (i + 3) * n + j);
                    TVector d0 = TSimd.Load(ref a, r * n + j);
                    s00 = TSimd.MultiplyAdd(d0, w0, s00); s01 = TSimd.MultiplyAdd(d0, w1, s01); s02 = TSimd.MultiplyAdd(d0, w2, s02); s03 = TSimd.MultiplyAdd(d0, w3, s03);
                    TVector d1 = TSimd.Load(ref a, (r + 1) * n + j);
                    s10 = TSimd.MultiplyAdd(d1, w0, s10); s11 = TSimd.MultiplyAdd(d1, w1, s11); s12 = TSimd.MultiplyAdd(d1, w2, s12); s13 = TSimd.MultiplyAdd(d1, w3, s13);
                    TVector d2 = TSimd.Load(ref a, (r + 2) * n + j);
                    s20 = TSimd.MultiplyAdd(d2, w0, s20); s21 = TSimd.MultiplyAdd(d2, w1, s21); s22 = TSimd.MultiplyAdd(d2, w2, s22); s23 = TSimd.MultiplyAdd(d2, w3, s23);
                    TVector d3 = TSimd.Load(ref a, (r + 3) * n + j);
                    s30 = TSimd.MultiplyAdd(d3, w0, s30); s31 = TSimd.MultiplyAdd(d3, w1, s31); s32 = TSimd.MultiplyAdd(d3, w2, s32); s33 = TSimd.MultiplyAdd(d3, w3, s33);
                }

                ref float o = ref Unsafe.Add(ref c, r * k + i);
                o = TSimd.Sum(s00); Unsafe.Add(ref o, 1) = TSimd.Sum(s01); Unsafe.Add(ref o, 2) = TSimd.Sum(s02); Unsafe.Add(ref o, 3) = TSimd.Sum(s03);
                o = ref Unsafe.Add(ref o, k);
                o = TSimd.Sum(s10); Unsafe.Add(ref o, 1) = TSimd.Sum(s11); Unsafe.Add(ref o, 2) = TSimd.Sum(s12); Unsafe.Add(ref o, 3) = TSimd.Sum(s13);
                o = ref Unsafe.Add(ref o, k);
                o = TSimd.Sum(s20); Unsafe.Add(ref o, 1) = TSimd.Sum(s21); Unsafe.Add(ref o, 2) = TSimd.Sum(s22); Unsafe.Add(ref o, 3) = TSimd.Sum(s23);
                o = ref Unsafe.Add(ref o, k);
                o = TSimd.Sum(s30); Unsafe.Add(ref o, 1) = TSimd.Sum(s31); Unsafe.Add(ref o, 2) = TSimd.Sum(s32); Unsafe.Add(ref o, 3) = TSimd.Sum(s33);
            }

            for (int r = blockRows; r < rows; r++)
            {
                for (int ii = i; ii < i + 4; ii++)
                {
                    Unsafe.Add(ref c, r * k + ii) = Dot<TSimd, TVector>(ref Unsafe.Add(ref a, r * n), ref Unsafe.Add(ref w, ii * n), vectorEnd);
                }
            }
        }

        for (; i < k; i++)
        {
            for (int r = 0; r < rows; r++)
            {
                Unsafe.Add(ref c, r * k + i) = Dot<TSimd, TVector>(ref Unsafe.Add(ref a, r * n), ref Unsafe.Add(ref w, i * n), vectorEnd);
            }
        }

        // Terms past the last full vector, scalar, and the bias.
        if (vectorEnd < n || hasBias)
        {
            for (int r = 0; r < rows; r++)
            {
                for (int ii = 0; ii < k; ii++)
                {
                    float sum = Unsafe.Add(ref c, r * k + ii);
                    for (int j = vectorEnd; j < n; j++)
                    {
                        sum += Unsafe.Add(ref a, r * n + j) * Unsafe.Add(ref w, ii * n + j);
                    }

                    Unsafe.Add(ref c, r * k + ii) = hasBias ? sum + Unsafe.Add(ref bias, ii) : sum;
                }
            }
        }
    }

    /// <summary>
    /// c[4 rows × 3 columns] = a[4 rows] · w[3 rows]ᵀ over the first <paramref name="length"/> terms:
    /// 12 accumulators, 3 loads of w and 4 of a per step, one horizontal sum per output.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DotTile3x4<TSimd, TVector>(ref float a, ref float w, ref float c, int n, int k, int length)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        TVector s00 = TSimd.Zero, s01 = TSimd.Zero, s02 = TSimd.Zero, s10 = TSimd.Zero, s11 = TSimd.Zero, s12 = TSimd.Zero;
        TVector s20 = TSimd.Zero, s21 = TSimd.Zero, s22 = TSimd.Zero, s30 = TSimd.Zero, s31 = TSimd.Zero, s32 = TSimd.Zero;
        ref float w1 = ref Unsafe.Add(ref w, n);
        ref float w2 = ref Unsafe.Add(ref w, 2 * n);
        ref float a1 = ref Unsafe.Add(ref a, n);
        ref float a2 = ref Unsafe.Add(ref a, 2 * n);
        ref float a3 = ref Unsafe.Add(ref a, 3 * n);
        for (int j = 0; j < length; j += TSimd.Width)
        {
            TVector v0 = TSimd.Load(ref w, j), v1 = TSimd.Load(ref w1, j), v2 = TSimd.Load(ref w2, j);
            TVector d = TSimd.Load(ref a, j);
            s00 = TSimd.MultiplyAdd(d, v0, s00); s01 = TSimd.MultiplyAdd(d, v1, s01); s02 = TSimd.MultiplyAdd(d, v2, s02);
            d = TSimd.Load(ref a1, j);
            s10 = TSimd.MultiplyAdd(d, v0, s10); s11 = TSimd.MultiplyAdd(d, v1, s11); s12 = TSimd.MultiplyAdd(d, v2, s12);
            d = TSimd.Load(ref a2, j);
            s20 = TSimd.MultiplyAdd(d, v0, s20); s21 = TSimd.MultiplyAdd(d, v1, s21); s22 = TSimd.MultiplyAdd(d, v2, s22);
            d = TSimd.Load(ref a3, j);
            s30 = TSimd.MultiplyAdd(d, v0, s30); s31 = TSimd.MultiplyAdd(d, v1, s31); s32 = TSimd.MultiplyAdd(d, v2, s32);
        }

        c = TSimd.Sum(s00); Unsafe.Add(ref c, 1) = TSimd.Sum(s01); Unsafe.Add(ref c, 2) = TSimd.Sum(s02);
        ref float o = ref Unsafe.Add(ref c, k);
        o = TSimd.Sum(s10); Unsafe.Add(ref o, 1) = TSimd.Sum(s11); Unsafe.Add(ref o, 2) = TSimd.Sum(s12);
        o = ref Unsafe.Add(ref c, 2 * k);
        o = TSimd.Sum(s20); Unsafe.Add(ref o, 1) = TSimd.Sum(s21); Unsafe.Add(ref o, 2) = TSimd.Sum(s22);
        o = ref Unsafe.Add(ref c, 3 * k);
        o = TSimd.Sum(s30); Unsafe.Add(ref o, 1) = TSimd.Sum(s31); Unsafe.Add(ref o, 2) = TSimd.Sum(s32);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotsScalar(ref float a, ref float w, ref float c, int rows, int k, int n, ref float bias, bool hasBias)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < k; i++)
            {
                float sum = 0;
                for (int j = 0; j < n; j++)
                {
                    sum += Unsafe.Add(ref a, r * n + j) * Unsafe.Add(ref w, i * n + j);
                }

                Unsafe.Add(ref c, r * k + i) = hasBias ? sum + Unsafe.Add(ref bias, i) : sum;
            }
        }
    }

    // ---- layers with few outputs ----

    /// <summary>Largest Inputs × Units whose transpose the kernels keep on the stack (64 KB).</summary>
    private const int MaxTransposed = 16 * 1024;

    /// <summary>
    /// A layer whose outputs do not fill whole vectors well (fewer than 4 vectors with a ragged end,
    /// e.g. a 10-class output) and whose weights fit <see cref="MaxTransposed"/>: its products run on
    /// a transposed copy of w, vectorised along Inputs instead of Units.
    /// </summary>
    // A constant once the JIT knows the shape and the width: inlined, so the branch it guards folds
    // away (not inlined, the AggressiveOptimization callers would call it, at Tier 0, on every call).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNarrow<TShape, TSimd, TVector>()
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
        => TShape.Units % TSimd.Width != 0 && TShape.Units < 4 * TSimd.Width
            && TShape.Inputs >= TSimd.Width && TShape.Inputs * TShape.Units <= MaxTransposed;

    /// <summary>The shape with Inputs and Units swapped, for products on a transposed matrix.</summary>
    private readonly struct Transposed<TShape> : IDenseShape
        where TShape : IDenseShape
    {
        public static int Inputs => TShape.Units;

        public static int Units => TShape.Inputs;
    }

    /// <summary>destination[columns × rows] = sourceᵀ for source[rows × columns].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose(ref float source, ref float destination, int rows, int columns)
    {
        for (int i = 0; i < rows; i++)
        {
            ref float s = ref Unsafe.Add(ref source, i * columns);
            for (int j = 0; j < columns; j++)
            {
                Unsafe.Add(ref destination, j * rows + i) = Unsafe.Add(ref s, j);
            }
        }
    }

    // Inlined into the entry points; the throw stays out of line (a method that throws is not inlined).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Check(int rows, bool lengthsOk)
    {
        if (rows < 1 || !lengthsOk)
        {
            ThrowTooShort(rows);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooShort(int rows) =>
        throw new ArgumentException($"The spans are too short for {rows} rows of this layer's shape.");
}
