using System;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.CompilerServices;

/// <summary>Small vectorised helpers for generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VectorMath
{
    /// <summary>destination[i] += source[i]: the fixed-order reduction of per-thread gradients.</summary>
    public static void Add(Span<float> destination, ReadOnlySpan<float> source)
    {
        if (source.Length < destination.Length)
        {
            throw new ArgumentException($"Expected at least {destination.Length} values, got {source.Length}.", nameof(source));
        }

        ref float d = ref MemoryMarshal.GetReference(destination);
        ref float s = ref MemoryMarshal.GetReference(source);
        int n = destination.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + Vector512<float>.Count <= n; i += Vector512<float>.Count)
            {
                (Vector512.LoadUnsafe(ref d, (nuint)i) + Vector512.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i + Vector256<float>.Count <= n; i += Vector256<float>.Count)
            {
                (Vector256.LoadUnsafe(ref d, (nuint)i) + Vector256.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i + Vector128<float>.Count <= n; i += Vector128<float>.Count)
            {
                (Vector128.LoadUnsafe(ref d, (nuint)i) + Vector128.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            destination[i] += source[i];
        }
    }

    // erf by the rational form of Abramowitz and Stegun 7.1.26: for x ≥ 0,
    // erf x ≈ 1 − t(a₁ + t(a₂ + t(a₃ + t(a₄ + t a₅)))) e^(−x²), t = 1/(1 + p x), odd in x;
    // within 1.5e-7 of erf in exact arithmetic, within 1e-6 in float (the tests check every 1e-4 of [−6, 6]).
    private const float ErfP = 0.3275911f, ErfA1 = 0.254829592f, ErfA2 = -0.284496736f, ErfA3 = 1.421413741f, ErfA4 = -1.453152027f, ErfA5 = 1.061405429f;

    /// <summary>The error function erf x = (2/√π) ∫₀ˣ e^(−t²) dt, within 1e-6 absolute; NaN for NaN.</summary>
    public static float Erf(float x)
    {
        float ax = MathF.Abs(x);
        float t = 1f / (1f + ErfP * ax);
        float poly = t * (ErfA1 + t * (ErfA2 + t * (ErfA3 + t * (ErfA4 + t * ErfA5))));
        float r = 1f - poly * MathF.Exp(-ax * ax);
        return x < 0f ? -r : r;
    }

    /// <summary>erf of every lane, the same arithmetic as <see cref="Erf(float)"/> over <typeparamref name="TSimd"/>.</summary>
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
