using System;
using System.Collections.Generic;
using System.Diagnostics;
using NetGen.CompilerServices;

namespace NetGen.Benchmarks.Peers;

// `-- kernels`: the time of each DenseKernels call at the layer shapes of the four networks, at
// their batch sizes and at one row (inference), with a Stopwatch. For working on the kernels.
internal static class KernelTimes
{
    private readonly struct L4x16 : IDenseShape { public static int Inputs => 4; public static int Units => 16; }
    private readonly struct L16x3 : IDenseShape { public static int Inputs => 16; public static int Units => 3; }
    private readonly struct L32x64 : IDenseShape { public static int Inputs => 32; public static int Units => 64; }
    private readonly struct L64x64 : IDenseShape { public static int Inputs => 64; public static int Units => 64; }
    private readonly struct L64x10 : IDenseShape { public static int Inputs => 64; public static int Units => 10; }
    private readonly struct L784x128 : IDenseShape { public static int Inputs => 784; public static int Units => 128; }
    private readonly struct L128x10 : IDenseShape { public static int Inputs => 128; public static int Units => 10; }
    private readonly struct L784x512 : IDenseShape { public static int Inputs => 784; public static int Units => 512; }
    private readonly struct L512x512 : IDenseShape { public static int Inputs => 512; public static int Units => 512; }
    private readonly struct L512x10 : IDenseShape { public static int Inputs => 512; public static int Units => 10; }

    public static void Run()
    {
        Layer<L4x16>(16); Layer<L16x3>(16);
        Layer<L32x64>(32); Layer<L64x64>(32); Layer<L64x10>(32);
        Layer<L784x128>(32); Layer<L128x10>(32);
        Layer<L784x512>(64); Layer<L512x512>(64); Layer<L512x10>(64);
    }

    private static void Layer<T>(int batch) where T : IDenseShape
    {
        int k = T.Inputs, n = T.Units;
        var random = new Random(1);
        float[] Fill(int length) { var a = new float[length]; for (int i = 0; i < a.Length; i++) a[i] = (float)(random.NextDouble() - 0.5); return a; }
        float[] x = Fill(batch * k), w = Fill(k * n), b = Fill(n), z = new float[batch * n], d = Fill(batch * n), gw = new float[k * n], gb = new float[n], dx = new float[batch * k];
        double flops = 2.0 * batch * k * n;
        double f = Time(() => DenseKernels.Forward<T>(x, w, b, z, batch));
        double g = Time(() => DenseKernels.AccumulateGradients<T>(x, d, gw, gb, batch));
        double p = Time(() => DenseKernels.Backpropagate<T>(d, w, dx, batch));
        double one = Time(() => DenseKernels.Forward<T>(x, w, b, z, 1));
        Console.WriteLine($"{k,4}x{n,-4} rows {batch,2}: forward {f,9:F2} µs {flops / f / 1e3,6:F1} GF/s | gradients {g,9:F2} µs {flops / g / 1e3,6:F1} | backprop {p,9:F2} µs {flops / p / 1e3,6:F1} | forward 1 row {one * 1000,8:F0} ns {2.0 * k * n / one / 1e3,6:F1}");
    }

    private static double Time(Action run)
    {
        var rounds = new List<double>();
        for (int round = 0; round < 8; round++)
        {
            var watch = Stopwatch.StartNew();
            long calls = 0;
            while (watch.ElapsedMilliseconds < 40)
            {
                for (int i = 0; i < 4; i++) run();
                calls += 4;
            }

            if (round > 0) rounds.Add(watch.Elapsed.TotalMicroseconds / calls);
        }

        rounds.Sort();
        return rounds[rounds.Count / 2];
    }
}
