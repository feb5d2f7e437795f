using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NetGen;
using NetGen.Benchmarks.Peers;

// NetGen against TorchSharp-cpu and naive C# (see docs/benchmarks-peers.md).
//
//   dotnet run -c Release --project benchmarks/NetGen.Benchmarks.Peers -- [options] [BenchmarkDotNet arguments]
//     --launches N     processes per benchmark (default 3); the summary quotes the median of their means
//     --warmup N       warm-up iterations per process (default 3)
//     --iterations N   measured iterations per process (default 10)
//     --peak GFLOPS    FMA peak for the "% of peak" column when FmaPeak is not in this run
//     --networks A,B   only these shapes (e.g. 784-128-10,784-512-512-10; default all four)
//   e.g. --filter '*'   everything;  --filter '*.NetGenTrain' '*.NetGenPredict'   NetGen alone
//        --filter '*OnnxRuntimeInference*'   NetGen against ONNX Runtime (docs/onnx.md)
//
//   ... -- fma     a quick FMA peak without BenchmarkDotNet (Stopwatch, one-second rounds)
//   ... -- drift NETWORK Sgd|Adam   NetGen and naive time per step over 4,000 steps (Stopwatch), to see drift
//   ... -- quick   NetGen alone, every shape: training step and inference (Stopwatch, median of 9 rounds), for iterating on kernels
//   ... -- kernels each DenseKernels call at the four networks' layer shapes (Stopwatch; run with
//                  DOTNET_TieredCompilation=0, or its short rounds time Tier-0 code)
//   ... -- threads Threads = 1 against Threads = 2 on the two larger shapes (Stopwatch)
//   ... -- side [A,B]  NetGen against ONNX Runtime (Predict, PredictBatch) and TorchSharp (TrainBatch) in
//                  alternating rounds, wall and thread CPU time (Stopwatch; SideBySide.cs)
//   ... -- check   the three implementations from the same parameters and data agree (losses, probabilities)
//   ... -- patch   patch libLibTorchSharp.so in the output folder, load TorchSharp, print its version
//                  (NETGEN_PEERS_NO_PATCH=1 skips every patch, to see the original failure)
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// Before anything touches TorchSharp: see LibTorchSharpPatch.
LibTorchSharpPatch.EnsureLoadable(Console.WriteLine);

if (args.Length > 0 && args[0] == "patch")
{
    foreach (string file in Environment.GetEnvironmentVariable("NETGEN_PEERS_NO_PATCH") == "1" ? Array.Empty<string>() : LibTorchSharpPatch.FindCopies())
    {
        Console.WriteLine($"{file}: {LibTorchSharpPatch.PatchFile(file, LibTorchSharpPatch.MissingVersion)}");
    }

    TorchMlp.Initialise();
    Console.WriteLine($"TorchSharp loaded: libtorch {TorchSharp.torch.__version__}, {TorchSharp.torch.get_num_threads()} thread(s)");
    return 0;
}

if (args.Length > 0 && args[0] == "fma")
{
    // A quick look without BenchmarkDotNet: 5 rounds of about a second each, best and median.
    var fma = new FmaPeak();
    foreach ((string name, Func<double> run) in new (string, Func<double>)[] { ("Vector512", () => { fma.Vector512Fma(); return 32; }), ("Vector256", () => { fma.Vector256Fma(); return 16; }) })
    {
        var rates = new List<double>();
        for (int round = 0; round < 6; round++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            double flops = 0;
            while (watch.ElapsedMilliseconds < 1000)
            {
                flops += run() * FmaPeak.FmasPerCall;
            }

            if (round > 0)
            {
                rates.Add(flops / watch.Elapsed.TotalSeconds / 1e9); // round 0 warms up (tiering)
            }
        }

        rates.Sort();
        Console.WriteLine($"{name} FMA: {rates[rates.Count / 2]:F1} GFLOP/s median, {rates[^1]:F1} best of {rates.Count} one-second rounds");
    }

    return 0;
}

