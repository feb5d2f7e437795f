using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.CompilerServices;

// The forward product on a packed copy of W: large layers (see PackedWeights) keep, beside the
// contract layout [Inputs × Units] row-major, a copy cut into column panels, each panel stored
// [Inputs × panel width] contiguously, so the kernels stream W front to back instead of jumping a
// whole row (Units floats) at every step of Inputs. The panel is as wide as one register tile:
// 3 vectors below 512 bits (16 vector registers: a 4 × 3 tile is 12 accumulators, 3 loads and a
// broadcast), 4 vectors at 512 bits (32 registers: 4 × 4). Panel q starts at Inputs × q × P and the
// last panel keeps its own, narrower width, so the copy is exactly Inputs × Units floats at every
// vector width. Without SIMD the panel is the whole row (the copy is the contract layout).
public static partial class DenseKernels
{
    /// <summary>
    /// Writes <paramref name="packed"/>[Inputs × Units] = <paramref name="w"/> in the panel order
    /// <see cref="ForwardPacked{TShape}"/> streams (which depends on the vector width of this process).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack<TShape>(ReadOnlySpan<float> w, Span<float> packed)
        where TShape : IDenseShape
    {
        int k = TShape.Inputs, n = TShape.Units;
        if (w.Length < k * n || packed.Length < k * n)
        {
            throw new ArgumentException("The spans are shorter than this layer's weights.");
        }

        var kernel = new PackKernel<TShape>(ref MemoryMarshal.GetReference(w), ref MemoryMarshal.GetReference(packed));
        SimdDispatch.Run(ref kernel);
    }

    /// <summary>
    /// z[rows × Units] = x[rows × Inputs] · W + b, W given as the panels <see cref="Pack"/> wrote.
    /// Agrees with <see cref="Forward{TShape}"/> up to the order of additions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ForwardPacked<TShape>(ReadOnlySpan<float> x, ReadOnlySpan<float> packed, ReadOnlySpan<float> b, Span<float> z, int rows)
        where TShape : IDenseShape
    {
        int k = TShape.Inputs, n = TShape.Units;
        Check(rows, x.Length >= rows * k && packed.Length >= k * n && b.Length >= n && z.Length >= rows * n);
        var kernel = new PackedForwardKernel<TShape>(
            ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(packed), ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(z), rows);
        SimdDispatch.Run(ref kernel);
    }

    /// <summary>
    /// For tests: <see cref="Pack{TShape}"/> at a chosen vector width, whether or not this CPU
    /// accelerates it (Vector512 without AVX-512 is emulated, slowly but exactly), so the 512-bit
    /// panels and tiles are checked on every machine.
    /// </summary>
    internal static void PackAt<TShape, TSimd, TVector>(ReadOnlySpan<float> w, Span<float> packed)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        if (w.Length < TShape.Inputs * TShape.Units || packed.Length < TShape.Inputs * TShape.Units)
        {
            throw new ArgumentException("The spans are shorter than this layer's weights.");
        }

