using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;

namespace NetGen.Benchmarks.RealData;

/// <summary>
/// Steady state of the two larger peer shapes (training step, Predict, PredictBatch of 64 rows): after
/// the JIT has gone quiet, rounds of each call timed by the thread's processor time (on a loaded
/// machine the wall clock also counts the time other processes held the core). For comparing builds
/// or JIT settings, e.g. with and without AggressiveOptimization: run alternating processes.
/// </summary>
internal static class Shapes
{
    internal static int Run()
    {
        var cases = new List<(string Name, Func<double> Op)>();
        Add(cases, "784-128-10", "Sgd", new Mnist128Sgd());
        Add(cases, "784-128-10", "Adam", new Mnist128Adam());
        Add(cases, "784-512-512-10", "Sgd", new Mnist512Sgd());
        Add(cases, "784-512-512-10", "Adam", new Mnist512Adam());

        // Warm up until no method has been compiled for three rounds (tiering, OSR, PGO done).
        var warm = Stopwatch.StartNew();
        int quiet = 0;
        while (quiet < 3 && warm.Elapsed.TotalSeconds < 30)
        {
            long before = System.Runtime.JitInfo.GetCompiledMethodCount();
            foreach ((_, Func<double> op) in cases)
            {
                for (int i = 0; i < 20; i++)
                {
                    op();
                }
            }

            Thread.Sleep(150);
            quiet = System.Runtime.JitInfo.GetCompiledMethodCount() == before && warm.Elapsed.TotalSeconds > 2 ? quiet + 1 : 0;
        }

        // Rounds of about 30 ms of processor time per case, interleaved across cases.
        const int Rounds = 15;
        var times = new double[cases.Count][];
        for (int c = 0; c < cases.Count; c++)
        {
            times[c] = new double[Rounds];
        }

        for (int round = 0; round < Rounds; round++)
        {
            for (int c = 0; c < cases.Count; c++)
            {
                double start = ThreadCpuMicroseconds();
                int calls = 0;
                while (ThreadCpuMicroseconds() - start < 30_000)
                {
                    cases[c].Op();
                    calls++;
                }

                times[c][round] = (ThreadCpuMicroseconds() - start) / calls;
            }
        }

        for (int c = 0; c < cases.Count; c++)
        {
            Array.Sort(times[c]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases[c].Name,-36} median {times[c][Rounds / 2],10:F2} µs   min {times[c][0],10:F2} µs   (thread CPU time)"));
        }

        return 0;
    }

    private static void Add<TNet>(List<(string, Func<double>)> cases, string shape, string optimizer, TNet net)
        where TNet : ITrainableNetwork
    {
        var random = new Random(1);
        int batch = net.BatchSize;
        var inputs = new float[batch * net.InputSize];
        var targets = new float[batch * net.OutputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)random.NextDouble();
        }

        for (int r = 0; r < batch; r++)
        {
            targets[r * net.OutputSize + random.Next(net.OutputSize)] = 1f;
        }

        var output = new float[net.OutputSize];
        var rows = new float[64 * net.InputSize];
        var outputs = new float[64 * net.OutputSize];
        inputs.AsSpan(0, Math.Min(inputs.Length, rows.Length)).CopyTo(rows);
        cases.Add(($"{shape} {optimizer} TrainBatch", () => net.TrainBatch(inputs, targets, batch)));
        if (optimizer == "Sgd")
        {
            cases.Add(($"{shape} Predict", () => { net.Predict(inputs.AsSpan(0, net.InputSize), output); return 0; }));
            cases.Add(($"{shape} PredictBatch(64) per call", () => { net.PredictBatch(rows, outputs, 64); return 0; }));
            // Reading Parameters marks the packed copies stale: the Predict after it packs every large layer's W
            // again (the one-time cost of a network's first prediction, and after each outside write).
            cases.Add(($"{shape} Parameters read + Predict (repack)", () => { _ = net.Parameters; net.Predict(inputs.AsSpan(0, net.InputSize), output); return 0; }));
        }
    }

    // clock_gettime(CLOCK_THREAD_CPUTIME_ID): Linux only, as this benchmark is.
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static double ThreadCpuMicroseconds()
    {
        const int ThreadCpuTime = 3;
        _ = ClockGetTime(ThreadCpuTime, out TimeSpec t);
        return t.Seconds * 1e6 + t.Nanoseconds / 1e3;
    }
}