if (args.Length > 2 && args[0] == "drift")
{
    // 20 blocks of 200 steps on the same batch: the time per step should stay flat (no denormals,
    // no warm-up left); also a cross-check of BenchmarkDotNet's numbers outside its harness.
    Shape shape = Shape.Get(args[1]);
    var data = new BenchData(shape);
    ITrainableNetwork net = shape.CreateNetGen(Enum.Parse<Optimizer>(args[2]));
    var naive = new NaiveMlp(shape, Enum.Parse<Optimizer>(args[2]), net.Parameters.ToArray());
    for (int block = 0; block < 20; block++)
    {
        var w = System.Diagnostics.Stopwatch.StartNew();
        float loss = 0;
        for (int i = 0; i < 200; i++) loss = net.TrainBatch(data.Inputs, data.OneHot, shape.Batch);
        double t1 = w.Elapsed.TotalMicroseconds / 200;
        w.Restart();
        float loss2 = 0;
        for (int i = 0; i < 200; i++) loss2 = naive.TrainBatch(data.Inputs, data.OneHot, shape.Batch);
        Console.WriteLine($"steps {(block + 1) * 200}: NetGen {t1:F0} µs loss {loss:E2}; naive {w.Elapsed.TotalMicroseconds / 200:F0} µs loss {loss2:E2}");
    }
    return 0;
}

if (args.Length > 0 && args[0] == "kernels")
{
    KernelTimes.Run();
    return 0;
}

if (args.Length > 0 && args[0] == "threads")
{
    // One SGD step with Threads = 1 and Threads = 2 (same network, same batch), Stopwatch medians of
    // 9 rounds of ~200 ms, alternating so that both see the same machine load.
    {
        // The pool's own cost: Run with two empty parts.
        Action<int> nothing = _ => { };
        for (int i = 0; i < 1000; i++) NetGen.CompilerServices.WorkerPool.Run(nothing, 2);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 20000; i++) NetGen.CompilerServices.WorkerPool.Run(nothing, 2);
        Console.WriteLine($"WorkerPool.Run with 2 empty parts: {watch.Elapsed.TotalMicroseconds / 20000:F1} µs per call");
    }

    foreach ((string name, Func<ITrainableNetwork> one, Func<ITrainableNetwork> two) in new (string, Func<ITrainableNetwork>, Func<ITrainableNetwork>)[]
    {
        ("784-128-10", () => new Sgd784x128x10(), () => new Sgd784x128x10Threads2()),
        ("784-512-512-10", () => new Sgd784x512x512x10(), () => new Sgd784x512x512x10Threads2()),
    })
    {
        Shape shape = Shape.Get(name);
        var data = new BenchData(shape);
        ITrainableNetwork serial = one(), parallel = two();
        var t1 = new List<double>();
        var t2 = new List<double>();
        for (int round = 0; round < 10; round++)
        {
            foreach ((ITrainableNetwork net, List<double> times) in new[] { (serial, t1), (parallel, t2) })
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                int steps = 0;
                while (watch.ElapsedMilliseconds < 200)
                {
                    net.TrainBatch(data.Inputs, data.OneHot, shape.Batch);
                    steps++;
                }

                if (round > 0) times.Add(watch.Elapsed.TotalMicroseconds / steps);
            }
        }

        // The serial network on half the batch: what each of two threads has to do.
        var half = new List<double>();
        for (int round = 0; round < 10; round++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            int steps = 0;
            while (watch.ElapsedMilliseconds < 200)
            {
                serial.ComputeLossAndGradients(data.Inputs.AsSpan(0, shape.Batch / 2 * shape.Inputs), data.OneHot.AsSpan(0, shape.Batch / 2 * shape.Outputs), shape.Batch / 2);
                steps++;
            }

            if (round > 0) half.Add(watch.Elapsed.TotalMicroseconds / steps);
        }

        foreach (int rows in new[] { 2, 8, 16, 32 })
        {
            if (rows > shape.Batch) continue;
            var watch2 = System.Diagnostics.Stopwatch.StartNew();
            int n2 = 0;
            while (watch2.ElapsedMilliseconds < 300) { parallel.ComputeLossAndGradients(data.Inputs.AsSpan(0, rows * shape.Inputs), data.OneHot.AsSpan(0, rows * shape.Outputs), rows); n2++; }
            double tp = watch2.Elapsed.TotalMicroseconds / n2;
            watch2.Restart(); n2 = 0;
            while (watch2.ElapsedMilliseconds < 300) { serial.ComputeLossAndGradients(data.Inputs.AsSpan(0, rows * shape.Inputs), data.OneHot.AsSpan(0, rows * shape.Outputs), rows); n2++; }
            Console.WriteLine($"  rows {rows}: Threads = 2 {tp:F1} µs, Threads = 1 {watch2.Elapsed.TotalMicroseconds / n2:F1} µs");
        }

        half.Sort();
        Console.WriteLine($"{name,-16} loss and gradients of half the batch, one thread: {half[4]:F1} µs");
        t1.Sort();
        t2.Sort();
        Console.WriteLine($"{name,-16} SGD step: Threads = 1 {t1[4],9:F1} µs, Threads = 2 {t2[4],9:F1} µs, speed-up {t1[4] / t2[4]:F2}×");
    }

    return 0;
}

