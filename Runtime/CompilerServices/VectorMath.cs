using System;
using System.ComponentModel;
using System.Runtime.InteropServices;

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

        public void Run<TSimd, TVector>()
            where TSimd : ISimd<TVector>
            where TVector : struct =>
            Add<SimdScalar, float>(Add<TSimd, TVector>(0));

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
}