        new PackKernel<TShape>(ref MemoryMarshal.GetReference(w), ref MemoryMarshal.GetReference(packed)).Run<TSimd, TVector>();
    }

    /// <summary>For tests: <see cref="ForwardPacked{TShape}"/> at a chosen vector width (see <see cref="PackAt"/>).</summary>
    internal static void ForwardPackedAt<TShape, TSimd, TVector>(ReadOnlySpan<float> x, ReadOnlySpan<float> packed, ReadOnlySpan<float> b, Span<float> z, int rows)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units;
        Check(rows, x.Length >= rows * k && packed.Length >= k * n && b.Length >= n && z.Length >= rows * n);
        new PackedForwardKernel<TShape>(
            ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(packed), ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(z), rows).Run<TSimd, TVector>();
    }

    /// <summary>Vectors per panel: one register tile's width (see the file's opening comment).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PanelVectors<TSimd, TVector>()
        where TSimd : ISimd<TVector>
        where TVector : struct
        => TSimd.Width >= 16 ? 4 : 3;

    /// <summary>Floats per panel: the whole row without SIMD, else <see cref="PanelVectors"/> vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PanelWidth<TShape, TSimd, TVector>()
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
        => SimdDispatch.IsScalar<TSimd>() ? TShape.Units : PanelVectors<TSimd, TVector>() * TSimd.Width;

    private ref struct PackKernel<TShape> : ISimdKernel
        where TShape : IDenseShape
    {
        private readonly ref float _w;
        private readonly ref float _packed;

        public PackKernel(ref float w, ref float packed)
        {
            _w = ref w;
            _packed = ref packed;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public readonly void Run<TSimd, TVector>()
            where TSimd : ISimd<TVector>
            where TVector : struct
        {
            int k = TShape.Inputs, n = TShape.Units, panel = PanelWidth<TShape, TSimd, TVector>(), width = TSimd.Width;
            // Row by row of W (read front to back), each row's segments to their panels.
            for (int i = 0; i < k; i++)
            {
                ref float row = ref Unsafe.Add(ref _w, i * n);
                for (int j0 = 0; j0 < n; j0 += panel)
                {
                    int columns = Math.Min(panel, n - j0);
                    ref float source = ref Unsafe.Add(ref row, j0);
                    ref float destination = ref Unsafe.Add(ref _packed, k * j0 + i * columns);
                    int c = 0;
                    for (; c + width <= columns; c += width)
                    {
                        TSimd.Store(TSimd.Load(ref source, c), ref destination, c);
                    }

                    for (; c < columns; c++)
                    {
                        Unsafe.Add(ref destination, c) = Unsafe.Add(ref source, c);
                    }
                }
            }
        }
    }

    private ref struct PackedForwardKernel<TShape> : ISimdKernel
        where TShape : IDenseShape
    {
        private readonly ref float _x;
        private readonly ref float _packed;
        private readonly ref float _b;
        private readonly ref float _z;
        private readonly int _rows;

        public PackedForwardKernel(ref float x, ref float packed, ref float b, ref float z, int rows)
        {
            _x = ref x;
            _packed = ref packed;
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
                // One panel, the whole row: the copy is the contract layout.
                ForwardScalar(ref _x, ref _packed, ref _b, ref _z, _rows, TShape.Inputs, TShape.Units);
            }
            else
            {
                ForwardPacked<TShape, TSimd, TVector>(ref _x, ref _packed, ref _b, ref _z, _rows);
            }
        }
    }

    /// <summary>
    /// The panels are the outer loop, so each panel ([Inputs × P], 75 KB for 784 inputs at P = 24)
    /// stays in L2 while every block of 4 rows streams it front to back; rows past the last block of 4
    /// (and single-sample inference) then go through <see cref="PackedRowPair"/> and <see cref="PackedRow"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardPacked<TShape, TSimd, TVector>(ref float x, ref float packed, ref float b, ref float z, int rows)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units, panel = PanelWidth<TShape, TSimd, TVector>();
        int blockRows = rows / 4 * 4;
        for (int j0 = 0; j0 < n; j0 += panel)
        {
            ref float p = ref Unsafe.Add(ref packed, k * j0);
            ref float bj = ref Unsafe.Add(ref b, j0);
            if (j0 + panel <= n)
            {
                for (int r = 0; r < blockRows; r += 4)
                {
                    ref float xr = ref Unsafe.Add(ref x, r * k);
                    ref float zr = ref Unsafe.Add(ref z, r * n + j0);
                    if (PanelVectors<TSimd, TVector>() == 4)
                    {
                        PackedTile4x4<TShape, TSimd, TVector>(ref xr, ref p, ref bj, ref zr);
                    }
                    else
                    {
                        PackedTile4x3<TShape, TSimd, TVector>(ref xr, ref p, ref bj, ref zr);
                    }
                }

            }
            else
            {
                RaggedPanel<TShape, TSimd, TVector>(ref x, ref p, n - j0, ref bj, ref Unsafe.Add(ref z, j0), rows);
            }
        }

        // Rows past the last block of 4 (and single-sample inference), two whole panels at a time.
        int fullPanels = n / panel;
        for (int r = blockRows; r < rows; r++)
        {
            ref float xr = ref Unsafe.Add(ref x, r * k);
            ref float zr = ref Unsafe.Add(ref z, r * n);
            int q = 0;
            for (; q + 2 <= fullPanels; q += 2)
            {
                PackedRowPair<TShape, TSimd, TVector>(ref xr, ref Unsafe.Add(ref packed, k * q * panel), ref Unsafe.Add(ref b, q * panel), ref Unsafe.Add(ref zr, q * panel));
            }

            if (q < fullPanels)
            {
                PackedRow<TShape, TSimd, TVector>(ref xr, ref Unsafe.Add(ref packed, k * q * panel), ref Unsafe.Add(ref b, q * panel), ref Unsafe.Add(ref zr, q * panel));
            }
        }
    }

    /// <summary>
    /// One row through two consecutive whole panels: two streams of W at once (more loads in flight
    /// from L2/L3: measured 15–20 % faster than one panel at a time for 784×512 and 512×512 at one
    /// row), 2 partial sums over interleaved steps of Inputs for each of the 2 × 3 (or 2 × 4) vectors.
    /// The streams advance by reference, without index arithmetic in the loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackedRowPair<TShape, TSimd, TVector>(ref float x, ref float p, ref float b, ref float z)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, width = TSimd.Width, pairs = k / 2 * 2;
        int stride = PanelVectors<TSimd, TVector>() * width;
        ref float pi = ref p;
        ref float qi = ref Unsafe.Add(ref p, k * stride);
        ref float xi = ref x;
        ref float xEnd = ref Unsafe.Add(ref x, pairs);
        if (PanelVectors<TSimd, TVector>() == 4)
        {
            TVector a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, a3 = TSimd.Zero, c0 = TSimd.Zero, c1 = TSimd.Zero, c2 = TSimd.Zero, c3 = TSimd.Zero;
            TVector e0 = TSimd.Zero, e1 = TSimd.Zero, e2 = TSimd.Zero, e3 = TSimd.Zero, g0 = TSimd.Zero, g1 = TSimd.Zero, g2 = TSimd.Zero, g3 = TSimd.Zero;
            while (Unsafe.IsAddressLessThan(ref xi, ref xEnd))
            {
                TVector v = TSimd.Broadcast(xi), u = TSimd.Broadcast(Unsafe.Add(ref xi, 1));
                a0 = TSimd.MultiplyAdd(v, TSimd.Load(ref pi, 0), a0); a1 = TSimd.MultiplyAdd(v, TSimd.Load(ref pi, width), a1);
                a2 = TSimd.MultiplyAdd(v, TSimd.Load(ref pi, 2 * width), a2); a3 = TSimd.MultiplyAdd(v, TSimd.Load(ref pi, 3 * width), a3);
                e0 = TSimd.MultiplyAdd(v, TSimd.Load(ref qi, 0), e0); e1 = TSimd.MultiplyAdd(v, TSimd.Load(ref qi, width), e1);
                e2 = TSimd.MultiplyAdd(v, TSimd.Load(ref qi, 2 * width), e2); e3 = TSimd.MultiplyAdd(v, TSimd.Load(ref qi, 3 * width), e3);
                c0 = TSimd.MultiplyAdd(u, TSimd.Load(ref pi, stride), c0); c1 = TSimd.MultiplyAdd(u, TSimd.Load(ref pi, stride + width), c1);
                c2 = TSimd.MultiplyAdd(u, TSimd.Load(ref pi, stride + 2 * width), c2); c3 = TSimd.MultiplyAdd(u, TSimd.Load(ref pi, stride + 3 * width), c3);
                g0 = TSimd.MultiplyAdd(u, TSimd.Load(ref qi, stride), g0); g1 = TSimd.MultiplyAdd(u, TSimd.Load(ref qi, stride + width), g1);
                g2 = TSimd.MultiplyAdd(u, TSimd.Load(ref qi, stride + 2 * width), g2); g3 = TSimd.MultiplyAdd(u, TSimd.Load(ref qi, stride + 3 * width), g3);
                pi = ref Unsafe.Add(ref pi, 2 * stride);
                qi = ref Unsafe.Add(ref qi, 2 * stride);
                xi = ref Unsafe.Add(ref xi, 2);
            }

            if (pairs < k)
            {
                TVector v = TSimd.Broadcast(xi);
                a0 = TSimd.MultiplyAdd(v, TSimd.Load(ref pi, 0), a0); a1 = TSimd.MultiplyAdd(v, TSimd.Load(ref pi, width), a1);
                a2 = TSimd.MultiplyAdd(v, TSimd.Load(ref pi, 2 * width), a2); a3 = TSimd.MultiplyAdd(v, TSimd.Load(ref pi, 3 * width), a3);
                e0 = TSimd.MultiplyAdd(v, TSimd.Load(ref qi, 0), e0); e1 = TSimd.MultiplyAdd(v, TSimd.Load(ref qi, width), e1);
                e2 = TSimd.MultiplyAdd(v, TSimd.Load(ref qi, 2 * width), e2); e3 = TSimd.MultiplyAdd(v, TSimd.Load(ref qi, 3 * width), e3);
            }

            TSimd.Store(TSimd.Add(TSimd.Add(a0, c0), TSimd.Load(ref b, 0)), ref z, 0);
            TSimd.Store(TSimd.Add(TSimd.Add(a1, c1), TSimd.Load(ref b, width)), ref z, width);
            TSimd.Store(TSimd.Add(TSimd.Add(a2, c2), TSimd.Load(ref b, 2 * width)), ref z, 2 * width);
            TSimd.Store(TSimd.Add(TSimd.Add(a3, c3), TSimd.Load(ref b, 3 * width)), ref z, 3 * width);
            TSimd.Store(TSimd.Add(TSimd.Add(e0, g0), TSimd.Load(ref b, stride)), ref z, stride);
            TSimd.Store(TSimd.Add(TSimd.Add(e1, g1), TSimd.Load(ref b, stride + width)), ref z, stride + width);
            TSimd.Store(TSimd.Add(TSimd.Add(e2, g2), TSimd.Load(ref b, stride + 2 * width)), ref z, stride + 2 * width);
            TSimd.Store(TSimd.Add(TSimd.Add(e3, g3), TSimd.Load(ref b, stride + 3 * width)), ref z, stride + 3 * width);
        }
        else
        {
            TVector a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, c0 = TSimd.Zero, c1 = TSimd.Zero, c2 = TSimd.Zero;
            TVector e0 = TSimd.Zero, e1 = TSimd.Zero, e2 = TSimd.Zero, g0 = TSimd.Zero, g1 = TSimd.Zero, g2 = TSimd.Zero;
            while (Unsafe.IsAddressLessThan(ref xi, ref xEnd))
            {
                TVector v = TSimd.Broadcast(xi), u = TSimd.Broadcast(Unsafe.Add(ref xi, 1));
                a0 = TSimd.MultiplyAdd(v, TSimd.Load(ref pi, 0), a0); a1 = TSimd.MultiplyAdd(v, TSimd.Load(ref pi, width), a1); a2 = TSimd.MultiplyAdd(v, TSimd.Load(ref pi, 2 * width), a2);
                e0 = TSimd.MultiplyAdd(v, TSimd.Load(ref qi, 0), e0); e1 = TSimd.MultiplyAdd(v, TSimd.Load(ref qi, width), e1); e2 = TSimd.MultiplyAdd(v, TSimd.Load(ref qi, 2 * width), e2);
                c0 = TSimd.MultiplyAdd(u, TSimd.Load(ref pi, stride), c0); c1 = TSimd.MultiplyAdd(u, TSimd.Load(ref pi, stride + width), c1); c2 = TSimd.MultiplyAdd(u, TSimd.Load(ref pi, stride + 2 * width), c2);
                g0 = TSimd.MultiplyAdd(u, TSimd.Load(ref qi, stride), g0); g1 = TSimd.MultiplyAdd(u, TSimd.Load(ref qi, stride + width), g1); g2 = TSimd.MultiplyAdd(u, TSimd.Load(ref qi, stride + 2 * width), g2);
                pi = ref Unsafe.Add(ref pi, 2 * stride);
                qi = ref Unsafe.Add(ref qi, 2 * stride);
                xi = ref Unsafe.Add(ref xi, 2);
            }

            if (pairs < k)
            {
                TVector v = TSimd.Broadcast(xi);
                a0 = TSimd.MultiplyAdd(v, TSimd.Load(ref pi, 0), a0); a1 = TSimd.MultiplyAdd(v, TSimd.Load(ref pi, width), a1); a2 = TSimd.MultiplyAdd(v, TSimd.Load(ref pi, 2 * width), a2);
                e0 = TSimd.MultiplyAdd(v, TSimd.Load(ref qi, 0), e0); e1 = TSimd.MultiplyAdd(v, TSimd.Load(ref qi, width), e1); e2 = TSimd.MultiplyAdd(v, TSimd.Load(ref qi, 2 * width), e2);
            }

            TSimd.Store(TSimd.Add(TSimd.Add(a0, c0), TSimd.Load(ref b, 0)), ref z, 0);
            TSimd.Store(TSimd.Add(TSimd.Add(a1, c1), TSimd.Load(ref b, width)), ref z, width);
            TSimd.Store(TSimd.Add(TSimd.Add(a2, c2), TSimd.Load(ref b, 2 * width)), ref z, 2 * width);
            TSimd.Store(TSimd.Add(TSimd.Add(e0, g0), TSimd.Load(ref b, stride)), ref z, stride);
            TSimd.Store(TSimd.Add(TSimd.Add(e1, g1), TSimd.Load(ref b, stride + width)), ref z, stride + width);
            TSimd.Store(TSimd.Add(TSimd.Add(e2, g2), TSimd.Load(ref b, stride + 2 * width)), ref z, stride + 2 * width);
        }
    }

    /// <summary>z[4 rows × 3 vectors] = x[4 rows] · panel (+ b): 12 accumulators, 3 loads and 4 broadcasts per step of Inputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PackedTile4x3<TShape, TSimd, TVector>(ref float x0, ref float p, ref float b, ref float z0)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units, width = TSimd.Width, stride = 3 * width;
        TVector c0 = TSimd.Load(ref b, 0), c1 = TSimd.Load(ref b, width), c2 = TSimd.Load(ref b, 2 * width);
        TVector a00 = c0, a01 = c1, a02 = c2, a10 = c0, a11 = c1, a12 = c2;
        TVector a20 = c0, a21 = c1, a22 = c2, a30 = c0, a31 = c1, a32 = c2;
        ref float x1 = ref Unsafe.Add(ref x0, k);
        ref float x2 = ref Unsafe.Add(ref x0, 2 * k);
        ref float x3 = ref Unsafe.Add(ref x0, 3 * k);
        for (int i = 0; i < k; i++)
        {
            ref float wi = ref Unsafe.Add(ref p, i * stride);
            TVector w0 = TSimd.Load(ref wi, 0), w1 = TSimd.Load(ref wi, width), w2 = TSimd.Load(ref wi, 2 * width);
            TVector v = TSimd.Broadcast(Unsafe.Add(ref x0, i));
            a00 = TSimd.MultiplyAdd(v, w0, a00); a01 = TSimd.MultiplyAdd(v, w1, a01); a02 = TSimd.MultiplyAdd(v, w2, a02);
            v = TSimd.Broadcast(Unsafe.Add(ref x1, i));
            a10 = TSimd.MultiplyAdd(v, w0, a10); a11 = TSimd.MultiplyAdd(v, w1, a11); a12 = TSimd.MultiplyAdd(v, w2, a12);
            v = TSimd.Broadcast(Unsafe.Add(ref x2, i));
            a20 = TSimd.MultiplyAdd(v, w0, a20); a21 = TSimd.MultiplyAdd(v, w1, a21); a22 = TSimd.MultiplyAdd(v, w2, a22);
            v = TSimd.Broadcast(Unsafe.Add(ref x3, i));
            a30 = TSimd.MultiplyAdd(v, w0, a30); a31 = TSimd.MultiplyAdd(v, w1, a31); a32 = TSimd.MultiplyAdd(v, w2, a32);
        }

        TSimd.Store(a00, ref z0, 0); TSimd.Store(a01, ref z0, width); TSimd.Store(a02, ref z0, 2 * width);
        ref float z1 = ref Unsafe.Add(ref z0, n);
        TSimd.Store(a10, ref z1, 0); TSimd.Store(a11, ref z1, width); TSimd.Store(a12, ref z1, 2 * width);
        ref float z2 = ref Unsafe.Add(ref z0, 2 * n);
        TSimd.Store(a20, ref z2, 0); TSimd.Store(a21, ref z2, width); TSimd.Store(a22, ref z2, 2 * width);
        ref float z3 = ref Unsafe.Add(ref z0, 3 * n);
        TSimd.Store(a30, ref z3, 0); TSimd.Store(a31, ref z3, width); TSimd.Store(a32, ref z3, 2 * width);
    }

    /// <summary>z[4 rows × 4 vectors] = x[4 rows] · panel (+ b): 16 accumulators (512-bit: 32 registers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PackedTile4x4<TShape, TSimd, TVector>(ref float x0, ref float p, ref float b, ref float z0)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units, width = TSimd.Width, stride = 4 * width;
        TVector c0 = TSimd.Load(ref b, 0), c1 = TSimd.Load(ref b, width), c2 = TSimd.Load(ref b, 2 * width), c3 = TSimd.Load(ref b, 3 * width);
        TVector a00 = c0, a01 = c1, a02 = c2, a03 = c3, a10 = c0, a11 = c1, a12 = c2, a13 = c3;
        TVector a20 = c0, a21 = c1, a22 = c2, a23 = c3, a30 = c0, a31 = c1, a32 = c2, a33 = c3;
        ref float x1 = ref Unsafe.Add(ref x0, k);
        ref float x2 = ref Unsafe.Add(ref x0, 2 * k);
        ref float x3 = ref Unsafe.Add(ref x0, 3 * k);
        for (int i = 0; i < k; i++)
        {
            ref float wi = ref Unsafe.Add(ref p, i * stride);
            TVector w0 = TSimd.Load(ref wi, 0), w1 = TSimd.Load(ref wi, width), w2 = TSimd.Load(ref wi, 2 * width), w3 = TSimd.Load(ref wi, 3 * width);
            TVector v = TSimd.Broadcast(Unsafe.Add(ref x0, i));
            a00 = TSimd.MultiplyAdd(v, w0, a00); a01 = TSimd.MultiplyAdd(v, w1, a01); a02 = TSimd.MultiplyAdd(v, w2, a02); a03 = TSimd.MultiplyAdd(v, w3, a03);
            v = TSimd.Broadcast(Unsafe.Add(ref x1, i));
            a10 = TSimd.MultiplyAdd(v, w0, a10); a11 = TSimd.MultiplyAdd(v, w1, a11); a12 = TSimd.MultiplyAdd(v, w2, a12); a13 = TSimd.MultiplyAdd(v, w3, a13);
            v = TSimd.Broadcast(Unsafe.Add(ref x2, i));
            a20 = TSimd.MultiplyAdd(v, w0, a20); a21 = TSimd.MultiplyAdd(v, w1, a21); a22 = TSimd.MultiplyAdd(v, w2, a22); a23 = TSimd.MultiplyAdd(v, w3, a23);
            v = TSimd.Broadcast(Unsafe.Add(ref x3, i));
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
    /// One row through one full panel (the single-sample case): each vector of the panel keeps 2
    /// (512-bit) or 4 (narrower) partial sums over interleaved steps of Inputs, 8 or 12 independent
    /// accumulators, so the FMA latency hides behind the stream of W.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackedRow<TShape, TSimd, TVector>(ref float x, ref float p, ref float b, ref float z)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, width = TSimd.Width;
        if (PanelVectors<TSimd, TVector>() == 4)
        {
            int stride = 4 * width, pairs = k / 2 * 2;
            TVector a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, a3 = TSimd.Zero, c0 = TSimd.Zero, c1 = TSimd.Zero, c2 = TSimd.Zero, c3 = TSimd.Zero;
            int i = 0;
            for (; i < pairs; i += 2)
            {
                ref float wi = ref Unsafe.Add(ref p, i * stride);
                TVector v = TSimd.Broadcast(Unsafe.Add(ref x, i)), u = TSimd.Broadcast(Unsafe.Add(ref x, i + 1));
                a0 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 0), a0); a1 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, width), a1);
                a2 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 2 * width), a2); a3 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 3 * width), a3);
                c0 = TSimd.MultiplyAdd(u, TSimd.Load(ref wi, stride), c0); c1 = TSimd.MultiplyAdd(u, TSimd.Load(ref wi, stride + width), c1);
                c2 = TSimd.MultiplyAdd(u, TSimd.Load(ref wi, stride + 2 * width), c2); c3 = TSimd.MultiplyAdd(u, TSimd.Load(ref wi, stride + 3 * width), c3);
            }

            for (; i < k; i++)
            {
                ref float wi = ref Unsafe.Add(ref p, i * stride);
                TVector v = TSimd.Broadcast(Unsafe.Add(ref x, i));
                a0 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 0), a0); a1 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, width), a1);
                a2 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 2 * width), a2); a3 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 3 * width), a3);
            }

            TSimd.Store(TSimd.Add(TSimd.Add(a0, c0), TSimd.Load(ref b, 0)), ref z, 0);
            TSimd.Store(TSimd.Add(TSimd.Add(a1, c1), TSimd.Load(ref b, width)), ref z, width);
            TSimd.Store(TSimd.Add(TSimd.Add(a2, c2), TSimd.Load(ref b, 2 * width)), ref z, 2 * width);
            TSimd.Store(TSimd.Add(TSimd.Add(a3, c3), TSimd.Load(ref b, 3 * width)), ref z, 3 * width);
        }
        else
        {
            int stride = 3 * width, quads = k / 4 * 4;
            TVector a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, c0 = TSimd.Zero, c1 = TSimd.Zero, c2 = TSimd.Zero;
            TVector e0 = TSimd.Zero, e1 = TSimd.Zero, e2 = TSimd.Zero, g0 = TSimd.Zero, g1 = TSimd.Zero, g2 = TSimd.Zero;
            int i = 0;
            for (; i < quads; i += 4)
            {
                ref float wi = ref Unsafe.Add(ref p, i * stride);
                TVector v = TSimd.Broadcast(Unsafe.Add(ref x, i));
                a0 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 0), a0); a1 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, width), a1); a2 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 2 * width), a2);
                v = TSimd.Broadcast(Unsafe.Add(ref x, i + 1));
                c0 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, stride), c0); c1 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, stride + width), c1); c2 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, stride + 2 * width), c2);
                v = TSimd.Broadcast(Unsafe.Add(ref x, i + 2));
                e0 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 2 * stride), e0); e1 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 2 * stride + width), e1); e2 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 2 * stride + 2 * width), e2);
                v = TSimd.Broadcast(Unsafe.Add(ref x, i + 3));
                g0 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 3 * stride), g0); g1 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 3 * stride + width), g1); g2 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 3 * stride + 2 * width), g2);
            }

            for (; i < k; i++)
            {
                ref float wi = ref Unsafe.Add(ref p, i * stride);
                TVector v = TSimd.Broadcast(Unsafe.Add(ref x, i));
                a0 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 0), a0); a1 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, width), a1); a2 = TSimd.MultiplyAdd(v, TSimd.Load(ref wi, 2 * width), a2);
            }

            TSimd.Store(TSimd.Add(TSimd.Add(TSimd.Add(a0, c0), TSimd.Add(e0, g0)), TSimd.Load(ref b, 0)), ref z, 0);
            TSimd.Store(TSimd.Add(TSimd.Add(TSimd.Add(a1, c1), TSimd.Add(e1, g1)), TSimd.Load(ref b, width)), ref z, width);
            TSimd.Store(TSimd.Add(TSimd.Add(TSimd.Add(a2, c2), TSimd.Add(e2, g2)), TSimd.Load(ref b, 2 * width)), ref z, 2 * width);
        }
    }

    /// <summary>
    /// The last panel when Units is not a multiple of the panel: <paramref name="columns"/> wide
    /// (also its stride). Whole vectors take 4 rows at a time (4 accumulators) or one row with 2
    /// partial sums; the columns past the last whole vector are scalar.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RaggedPanel<TShape, TSimd, TVector>(ref float x, ref float p, int columns, ref float b, ref float z, int rows)
        where TShape : IDenseShape
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        int k = TShape.Inputs, n = TShape.Units, width = TSimd.Width;
        int blockRows = rows / 4 * 4, vectorEnd = columns / width * width;
        for (int c = 0; c < vectorEnd; c += width)
        {
            TVector bias = TSimd.Load(ref b, c);
            int r = 0;
            for (; r < blockRows; r += 4)
            {
                ref float x0 = ref Unsafe.Add(ref x, r * k);
                TVector a0 = bias, a1 = bias, a2 = bias, a3 = bias;
                for (int i = 0; i < k; i++)
                {
                    TVector w0 = TSimd.Load(ref p, i * columns + c);
                    a0 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x0, i)), w0, a0);
                    a1 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x0, k + i)), w0, a1);
                    a2 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x0, 2 * k + i)), w0, a2);
                    a3 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref x0, 3 * k + i)), w0, a3);
                }

                ref float z0 = ref Unsafe.Add(ref z, r * n + c);
                TSimd.Store(a0, ref z0, 0); TSimd.Store(a1, ref z0, n); TSimd.Store(a2, ref z0, 2 * n); TSimd.Store(a3, ref z0, 3 * n);
            }

            for (; r < rows; r++)
            {
                ref float xr = ref Unsafe.Add(ref x, r * k);
                TVector a0 = bias, a1 = TSimd.Zero;
                int i = 0;
                for (; i + 2 <= k; i += 2)
                {
                    a0 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref xr, i)), TSimd.Load(ref p, i * columns + c), a0);
                    a1 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref xr, i + 1)), TSimd.Load(ref p, (i + 1) * columns + c), a1);
                }

                for (; i < k; i++)
                {
                    a0 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref xr, i)), TSimd.Load(ref p, i * columns + c), a0);
                }

                TSimd.Store(TSimd.Add(a0, a1), ref z, r * n + c);
            }
        }

        for (int c = vectorEnd; c < columns; c++)
        {
            for (int r = 0; r < rows; r++)
            {
                ref float xr = ref Unsafe.Add(ref x, r * k);
                float sum = Unsafe.Add(ref b, c);
                for (int i = 0; i < k; i++)
                {
                    sum += Unsafe.Add(ref xr, i) * Unsafe.Add(ref p, i * columns + c);
                }

                Unsafe.Add(ref z, r * n + c) = sum;
            }
        }
    }
}