if (args.Length > 0 && args[0] == "lanes")
{
    // 4-16-3 (batch 16) trained in lanes (CodeGen.Auto) against the per-sample unrolled code it used
    // before (CodeGen.Unrolled), alternating rounds of ~100 ms in one process so that both see the same
    // load; each round starts from fresh parameters (2,000 steps: no drift into saturated tanh).
    var shape = Shape.Get("4-16-3");
    var data = new BenchData(shape);
    var candidates = new (string Name, Func<ITrainableNetwork> Create)[]
    {
        ("SGD lanes", () => new Sgd4x16x3()), ("SGD unrolled", () => new Sgd4x16x3Unrolled()),
        ("Adam lanes", () => new Adam4x16x3()), ("Adam unrolled", () => new Adam4x16x3Unrolled()),
    };
    if (args.Length > 1)
    {
        // "lanes N": only candidate N, ComputeLossAndGradients 1,000,000 times (for perf stat).
        ITrainableNetwork only = candidates[int.Parse(args[1], CultureInfo.InvariantCulture)].Create();
        for (int i = 0; i < 1_000_000; i++) only.ComputeLossAndGradients(data.Inputs, data.OneHot, shape.Batch);
        return 0;
    }

    var train = candidates.Select(_ => new List<double>()).ToArray();
    var gradients = candidates.Select(_ => new List<double>()).ToArray();
    for (int round = 0; round < 25; round++)
    {
        for (int c = 0; c < candidates.Length; c++)
        {
            ITrainableNetwork net = candidates[c].Create();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            for (int i = 0; i < 2000; i++) net.TrainBatch(data.Inputs, data.OneHot, shape.Batch);
            double t = watch.Elapsed.TotalMicroseconds / 2000;
            watch.Restart();
            for (int i = 0; i < 2000; i++) net.ComputeLossAndGradients(data.Inputs, data.OneHot, shape.Batch);
            double g = watch.Elapsed.TotalMicroseconds / 2000;
            if (round > 0)
            {
                train[c].Add(t);
                gradients[c].Add(g);
            }
        }
    }

    // Predict: the lanes network's one-sample code (vectors of 4 units) against the unrolled one.
    float[] predicted = new float[shape.Outputs];
    var predictions = new[] { new List<double>(), new List<double>() };
    for (int round = 0; round < 25; round++)
    {
        for (int c = 0; c < 2; c++)
        {
            ITrainableNetwork net = candidates[c].Create();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            for (int i = 0; i < 100_000; i++) net.Predict(data.Sample, predicted);
            if (round > 0) predictions[c].Add(watch.Elapsed.TotalNanoseconds / 100_000);
        }
    }

    for (int c = 0; c < 2; c++)
    {
        predictions[c].Sort();
        Console.WriteLine($"4-16-3 Predict {(c == 0 ? "lanes" : "unrolled"),-8} {predictions[c][predictions[c].Count / 2],7:F1} ns (best {predictions[c][0]:F1})");
    }

    for (int c = 0; c < candidates.Length; c++)
    {
        train[c].Sort();
        gradients[c].Sort();
        Console.WriteLine($"4-16-3 {candidates[c].Name,-14} TrainBatch {train[c][train[c].Count / 2],7:F3} µs (best {train[c][0]:F3})  ComputeLossAndGradients {gradients[c][gradients[c].Count / 2],7:F3} µs (best {gradients[c][0]:F3})");
    }

    return 0;
}

