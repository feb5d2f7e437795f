using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime;
using System.Threading;
using NetGen;
using NetGen.Training;

namespace NetGen.Benchmarks.RealData;

// Trains one of five small real data sets once, as a user's program would, and prints one JSON line:
// the time of that first training (a Stopwatch around network construction and Trainer.Fit, the first
// call of every training method in the process), the held-out accuracy (R² for diabetes), and with
// --steady the median time of the same training repeated in this process once the JIT has settled.
// compare.py runs this program in fresh processes and scikit-learn on the same split, and prints the table.
//
//   dotnet bin/Release/net10.0/NetGen.Benchmarks.RealData.dll <iris|wine|cancer|digits|diabetes>
//       [--data <sklearn/datasets/data>] [--seed <n>] [--steady <repeats>] [--epochs <n>]
//   dotnet bin/Release/net10.0/NetGen.Benchmarks.RealData.dll shapes    (steady state of 784-128-10 and 784-512-512-10, Shapes.cs)
//   dotnet bin/Release/net10.0/NetGen.Benchmarks.RealData.dll lbfgs <iris|wine> ...   (full-batch L-BFGS, Lbfgs.cs, lbfgs_compare.py)
internal static class Program
{
    private const string DefaultDataFolder = "/usr/lib/python3/dist-packages/sklearn/datasets/data";

    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.Error.WriteLine("usage: NetGen.Benchmarks.RealData <iris|wine|cancer|digits|diabetes> [--data DIR] [--seed N] [--steady REPEATS] [--epochs N] | shapes");
            return 2;
        }

        if (args[0] == "shapes")
        {
            return Shapes.Run();
        }

        if (args[0] == "lbfgs")
        {
            return Lbfgs.Run(args[1..], DefaultDataFolder);
        }

        string name = args[0];
        string folder = DefaultDataFolder;
        int seed = 0;
        int steady = 0;
        int? epochs = null;
        for (int i = 1; i < args.Length; i += 2)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--data": folder = value; break;
                case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--steady": steady = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--epochs": epochs = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return name switch
        {
            "iris" => Run(name, () => new IrisNet(), DataSets.Iris(folder), epochs ?? 200, seed, steady),
            "wine" => Run(name, () => new WineNet(), DataSets.Wine(folder), epochs ?? 200, seed, steady),
            "cancer" => Run(name, () => new CancerNet(), DataSets.BreastCancer(folder), epochs ?? 200, seed, steady),
            "digits" => Run(name, () => new DigitsNet(), DataSets.Digits(folder), epochs ?? 100, seed, steady),
            "diabetes" => Run(name, () => new DiabetesNet(), DataSets.Diabetes(folder), epochs ?? 300, seed, steady),
            _ => throw new ArgumentException($"Unknown data set {name}: iris, wine, cancer, digits or diabetes."),
        };
    }

    private static int Run<TNet>(string name, Func<TNet> create, DataSets.Table table, int epochs, int seed, int steadyRepeats)
        where TNet : ITrainableNetwork
    {
        Split data = Split.Of(table, create().OutputSize, seed);
        var options = new TrainerOptions { Epochs = epochs, Seed = seed + 1 };

        // The first training in this process: what a user measures around their short training.
        // Also the processor time of the process (every thread: the JIT's background tiering too),
        // which a loaded machine inflates less than the wall-clock time.
        using Process process = Process.GetCurrentProcess();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        long jitBefore = System.Runtime.JitInfo.GetCompilationTime().Ticks;
        long methodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        using JitLog? jitLog = Environment.GetEnvironmentVariable("NETGEN_JIT_LOG") == "1" ? new JitLog() : null;
        if (jitLog is not null)
        {
            jitLog.Recording = true;
        }

        var clock = Stopwatch.StartNew();
        TNet network = Train(create, data, options);
        double freshMs = clock.Elapsed.TotalMilliseconds;
        process.Refresh();
        double cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        double jitMs = TimeSpan.FromTicks(System.Runtime.JitInfo.GetCompilationTime().Ticks - jitBefore).TotalMilliseconds;
        long methods = System.Runtime.JitInfo.GetCompiledMethodCount() - methodsBefore;
        double sinceStartMs = (DateTime.Now - process.StartTime).TotalMilliseconds;
        if (jitLog is not null)
        {
            jitLog.Recording = false;
            jitLog.Print();
        }

        double metric = data.Score(network);

        // The same training in steady state: repeat it until the JIT has stopped compiling (tiered
        // compilation promotes hot methods on a background thread after a quiet period), then time it.
        double steadyMs = double.NaN, steadyCpuMs = double.NaN;
        if (steadyRepeats > 0)
        {
            var warm = Stopwatch.StartNew();
            int quiet = 0;
            while (quiet < 3 && warm.Elapsed.TotalSeconds < 20)
            {
                long before = System.Runtime.JitInfo.GetCompiledMethodCount();
                Train(create, data, options);
                Thread.Sleep(150);
                quiet = System.Runtime.JitInfo.GetCompiledMethodCount() == before && warm.Elapsed.TotalSeconds > 1 ? quiet + 1 : 0;
            }

            var times = new double[steadyRepeats];
            var cpuTimes = new double[steadyRepeats];
            for (int r = 0; r < steadyRepeats; r++)
            {
                process.Refresh();
                TimeSpan cpu = process.TotalProcessorTime;
                clock.Restart();
                Train(create, data, options);
                times[r] = clock.Elapsed.TotalMilliseconds;
                process.Refresh();
                cpuTimes[r] = (process.TotalProcessorTime - cpu).TotalMilliseconds;
            }

            Array.Sort(times);
            Array.Sort(cpuTimes);
            steadyMs = times[steadyRepeats / 2];
            steadyCpuMs = cpuTimes[steadyRepeats / 2];
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"set\": \"{name}\", \"architecture\": \"{network.Architecture}\", \"train\": {data.TrainCount}, \"test\": {data.TestCount}, \"split_checksum\": {data.Checksum}, \"epochs\": {epochs}, \"steps\": {network.Step}, \"fresh_ms\": {freshMs:F3}, \"fresh_cpu_ms\": {cpuMs:F3}, \"fresh_jit_ms\": {jitMs:F3}, \"fresh_methods_jitted\": {methods}, \"process_ms_at_end_of_training\": {sinceStartMs:F1}, \"steady_ms\": {Json(steadyMs)}, \"steady_cpu_ms\": {Json(steadyCpuMs)}, \"metric\": {metric:F5}}}"));
        return 0;
    }

    private static string Json(double value) => double.IsNaN(value) ? "null" : value.ToString("F3", CultureInfo.InvariantCulture);

    private static TNet Train<TNet>(Func<TNet> create, Split data, TrainerOptions options)
        where TNet : ITrainableNetwork
    {
        TNet network = create();
        new Trainer(network, options).Fit(data.TrainFeatures, data.TrainTargets, data.TrainCount);
        return network;
    }
}
