namespace NetGen.Tests.Reference;

/// <summary>
/// The dropout mask written again from its definition in docs/math.md ("Dropout"), sharing no code
/// with the runtime: element i = row·units + unit of layer n's output at step t of a network with
/// seed s is dropped when h(i) &lt; ⌊rate·2³²⌋, h(i) = mix32(mix32(i + k₀) ⊕ k₁), (k₀, k₁) the low and
/// high 32 bits of k = mix64(mix64(mix64(s) ⊕ n) ⊕ t).
/// </summary>
public static class ReferenceDropout
{
    public static bool Keeps(int seed, int layer, long step, int index, double rate)
    {
        ulong k = Mix64(Mix64(Mix64((uint)seed) ^ (uint)layer) ^ unchecked((ulong)step));
        uint k0 = unchecked((uint)k), k1 = (uint)(k >> 32);
        uint h = Mix32(Mix32(unchecked((uint)index + k0)) ^ k1);
        ulong threshold = (ulong)System.Math.Floor(rate * 4294967296.0);
        return h >= threshold;
    }

    /// <summary>The mask of a network's training batch at a step, for <see cref="ReferenceNetwork"/>: keeps(layer, row, unit).</summary>
    public static System.Func<int, int, int, bool> Mask(int seed, long step, ReferenceLayer[] layers) =>
        (layer, row, unit) => Keeps(seed, layer, step, row * layers[layer - 1].Units + unit, (float)layers[layer - 1].Dropout);

    // SplitMix64's output function: z ⊕= z ≫ 30; z ·= 0xBF58476D1CE4E5B9; z ⊕= z ≫ 27; z ·= 0x94D049BB133111EB; z ⊕= z ≫ 31.
    private static ulong Mix64(ulong z)
    {
        unchecked
        {
            z ^= z >> 30;
            z *= 0xBF58476D1CE4E5B9UL;
            z ^= z >> 27;
            z *= 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return z;
        }
    }

    // lowbias32: x ⊕= x ≫ 16; x ·= 0x7FEB352D; x ⊕= x ≫ 15; x ·= 0x846CA68B; x ⊕= x ≫ 16.
    private static uint Mix32(uint x)
    {
        unchecked
        {
            x ^= x >> 16;
            x *= 0x7FEB352Du;
            x ^= x >> 15;
            x *= 0x846CA68Bu;
            x ^= x >> 16;
            return x;
        }
    }
}