if (args.Length > 0 && args[0] == "quick")
{
    // A fast look while working on kernels (not a substitute for the BenchmarkDotNet run): median of
    // 9 rounds of about 100 ms each, after one warm-up round, per shape and optimizer.
    static double Median(Func<int> run)
    {
        var rounds = new List<double>();
        for (int round = 0; round < 10; round++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            long ops = 0;
            while (watch.ElapsedMilliseconds < 100)
            {
                ops += run();
            }

            if (round > 0)
            {
                rounds.Add(watch.Elapsed.TotalMicroseconds / ops);
            }
        }

        rounds.Sort();
        return rounds[rounds.Count / 2];
    }

    foreach (Shape shape in Shape.Names.Select(Shape.Get))
    {
        var data = new BenchData(shape);
        float[] output = new float[shape.Outputs];
        foreach (Optimizer optimizer in new[] { Optimizer.Sgd, Optimizer.Adam })
        {
            ITrainableNetwork net = shape.CreateNetGen(optimizer);
            double train = Median(() => { for (int i = 0; i < 10; i++) net.TrainBatch(data.Inputs, data.OneHot, shape.Batch); return 10; });
            double gradients = Median(() => { for (int i = 0; i < 10; i++) net.ComputeLossAndGradients(data.Inputs, data.OneHot, shape.Batch); return 10; });
            double apply = Median(() => { for (int i = 0; i < 10; i++) net.ApplyGradients(); return 10; });
            Console.WriteLine($"{shape.Name,-16} {optimizer,-5} train {train,10:F2} µs  {shape.TrainingFlops / train / 1e3,6:F1} GFLOP/s  (loss and gradients {gradients:F2} µs, optimizer step {apply:F2} µs)");
        }

        ITrainableNetwork inference = shape.CreateNetGen(Optimizer.Sgd);
        double predict = Median(() => { for (int i = 0; i < 10; i++) inference.Predict(data.Sample, output); return 10; });
        Console.WriteLine($"{shape.Name,-16} predict     {predict * 1000,10:F0} ns  {shape.InferenceFlops / predict / 1e3,6:F1} GFLOP/s");
    }

    return 0;
}

if (args.Length > 0 && args[0] == "side")
{
    SideBySide.Run(args.Length > 1 ? args[1].Split(',', StringSplitOptions.RemoveEmptyEntries) : Shape.Names);
    return 0;
}

if (args.Length > 0 && args[0] == "check")
{
    return CrossCheck.Run() ? 0 : 1;
}

int launches = 3, warmup = 3, iterations = 10;
double? peak = null;
var rest = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--launches": launches = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--warmup": warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--iterations": iterations = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--peak": peak = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--networks": Environment.SetEnvironmentVariable("NETGEN_PEERS_NETWORKS", args[++i]); break;
        default: rest.Add(args[i]); break;
    }
}

// BenchmarkDotNet's own launchCount: each benchmark runs in `launches` separate processes (each does
// its own JIT, allocation and libtorch warm-up); the summary below takes the median of the per-process
// means, which is what the issue quotes (libtorch's Adam moves by up to 2× between processes).
IConfig config = DefaultConfig.Instance
    .AddJob(Job.Default.WithLaunchCount(launches).WithWarmupCount(warmup).WithIterationCount(iterations).WithId($"{launches}x{iterations}"));
Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(Training).Assembly).Run(rest.ToArray(), config).ToArray();
if (summaries.Length > 0)
{
    string text = PeerSummary.Write(summaries, peak);
    Console.WriteLine();
    Console.WriteLine(text);
    string folder = summaries[0].ResultsDirectoryPath;
    Directory.CreateDirectory(folder);
    string path = Path.Combine(folder, $"peers-summary-{DateTime.Now:yyyyMMdd-HHmmss}.md");
    File.WriteAllText(path, text);
    Console.WriteLine($"Summary written to {path}");
}

return 0;

/// <summary>The tables of docs/benchmarks-peers.md, computed from BenchmarkDotNet's measurements.</summary>
internal static class PeerSummary
{
    private sealed record Row(string Type, string Method, string Network, string Optimizer, double[] LaunchMeansNs, long? AllocatedBytes)
    {
        public double MedianNs => Median(LaunchMeansNs);
    }

