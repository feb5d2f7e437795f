using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks.Peers;

/// <summary>
/// The FP32 FMA peak of one core: 12 independent chains of Vector512 fused multiply-adds, enough to
/// cover the FMA latency (4 cycles) times the number of FMA pipes (2) with room to spare, and nothing
/// else in the loop but a counter. One operation is one 16-lane FMA instruction = 32 FLOP, so
/// GFLOP/s = 32 / (ns per operation). The Vector256 variant shows whether 512-bit FMAs are native
/// (twice the FLOP per instruction at the same rate) or split in two.
/// </summary>
public class FmaPeak
{
    private const int Rounds = 1 << 16;
    private const int Chains = 12;

    /// <summary>FMA instructions per call of either benchmark.</summary>
    public const int FmasPerCall = Rounds * Chains;

    /// <summary>Rounds × 12 Vector512 FMAs (32 FLOP each).</summary>
    [Benchmark(OperationsPerInvoke = Rounds * Chains)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public Vector512<float> Vector512Fma()
    {
        // x ← x·m + c converges to c/(1 − m); no overflow, no denormals, no dependence between chains.
        Vector512<float> m = Vector512.Create(0.999f), c = Vector512.Create(0.001f);
        Vector512<float> a0 = Vector512.Create(0.0f), a1 = Vector512.Create(0.1f), a2 = Vector512.Create(0.2f);
        Vector512<float> a3 = Vector512.Create(0.3f), a4 = Vector512.Create(0.4f), a5 = Vector512.Create(0.5f);
        Vector512<float> a6 = Vector512.Create(0.6f), a7 = Vector512.Create(0.7f), a8 = Vector512.Create(0.8f);
        Vector512<float> a9 = Vector512.Create(0.9f), a10 = Vector512.Create(1.0f), a11 = Vector512.Create(1.1f);
        for (int i = 0; i < Rounds; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c);
            a1 = Vector512.FusedMultiplyAdd(a1, m, c);
            a2 = Vector512.FusedMultiplyAdd(a2, m, c);
            a3 = Vector512.FusedMultiplyAdd(a3, m, c);
            a4 = Vector512.FusedMultiplyAdd(a4, m, c);
            a5 = Vector512.FusedMultiplyAdd(a5, m, c);
            a6 = Vector512.FusedMultiplyAdd(a6, m, c);
            a7 = Vector512.FusedMultiplyAdd(a7, m, c);
            a8 = Vector512.FusedMultiplyAdd(a8, m, c);
            a9 = Vector512.FusedMultiplyAdd(a9, m, c);
            a10 = Vector512.FusedMultiplyAdd(a10, m, c);
            a11 = Vector512.FusedMultiplyAdd(a11, m, c);
        }

        return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11));
    }

    /// <summary>The same with Vector256 (16 FLOP per FMA): for comparison only.</summary>
    [Benchmark(OperationsPerInvoke = Rounds * Chains)]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public Vector256<float> Vector256Fma()
    {
        Vector256<float> m = Vector256.Create(0.999f), c = Vector256.Create(0.001f);
        Vector256<float> a0 = Vector256.Create(0.0f), a1 = Vector256.Create(0.1f), a2 = Vector256.Create(0.2f);
        Vector256<float> a3 = Vector256.Create(0.3f), a4 = Vector256.Create(0.4f), a5 = Vector256.Create(0.5f);
        Vector256<float> a6 = Vector256.Create(0.6f), a7 = Vector256.Create(0.7f), a8 = Vector256.Create(0.8f);
        Vector256<float> a9 = Vector256.Create(0.9f), a10 = Vector256.Create(1.0f), a11 = Vector256.Create(1.1f);
        for (int i = 0; i < Rounds; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, c);
            a1 = Vector256.FusedMultiplyAdd(a1, m, c);
            a2 = Vector256.FusedMultiplyAdd(a2, m, c);
            a3 = Vector256.FusedMultiplyAdd(a3, m, c);
            a4 = Vector256.FusedMultiplyAdd(a4, m, c);
            a5 = Vector256.FusedMultiplyAdd(a5, m, c);
            a6 = Vector256.FusedMultiplyAdd(a6, m, c);
            a7 = Vector256.FusedMultiplyAdd(a7, m, c);
            a8 = Vector256.FusedMultiplyAdd(a8, m, c);
            a9 = Vector256.FusedMultiplyAdd(a9, m, c);
            a10 = Vector256.FusedMultiplyAdd(a10, m, c);
            a11 = Vector256.FusedMultiplyAdd(a11, m, c);
        }

        return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11));
    }
}
