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
        Sequence();
    }

    // The kernels of one 784-512-512-10 step in the generated order, on one parameter buffer.
    private static void Sequence()
    {
        const int rows = 64;
        var random = new Random(2);
        float[] Fill(int length) { var a = new float[length]; for (int i = 0; i < a.Length; i++) a[i] = (float)(random.NextDouble() - 0.5) * 0.1f; return a; }
        float[] p = Fill(784 * 512 + 512 + 512 * 512 + 512 + 5130), g = new float[p.Length], x = Fill(rows * 784);
        float[] z1 = new float[rows * 512], z2 = new float[rows * 512], z3 = new float[rows * 10], d1 = Fill(rows * 512), d2 = Fill(rows * 512), d3 = Fill(rows * 10);
        int w2 = 784 * 512 + 512, w3 = w2 + 512 * 512 + 512;
        var parts = new (string Name, Action Run)[]
        {
            ("clear", () => Array.Clear(g)),
            ("forward1", () => DenseKernels.Forward<L784x512>(x, p.AsSpan(0, 784 * 512), p.AsSpan(784 * 512, 512), z1, rows)),
            ("forward2", () => DenseKernels.Forward<L512x512>(z1, p.AsSpan(w2, 512 * 512), p.AsSpan(w2 + 512 * 512, 512), z2, rows)),
            ("forward3", () => DenseKernels.Forward<L512x10>(z2, p.AsSpan(w3, 5120), p.AsSpan(w3 + 5120, 10), z3, rows)),
            ("gradients3", () => DenseKernels.AccumulateGradients<L512x10>(z2, d3, g.AsSpan(w3, 5120), g.AsSpan(w3 + 5120, 10), rows)),
            ("backprop3", () => DenseKernels.Backpropagate<L512x10>(d3, p.AsSpan(w3, 5120), d2, rows)),
            ("gradients2", () => DenseKernels.AccumulateGradients<L512x512>(z1, d2, g.AsSpan(w2, 512 * 512), g.AsSpan(w2 + 512 * 512, 512), rows)),
            ("backprop2", () => DenseKernels.Backpropagate<L512x512>(d2, p.AsSpan(w2, 512 * 512), d1, rows)),
            ("gradients1", () => DenseKernels.AccumulateGradients<L784x512>(x, d1, g.AsSpan(0, 784 * 512), g.AsSpan(784 * 512, 512), rows)),
        };
        var watch = new Stopwatch();
        var totals = new double[parts.Length];
        for (int step = 0; step < 600; step++)
        {
            for (int i = 0; i < parts.Length; i++)
            {
                watch.Restart();
                parts[i].Run();
                if (step >= 100) totals[i] += watch.Elapsed.TotalMicroseconds;
            }
        }

        double sum = 0;
        for (int i = 0; i < parts.Length; i++) { Console.Write($"{parts[i].Name} {totals[i] / 500:F0}  "); sum += totals[i] / 500; }
        Console.WriteLine($"| step {sum:F0} µs");
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
