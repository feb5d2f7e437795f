using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Microsoft.ML.OnnxRuntime;

// ort-digits: netgen-digits' job (Samples/NetGen.Aot/Program.cs) with ONNX Runtime, for the start-up
// benchmark (benchmarks/startup.sh). The model is mnist.onnx next to the executable: netgen-digits'
// embedded network exported to ONNX. One intra-op thread, sequential, all graph optimisations.
//
//   ort-digits            reads digits from stdin, one per line: 784 values 0-255 (separated by
//                         commas, spaces, tabs or semicolons); prints "digit confidence" as netgen-digits
//   ort-digits --time     Main to the first prediction (session creation, first Run), and per prediction
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
long startTicks = Stopwatch.GetTimestamp();

const int InputSize = 784, OutputSize = 10;
bool time = args.Length == 1 && args[0] == "--time";
if (args.Length > 0 && !time)
{
    Console.Error.WriteLine("usage: ort-digits < digits.txt | ort-digits --time");
    return 2;
}

try
{
    var input = new float[InputSize];
    var output = new float[OutputSize];
    long beforeEnvironment = Stopwatch.GetTimestamp();
    // Loads libonnxruntime.so, binds its API and creates the ORT environment (otherwise the first
    // SessionOptions does it).
    OrtEnv.Instance();
    double environmentMs = Stopwatch.GetElapsedTime(beforeEnvironment).TotalMilliseconds;
    long beforeOptions = Stopwatch.GetTimestamp();
    using var options = new SessionOptions
    {
        IntraOpNumThreads = 1,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
    };
    double optionsMs = Stopwatch.GetElapsedTime(beforeOptions).TotalMilliseconds;
    long beforeSession = Stopwatch.GetTimestamp();
    using var session = new InferenceSession(Path.Combine(AppContext.BaseDirectory, "mnist.onnx"), options);
    double sessionMs = Stopwatch.GetElapsedTime(beforeSession).TotalMilliseconds;
    using var runOptions = new RunOptions();
    using var inputValue = OrtValue.CreateTensorValueFromMemory(input, new long[] { 1, InputSize });
    using var outputValue = OrtValue.CreateTensorValueFromMemory(output, new long[] { 1, OutputSize });
    string[] inputNames = { "input" }, outputNames = { "output" };
    OrtValue[] inputs = { inputValue }, outputs = { outputValue };

    if (time)
    {
        input.AsSpan().Fill(0.5f);
        long beforeRun = Stopwatch.GetTimestamp();
        session.Run(runOptions, inputNames, inputs, outputNames, outputs);
        double firstRunUs = Stopwatch.GetElapsedTime(beforeRun).TotalMicroseconds;
        Console.WriteLine($"Main to first prediction: {Stopwatch.GetElapsedTime(startTicks).TotalMilliseconds:F2} ms (library load + OrtEnv {environmentMs:F2} ms, SessionOptions {optionsMs:F2} ms, InferenceSession {sessionMs:F2} ms, first Run {firstRunUs:F1} µs)");

        // Steady state, as netgen-digits --time: median of 9 rounds of 20,000 predictions.
        var rounds = new List<double>();
        for (int round = 0; round < 10; round++)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < 20_000; i++)
            {
                input[i % InputSize] = (i & 255) / 255f;
                session.Run(runOptions, inputNames, inputs, outputNames, outputs);
            }

            if (round > 0)
            {
                rounds.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds / 20_000);
            }
        }

        rounds.Sort();
        Console.WriteLine($"prediction: {rounds[rounds.Count / 2] * 1000:F0} ns (median of 9 rounds of 20,000)");
        return 0;
    }

    int line = 0;
    for (string? text; (text = Console.In.ReadLine()) is not null;)
    {
        line++;
        if (text.Trim().Length == 0)
        {
            continue;
        }

        ParseLine(text, line, input);
        session.Run(runOptions, inputNames, inputs, outputNames, outputs);
        int digit = 0;
        for (int k = 1; k < OutputSize; k++)
        {
            if (output[k] > output[digit])
            {
                digit = k;
            }
        }

        Console.WriteLine($"{digit} {output[digit]:F4}");
    }

    return 0;
}
catch (Exception ex) when (ex is IOException or FormatException or OnnxRuntimeException)
{
    Console.Error.WriteLine($"ort-digits: {ex.Message}");
    return 2;
}

// As netgen-digits: grey level / 255.
static void ParseLine(string text, int line, Span<float> input)
{
    int n = 0;
    foreach (string part in text.Split(new[] { ',', ' ', '\t', ';' }, StringSplitOptions.RemoveEmptyEntries))
    {
        if (n == input.Length)
        {
            throw new FormatException($"stdin line {line}: more than {input.Length} values.");
        }

        if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value is < 0 or > 255)
        {
            throw new FormatException($"stdin line {line}, value {n + 1}: '{part}' is not a grey level 0-255.");
        }

        input[n++] = value / 255f;
    }

    if (n != input.Length)
    {
        throw new FormatException($"stdin line {line}: {n} values; a digit is {input.Length} (28×28).");
    }
}