    public static string Write(IEnumerable<Summary> summaries, double? peakOption)
    {
        var rows = new List<Row>();
        foreach (BenchmarkReport report in summaries.SelectMany(s => s.Reports))
        {
            double[] launchMeans = report.AllMeasurements
                .Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Result)
                .GroupBy(m => m.LaunchIndex)
                .OrderBy(g => g.Key)
                .Select(g => g.Average(m => m.Nanoseconds / m.Operations))
                .ToArray();
            if (launchMeans.Length == 0)
            {
                continue; // the benchmark failed
            }

            var parameters = report.BenchmarkCase.Parameters;
            rows.Add(new Row(
                report.BenchmarkCase.Descriptor.Type.Name,
                report.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                parameters.Items.Any(p => p.Name == "Network") ? (string)parameters["Network"] : "",
                parameters.Items.Any(p => p.Name == "Optimizer") ? parameters["Optimizer"].ToString()! : "",
                launchMeans,
                report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase)));
        }

        var text = new StringBuilder();
        Row? fma = rows.FirstOrDefault(r => r.Method == nameof(FmaPeak.Vector512Fma));
        double? peak = fma is null ? peakOption : 32.0 / fma.MedianNs;
        if (fma is not null)
        {
            Row? fma256 = rows.FirstOrDefault(r => r.Method == nameof(FmaPeak.Vector256Fma));
            text.AppendLine($"FMA peak (Vector512, 12 chains): {peak:F1} GFLOP/s = 32 FLOP / {fma.MedianNs:F4} ns per FMA instruction (process means {Spread(fma.LaunchMeansNs, 4)} ns)"
                + (fma256 is null ? "" : $"; Vector256: {16.0 / fma256.MedianNs:F1} GFLOP/s"));
            text.AppendLine();
        }
        else if (peak is not null)
        {
            text.AppendLine($"FMA peak (from --peak): {peak:F1} GFLOP/s");
            text.AppendLine();
        }

        WriteComparison(text, rows, "Training", "Train", "training step", s => s.TrainingFlops, peak);
        WriteComparison(text, rows, "Inference", "Predict", "single-sample inference", s => s.InferenceFlops, peak);

        text.AppendLine("Every case: median of the per-process means, the spread of those means, allocated bytes per operation.");
        text.AppendLine();
        text.AppendLine("| class | method | network | optimizer | median | process means | allocated |");
        text.AppendLine("| --- | --- | --- | --- | ---: | --- | ---: |");
        foreach (Row r in rows)
        {
            text.AppendLine($"| {r.Type} | {r.Method} | {Dash(r.Network)} | {Dash(r.Optimizer)} | {Time(r.MedianNs)} | {(r.MedianNs < 10 ? Spread(r.LaunchMeansNs, 4) + " ns" : Spread(r.LaunchMeansNs.Select(n => n / 1000).ToArray(), 2) + " µs")} | {Bytes(r.AllocatedBytes)} |");
        }

        return text.ToString();
    }

    private static void WriteComparison(StringBuilder text, List<Row> rows, string type, string suffix, string what, Func<Shape, double> flops, double? peak)
    {
        var cases = rows.Where(r => r.Type == type).GroupBy(r => (r.Network, r.Optimizer)).ToList();
        if (cases.Count == 0)
        {
            return;
        }

        text.AppendLine($"{char.ToUpperInvariant(what[0])}{what[1..]}: median of the per-process means; ratio = peer time / NetGen time; GFLOP/s from {(type == "Training" ? "6·params·batch" : "2·params")}{(peak is null ? "" : $", % of the {peak:F0} GFLOP/s FMA peak")}.");
        text.AppendLine();
        bool training = type == "Training";
        text.AppendLine($"| network |{(training ? " optimizer |" : "")} NetGen | TorchSharp | naive C# | TorchSharp / NetGen | naive / NetGen | allocated NetGen / TorchSharp / naive | GFLOP/s NetGen / TorchSharp / naive |");
        text.AppendLine($"| --- |{(training ? " --- |" : "")} ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in cases.OrderBy(g => Shape.All.ToList().FindIndex(s => s.Name == g.Key.Network)).ThenByDescending(g => g.Key.Optimizer))
        {
            Shape shape = Shape.Get(group.Key.Network);
            Row? Find(string name) => group.FirstOrDefault(r => r.Method == name + suffix);
            Row? netGen = Find("NetGen"), torch = Find("TorchSharp"), naive = Find("Naive");
            string Ratio(Row? r) => r is null || netGen is null ? "–" : $"{r.MedianNs / netGen.MedianNs:0.##}×";
            string Rate(Row? r)
            {
                if (r is null)
                {
                    return "–";
                }

                double gflops = flops(shape) / r.MedianNs;
                return peak is null ? $"{gflops:0.##}" : $"{gflops:0.##} ({100 * gflops / peak.Value:0.#} %)";
            }

            text.AppendLine($"| {shape.Name} |{(training ? $" {group.Key.Optimizer} |" : "")} {Time(netGen?.MedianNs)} | {Time(torch?.MedianNs)} | {Time(naive?.MedianNs)} | {Ratio(torch)} | {Ratio(naive)} | "
                + $"{Bytes(netGen?.AllocatedBytes)} / {Bytes(torch?.AllocatedBytes)} / {Bytes(naive?.AllocatedBytes)} | {Rate(netGen)} / {Rate(torch)} / {Rate(naive)} |");
        }

        text.AppendLine();
    }

    private static string Dash(string value) => value.Length == 0 ? "–" : value;

    private static double Median(double[] values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static string Spread(double[] values, int decimals) =>
        string.Join(", ", values.Select(v => v.ToString("F" + decimals, CultureInfo.InvariantCulture)));

    private static string Time(double? ns) => ns switch
    {
        null => "–",
        < 10 => $"{ns:0.0000} ns",
        < 1_000 => $"{ns:0.#} ns",
        < 100_000 => $"{ns / 1000:0.##} µs",
        _ => $"{ns / 1000:#,0} µs",
    };

    private static string Bytes(long? bytes) => bytes is null ? "–" : $"{bytes:#,0} B";
}

/// <summary>
/// The three implementations do the same work: from NetGen's initial parameters and the same batch,
/// five training steps give the same losses, and the same sample the same probabilities.
/// </summary>
internal static class CrossCheck
{
    public static bool Run()
    {
        bool ok = true;
        foreach (Shape shape in Shape.All)
        {
            var data = new BenchData(shape);
            foreach (Optimizer optimizer in new[] { Optimizer.Sgd, Optimizer.Adam })
            {
                ITrainableNetwork netGen = shape.CreateNetGen(optimizer);
                float[] initial = netGen.Parameters.ToArray();
                var naive = new NaiveMlp(shape, optimizer, initial);
                using var torch = new TorchMlp(shape, optimizer, data, initial);
                if (optimizer == Optimizer.Sgd)
                {
                    float[] p1 = new float[shape.Outputs], p2 = new float[shape.Outputs];
                    netGen.Predict(data.Sample, p1);
                    naive.Predict(data.Sample, p2);
                    float[] p3 = torch.PredictToArray();
                    float diff = p1.Select((p, i) => Math.Max(Math.Abs(p - p2[i]), Math.Abs(p - p3[i]))).Max();
                    Console.WriteLine($"{shape.Name} Predict: max |Δp| = {diff:E2}");
                    ok &= diff < 1e-4f;
                }

                var line = new StringBuilder($"{shape.Name} {optimizer} loss per step (NetGen / TorchSharp / naive):");
                float worst = 0;
                for (int step = 0; step < 5; step++)
                {
                    float a = netGen.TrainBatch(data.Inputs, data.OneHot, shape.Batch);
                    float b = torch.TrainStepWithLoss();
                    float c = naive.TrainBatch(data.Inputs, data.OneHot, shape.Batch);
                    line.Append($" {a:F5}/{b:F5}/{c:F5}");
                    worst = Math.Max(worst, Math.Max(Math.Abs(a - b), Math.Abs(a - c)) / Math.Max(1f, Math.Abs(a)));
                }

                Console.WriteLine(line.ToString());
                Console.WriteLine($"  max relative difference {worst:E2}");
                ok &= worst < 1e-3f;
            }
        }

        Console.WriteLine(ok ? "check: the three implementations agree" : "check: MISMATCH");
        return ok;
    }
}
