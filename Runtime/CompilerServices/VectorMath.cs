using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.CompilerServices;

/// <summary>Small vectorised helpers for generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VectorMath
{
    /// <summary>destination[i] += source[i]: the fixed-order reduction of per-thread gradients.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(Span<float> destination, ReadOnlySpan<float> source)
    {
        if (source.Length < destination.Length)
        {
            throw new ArgumentException($"Expected at least {destination.Length} values, got {source.Length}.", nameof(source));
        }

        var kernel = new AddKernel(ref MemoryMarshal.GetReference(destination), ref MemoryMarshal.GetReference(source), destination.Length);
        SimdDispatch.Run(ref kernel);
    }

    /// <summary>d += s over whole vectors, then over the tail with <see cref="SimdScalar"/>: one body.</summary>
    private readonly ref struct AddKernel : ISimdKernel
    {
        private readonly ref float _d, _s;
        private readonly int _n;

        public AddKernel(ref float d, ref float s, int n)
        {
            _d = ref d;
            _s = ref s;
            _n = n;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run<TSimd, TVector>()
            where TSimd : ISimd<TVector>
            where TVector : struct =>
            Add<SimdScalar, float>(Add<TSimd, TVector>(0));

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int Add<TSimd, TVector>(int i)
            where TSimd : ISimd<TVector>
            where TVector : struct
        {
            for (; i + TSimd.Width <= _n; i += TSimd.Width)
            {
                TSimd.Store(TSimd.Add(TSimd.Load(ref _d, i), TSimd.Load(ref _s, i)), ref _d, i);
            }

            return i;
        }
    }

    // erf by the rational form of Abramowitz and Stegun 7.1.26: for x ≥ 0,
    // erf x ≈ 1 − t(a₁ + t(a₂ + t(a₃ + t(a₄ + t a₅)))) e^(−x²), t = 1/(1 + p x), odd in x;
    // within 1.5e-7 of erf in exact arithmetic, within 1e-6 in float (the tests check every 1e-4 of [−6, 6]).
    private const float ErfP = 0.3275911f, ErfA1 = 0.254829592f, ErfA2 = -0.284496736f, ErfA3 = 1.421413741f, ErfA4 = -1.453152027f, ErfA5 = 1.061405429f;

    /// <summary>The error function erf x = (2/√π) ∫₀ˣ e^(−t²) dt, within 1e-6 absolute; NaN for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Erf(float x)
    {
        float ax = MathF.Abs(x);
        float t = 1f / (1f + ErfP * ax);
        float poly = t * (ErfA1 + t * (ErfA2 + t * (ErfA3 + t * (ErfA4 + t * ErfA5))));
        float r = 1f - poly * MathF.Exp(-ax * ax);
        return x < 0f ? -r : r;
    }

    /// <summary>erf of every lane, the same arithmetic as <see cref="Erf(float)"/> over <typeparamref name="TSimd"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static TVector Erf<TSimd, TVector>(TVector x)
        where TSimd : ISimd<TVector>
        where TVector : struct
    {
        TVector one = TSimd.Broadcast(1f);
        TVector ax = TSimd.Abs(x);
        TVector t = TSimd.Divide(one, TSimd.MultiplyAdd(TSimd.Broadcast(ErfP), ax, one));
        TVector poly = TSimd.MultiplyAdd(TSimd.Broadcast(ErfA5), t, TSimd.Broadcast(ErfA4));
        poly = TSimd.MultiplyAdd(poly, t, TSimd.Broadcast(ErfA3));
        poly = TSimd.MultiplyAdd(poly, t, TSimd.Broadcast(ErfA2));
        poly = TSimd.MultiplyAdd(poly, t, TSimd.Broadcast(ErfA1));
        poly = TSimd.Multiply(poly, t);
        TVector r = TSimd.Subtract(one, TSimd.Multiply(poly, TSimd.Exp(TSimd.Subtract(TSimd.Zero, TSimd.Multiply(ax, ax)))));
        return TSimd.Select(TSimd.LessThan(x, TSimd.Zero), TSimd.Subtract(TSimd.Zero, r), r);
    }
}
