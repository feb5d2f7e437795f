using System;
using System.Runtime.CompilerServices;

namespace NetGen;

/// <summary>
/// A small deterministic pseudo-random generator (SplitMix64). The same seed yields the same
/// sequence on every run, machine and .NET version, which <see cref="Random"/> does not promise.
/// NetGen uses it for weight initialisation and shuffling.
/// </summary>
public struct SeededRandom
{
    private ulong _state;

    /// <summary>Starts a sequence from <paramref name="seed"/>.</summary>
    public SeededRandom(long seed) => _state = unchecked((ulong)seed);

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        // SplitMix64 (Steele, Lea and Flood 2014): a Weyl sequence scrambled by two multiply-xorshifts.
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A float uniformly distributed in [0, 1), with 24 random bits.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>A double uniformly distributed in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer uniformly distributed in [0, <paramref name="maxExclusive"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is not positive.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Shuffle's per-element call (the loop keeps it from being inlined)
    public int NextInt32(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        // Lemire's multiply-and-reject: unbiased without a division on the common path.
        ulong range = (ulong)maxExclusive;
        ulong threshold = (0UL - range) % range;
        while (true)
        {
            UInt128 product = (UInt128)NextUInt64() * range;
            if ((ulong)product >= threshold)
            {
                return (int)(ulong)(product >> 64);
            }
        }
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    /// <remarks>Optimised from its first call: the trainer shuffles once per epoch, and a short training ends before tiering would promote it.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt32(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
