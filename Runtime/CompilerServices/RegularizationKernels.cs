using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.CompilerServices;

/// <summary>
/// The per-layer weight penalties of <see cref="DenseAttribute.L1"/> and <see cref="DenseAttribute.L2"/>:
/// one pass over a layer's W after the backward pass (docs/math.md, "Regularisation").
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WeightPenalty
{
    /// <summary>
    /// Adds ∂/∂w of L2·Σw² + L1·Σ|w| to <paramref name="gradients"/> (2·L2·w + L1·sign w, with sign 0 = 0)
    /// and returns the penalty L2·Σw² + L1·Σ|w| of <paramref name="weights"/>.
    /// </summary>
    /// <param name="weights">One layer's W.</param>
    /// <param name="gradients">Its gradient, as long as <paramref name="weights"/>.</param>
    /// <param name="l1">L1's factor λ₁ (zero or positive).</param>
    /// <param name="l2">L2's factor λ₂ (zero or positive).</param>
    /// <returns>The penalty, to be added to the batch loss.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Add(ReadOnlySpan<float> weights, Span<float> gradients, float l1, float l2)
    {
        if (gradients.Length != weights.Length)
        {
            throw new ArgumentException($"Expected {weights.Length} gradients, got {gradients.Length}.", nameof(gradients));
        }

        var kernel = new PenaltyKernel(ref MemoryMarshal.GetReference(weights), ref MemoryMarshal.GetReference(gradients), weights.Length, l1, l2);
        SimdDispatch.Run(ref kernel);
        return kernel.Squares * l2 + kernel.Absolutes * l1;
    }

    /// <summary>g += 2·λ₂·w + λ₁·sign w over whole vectors, then the tail with <see cref="SimdScalar"/>; Σw² and Σ|w| per lane.</summary>
    private ref struct PenaltyKernel : ISimdKernel
    {
        private readonly ref float _w, _g;
        private readonly int _n;
        private readonly float _l1, _l2;

        public PenaltyKernel(ref float w, ref float g, int n, float l1, float l2)
        {
            _w = ref w;
            _g = ref g;
            _n = n;
            _l1 = l1;
            _l2 = l2;
        }

        /// <summary>Σw² over the weights (float lanes, added in double).</summary>
        public double Squares;

        /// <summary>Σ|w| over the weights.</summary>
        public double Absolutes;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run<TSimd, TVector>()
            where TSimd : ISimd<TVector>
            where TVector : struct =>
            Pass<SimdScalar, float>(Pass<TSimd, TVector>(0));

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int Pass<TSimd, TVector>(int i)
            where TSimd : ISimd<TVector>
            where TVector : struct
        {
            TVector twoL2 = TSimd.Broadcast(2f * _l2), l1 = TSimd.Broadcast(_l1), minusL1 = TSimd.Broadcast(-_l1);
            TVector squares = TSimd.Zero, absolutes = TSimd.Zero, zero = TSimd.Zero;
            for (; i + TSimd.Width <= _n; i += TSimd.Width)
            {
                TVector w = TSimd.Load(ref _w, i);
                squares = TSimd.MultiplyAdd(w, w, squares);
                absolutes = TSimd.Add(absolutes, TSimd.Abs(w));
                // λ₁·sign w: +λ₁ for w > 0, −λ₁ for w < 0, 0 at w = 0 (the subgradient Keras and PyTorch use).
                TVector sign = TSimd.Select(TSimd.LessThan(zero, w), l1, TSimd.Select(TSimd.LessThan(w, zero), minusL1, zero));
                TVector g = TSimd.Add(TSimd.Load(ref _g, i), TSimd.MultiplyAdd(twoL2, w, sign));
                TSimd.Store(g, ref _g, i);
            }

            Squares += TSimd.Sum(squares);
            Absolutes += TSimd.Sum(absolutes);
            return i;
        }
    }
}

