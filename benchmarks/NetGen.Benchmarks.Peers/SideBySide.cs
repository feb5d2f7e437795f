using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;

namespace NetGen.Benchmarks.Peers;

// `-- side [NETWORKS]`: NetGen and its peer timed in alternating rounds in one process, without
// BenchmarkDotNet: Predict and PredictBatch (64 rows, per sample) against ONNX Runtime, TrainBatch
// against TorchSharp (SGD and Adam), and the Vector256 FMA peak. Each round runs one benchmark for
// about 100 ms; 15 rounds per benchmark after a warm-up round, the pairs interleaved, so both sides see
// the same machine. Reports the median wall time per operation and the median *thread CPU time* per
// operation (clock_gettime(CLOCK_THREAD_CPUTIME_ID)): on a shared, overloaded machine the wall time
// includes the time the thread waited for a core, its CPU time does not. ONNX Runtime (1 intra-op
// thread, sequential) and TorchSharp (1 thread) compute on the calling thread, like NetGen.
internal static class SideBySide
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    private static double ThreadCpuNanoseconds()
    {
        ClockGetTime(ThreadCpuClock, out TimeSpec t);
        return t.Seconds * 1e9 + t.Nanoseconds;
    }

    private sealed class Bench(string name, Action run, double operations)
    {
        public string Name { get; } = name;
        public List<double> Wall { get; } = new();
        public List<double> Cpu { get; } = new();

        public void Round(bool keep)
        {
            long calls = 0;
            double cpu0 = ThreadCpuNanoseconds();
            var watch = Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < 100)
            {
                run();
                calls++;
            }

            double wall = watch.Elapsed.TotalNanoseconds, cpu = ThreadCpuNanoseconds() - cpu0;
            if (keep)
            {
                Wall.Add(wall / calls / operations);
                Cpu.Add(cpu / calls / operations);
            }
        }

        public static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            return sorted[sorted.Length / 2];
        }
    }

    public static void Run(IEnumerable<string> networks)
    {
        const int rounds = 15;
        Console.WriteLine($"load: {System.IO.File.ReadAllText("/proc/loadavg").Trim()}");
        var fma = new FmaPeak();
        var peak = new Bench("FMA Vector256 (GFLOP/s = 16·FMAs / ns)", () => fma.Vector256Fma(), FmaPeak.FmasPerCall);
        for (int round = 0; round <= rounds; round++) peak.Round(round > 0);
        Console.WriteLine($"FMA peak Vector256: {16 / Bench.Median(peak.Cpu):F1} GFLOP/s by CPU time, {16 / Bench.Median(peak.Wall):F1} by wall time");

        foreach (string network in networks)
        {
            var onnx = new OnnxRuntimeInference { Network = network };
            onnx.Setup();
            var pairs = new List<(Bench NetGen, Bench Peer)>
            {
                (new Bench("Predict", onnx.NetGenPredict, 1), new Bench("ORT Predict", onnx.OnnxRuntimePredict, 1)),
                (new Bench("PredictBatch/sample", onnx.NetGenPredictBatch, 64), new Bench("ORT batch/sample", onnx.OnnxRuntimePredictBatch, 64)),
            };
            var trainings = new List<Training>();
            foreach (Optimizer optimizer in new[] { Optimizer.Sgd, Optimizer.Adam })
            {
                var netGen = new Training { Network = network, Optimizer = optimizer };
                netGen.SetupNetGen();
                var torch = new Training { Network = network, Optimizer = optimizer };
                torch.SetupTorchSharp();
                trainings.Add(torch);
                pairs.Add((new Bench($"Train {optimizer}", () => netGen.NetGenTrain(), 1), new Bench($"Torch {optimizer}", torch.TorchSharpTrain, 1)));
            }

            for (int round = 0; round <= rounds; round++)
            {
                foreach ((Bench a, Bench b) in pairs)
                {
                    a.Round(round > 0);
                    b.Round(round > 0);
                }
            }

            Shape shape = Shape.Get(network);
            Console.WriteLine($"{network}  (load {System.IO.File.ReadAllText("/proc/loadavg").Trim()})");
            foreach ((Bench a, Bench b) in pairs)
            {
                double ca = Bench.Median(a.Cpu), cb = Bench.Median(b.Cpu), wa = Bench.Median(a.Wall), wb = Bench.Median(b.Wall);
                string flops = a.Name.StartsWith("Train", StringComparison.Ordinal) ? $"  NetGen {shape.TrainingFlops / ca:F1} GFLOP/s (CPU time)" : string.Empty;
                Console.WriteLine($"  {a.Name,-20} NetGen {Format(ca),10} CPU {Format(wa),10} wall | {b.Name,-17} {Format(cb),10} CPU {Format(wb),10} wall | peer/NetGen {cb / ca,5:F2}× CPU {wb / wa,5:F2}× wall{flops}");
            }

            onnx.Cleanup();
            foreach (Training torch in trainings) torch.CleanupTorchSharp();
        }
    }

    private static string Format(double nanoseconds) => nanoseconds >= 1e3 ? $"{nanoseconds / 1e3:F2} µs" : $"{nanoseconds:F0} ns";
}
