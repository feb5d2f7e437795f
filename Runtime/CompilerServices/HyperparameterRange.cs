// Compiled into the generator too (Generator/NetGen.Generator.csproj links this file): the one
// definition of each hyperparameter's valid values, for the generator's compile-time check (NG0007)
// and the generated setters' run-time check, so that the two cannot drift apart. There it is
// internal and in NetGen.Generator.Model; here public, in NetGen.CompilerServices, for generated code.
// C# 7.3 and netstandard2.0 only (no float.IsFinite).
#if NETGEN_GENERATOR
namespace NetGen.Generator.Model
#else
namespace NetGen.CompilerServices
#endif
{
    /// <summary>The valid values of an optimizer hyperparameter.</summary>
#if NETGEN_GENERATOR
    internal
#else
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public
#endif
    enum HyperparameterRange
    {
        /// <summary>Finite and greater than zero: α, ε, δ.</summary>
        Positive = 0,

        /// <summary>Finite and zero or greater: λ.</summary>
        NonNegative = 1,

        /// <summary>In [0, 1): η, ρ, β₁, β₂.</summary>
        UnitOpen = 2,
    }

    /// <summary>What each <see cref="HyperparameterRange"/> admits, and how messages name it.</summary>
#if NETGEN_GENERATOR
    internal
#else
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public
#endif
    static class HyperparameterRanges
    {
        /// <summary>Whether <paramref name="value"/> is finite and in <paramref name="range"/>.</summary>
        /// <param name="range">The range.</param>
        /// <param name="value">The value.</param>
        /// <returns>True when the value is valid.</returns>
        public static bool Contains(HyperparameterRange range, float value)
        {
            switch (range)
            {
                case HyperparameterRange.Positive:
                    return value > 0f && !float.IsInfinity(value);
                case HyperparameterRange.NonNegative:
                    return value >= 0f && !float.IsInfinity(value);
                default:
                    return value >= 0f && value < 1f;
            }
        }

        /// <summary>The range in words, as messages say it: "positive", "zero or positive", "in [0, 1)".</summary>
        /// <param name="range">The range.</param>
        /// <returns>The words.</returns>
        public static string Describe(HyperparameterRange range)
        {
            switch (range)
            {
                case HyperparameterRange.Positive:
                    return "positive";
                case HyperparameterRange.NonNegative:
                    return "zero or positive";
                default:
                    return "in [0, 1)";
            }
        }

        /// <summary>
        /// Whether <paramref name="value"/> is a valid gradient-clipping threshold (ClipNorm, ClipValue):
        /// finite and positive. At run time NaN is valid too and means "off"; in [Training] an unset
        /// property is NaN and a NaN written out is an error (NG0030).
        /// </summary>
        /// <param name="value">The threshold.</param>
        /// <returns>True when the value is finite and greater than zero.</returns>
        public static bool IsClipThreshold(float value) => value > 0f && !float.IsInfinity(value);
    }
}