/// <summary>
/// Inverted dropout of <see cref="DenseAttribute.Dropout"/>: masks from a counter-based hash, so a mask
/// depends only on (seed, layer, step, element) and never on the thread or vector width that draws it.
/// </summary>
/// <remarks>
/// Element i of a layer's [rows × units] output (i = row·units + unit, the row counted within the
/// whole batch) is dropped when h(i) &lt; T, T = ⌊rate·2³²⌋, with
/// <c>h(i) = mix32(mix32(i + k₀) ^ k₁)</c>, (k₀, k₁) the low and high halves of
/// <c>k = mix64(mix64(mix64(seed) ^ layer) ^ step)</c>; mix64 is SplitMix64's finaliser and mix32 the
/// "lowbias32" integer hash (docs/math.md). A kept element is scaled by 1/(1 − rate).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Dropout
{
    /// <summary>
    /// y = a ⊙ mask/(1 − rate) over <paramref name="a"/>'s elements; with rate 0 a copy.
    /// </summary>
    /// <param name="a">The layer's activations, rows × units, the first at element <paramref name="firstElement"/> of the batch.</param>
    /// <param name="y">Receives the dropped-out output, at least as long as <paramref name="a"/>.</param>
    /// <param name="seed">The network's seed.</param>
    /// <param name="layer">The layer's number (1-based).</param>
    /// <param name="step">The optimizer step (the network's <see cref="ITrainableNetwork.Step"/>).</param>
    /// <param name="firstElement">The batch element index of a[0]: first row × units.</param>
    /// <param name="rate">The fraction dropped, in [0, 1).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(ReadOnlySpan<float> a, Span<float> y, int seed, int layer, long step, int firstElement, float rate)
    {
        if (y.Length < a.Length)
        {
            throw new ArgumentException($"Expected at least {a.Length} outputs, got {y.Length}.", nameof(y));
        }

        Apply(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(y), a.Length, seed, layer, step, firstElement, rate);
    }

    /// <summary>
    /// d ⊙= mask/(1 − rate) in place: the same mask as <see cref="Forward"/> for the same arguments; with rate 0 nothing.
    /// </summary>
    /// <param name="d">∂loss/∂z of the layer (already through f′), rows × units.</param>
    /// <param name="seed">The network's seed.</param>
    /// <param name="layer">The layer's number (1-based).</param>
    /// <param name="step">The optimizer step.</param>
    /// <param name="firstElement">The batch element index of d[0].</param>
    /// <param name="rate">The fraction dropped, in [0, 1).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(Span<float> d, int seed, int layer, long step, int firstElement, float rate)
    {
        if (rate != 0f)
        {
            ref float r = ref MemoryMarshal.GetReference(d);
            Apply(ref r, ref r, d.Length, seed, layer, step, firstElement, rate);
        }
    }

    /// <summary>Whether element <paramref name="index"/> of a layer's output is kept (the mask <see cref="Forward"/> uses).</summary>
    /// <param name="seed">The network's seed.</param>
    /// <param name="layer">The layer's number (1-based).</param>
    /// <param name="step">The optimizer step.</param>
    /// <param name="index">row × units + unit, the row counted within the batch.</param>
    /// <param name="rate">The fraction dropped, in [0, 1).</param>
    /// <returns>True when kept.</returns>
    public static bool Keeps(int seed, int layer, long step, int index, float rate)
    {
        ulong key = Key(seed, layer, step);
        return Hash((uint)index, (uint)key, (uint)(key >> 32)) >= Threshold(rate);
    }

    private static ulong Key(int seed, int layer, long step) => Mix64(Mix64(Mix64((ulong)(uint)seed) ^ (ulong)(uint)layer) ^ (ulong)step);

    /// <summary>T = ⌊rate·2³²⌋: P(h &lt; T) = T/2³² ≈ rate.</summary>
    private static uint Threshold(float rate) => (uint)(rate * 4294967296.0);

    /// <summary>SplitMix64's finaliser (Steele, Lea and Flood 2014).</summary>
    private static ulong Mix64(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>"lowbias32" (C. Wellons, hash-prospector): a 32-bit bijection with low avalanche bias.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Mix32(uint x)
    {
        x = (x ^ (x >> 16)) * 0x7FEB352Du;
        x = (x ^ (x >> 15)) * 0x846CA68Bu;
        return x ^ (x >> 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(uint index, uint k0, uint k1) => Mix32(Mix32(index + k0) ^ k1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<uint> Mix32(Vector<uint> x)
    {
        x = (x ^ Vector.ShiftRightLogical(x, 16)) * new Vector<uint>(0x7FEB352Du);
        x = (x ^ Vector.ShiftRightLogical(x, 15)) * new Vector<uint>(0x846CA68Bu);
        return x ^ Vector.ShiftRightLogical(x, 16);
    }

    /// <summary>
    /// y[i] = h(first + i) ≥ T ? x[i]/(1 − rate) : 0 (x[i]·s with s = 1/(1 − rate) in float): vectors of <see cref="Vector{T}"/> (the integer hash in
    /// uint lanes, then a select and one multiply, so every width gives the same bits), then a scalar tail.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Apply(ref float x, ref float y, int n, int seed, int layer, long step, int firstElement, float rate)
    {
        if (rate == 0f)
        {
            if (!Unsafe.AreSame(ref x, ref y))
            {
                MemoryMarshal.CreateReadOnlySpan(ref x, n).CopyTo(MemoryMarshal.CreateSpan(ref y, n));
            }

            return;
        }

        ulong key = Key(seed, layer, step);
        uint k0 = (uint)key, k1 = (uint)(key >> 32), threshold = Threshold(rate);
        float scale = 1f / (1f - rate);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<uint>.Count;
            Vector<uint> lane = Vector<uint>.Indices + new Vector<uint>((uint)firstElement + k0);
            Vector<uint> step0 = new Vector<uint>((uint)width), keyHigh = new Vector<uint>(k1), t = new Vector<uint>(threshold);
            Vector<float> kept = new Vector<float>(scale);
            for (; i + width <= n; i += width)
            {
                Vector<uint> h = Mix32(Mix32(lane) ^ keyHigh);
                Vector<float> value = Vector.ConditionalSelect(Vector.AsVectorSingle(Vector.GreaterThanOrEqual(h, t)), Vector.LoadUnsafe(ref x, (nuint)i) * kept, Vector<float>.Zero);
                Vector.StoreUnsafe(value, ref y, (nuint)i);
                lane += step0;
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref y, i) = Hash((uint)(firstElement + i), k0, k1) >= threshold ? Unsafe.Add(ref x, i) * scale : 0f;
        }
    }
}
