using System;
using System.ComponentModel;

namespace NetGen.CompilerServices;

/// <summary>
/// Fills parameter blocks at construction time. Called by generated code; the generator computes
/// every bound at compile time and passes it as a constant.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParameterInitializer
{
    /// <summary>Fills <paramref name="weights"/> with U(−limit, +limit) drawn from <paramref name="random"/>, in index order.</summary>
    public static void Uniform(ref SeededRandom random, Span<float> weights, float limit)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = limit * (2f * random.NextSingle() - 1f);
        }
    }
}
