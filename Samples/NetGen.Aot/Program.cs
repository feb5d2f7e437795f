using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using NetGen;
using NetGen.Aot;
using NetGen.Data;

// netgen-digits: classifies handwritten digits (28×28 grey levels 0–255) with the MNIST network
// trained by the samples, whose weights are compiled into this program (see Digits.cs), or with
// --model keras, a Keras network that another tool exported to ONNX, compiled in by [OnnxModel]
// (see KerasDigits.cs). Either way nothing is loaded or parsed at run time.
//
//   netgen-digits                         reads digits from stdin, one per line: 784 values 0–255
//                                         (separated by commas, spaces or tabs); prints "digit confidence"
//   netgen-digits --idx IMAGES [--labels LABELS] [--first N] [--count N] [--probabilities]
//                                         classifies images of an IDX file (.gz or plain): "index digit confidence"
//                                         (with --probabilities: all ten, 9 digits); with labels, the accuracy
//   netgen-digits --time                  time from process start to the first prediction, and per prediction
//   --model netgen|keras                  which compiled-in network (default netgen)
//   -h                                    usage, the networks, and the vectors this build's kernels use
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
long startTicks = Stopwatch.GetTimestamp();

try
{
    return Run(args, startTicks);
}
catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or ArgumentException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"netgen-digits: {ex.Message}");
    return 2;
}

static int Run(string[] args, long startTicks)
{
    string? images = null, labels = null;
    int first = 0, count = int.MaxValue;
    bool probabilities = false, time = false;
    string model = "netgen";
    for (int i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--idx": images = Value(args, ref i); break;
            case "--labels": labels = Value(args, ref i); break;
            case "--first": first = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture); break;
            case "--count": count = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture); break;
            case "--probabilities": probabilities = true; break;
            case "--time": time = true; break;
            case "--model": model = Value(args, ref i); break;
            case "-h" or "--help":
                Console.WriteLine("netgen-digits: MNIST digits with a NetGen network compiled into the program.");
                Console.WriteLine("  netgen-digits < digits.txt     one digit per line: 784 grey levels 0-255");
                Console.WriteLine("  netgen-digits --idx IMAGES [--labels LABELS] [--first N] [--count N] [--probabilities]");
                Console.WriteLine("  netgen-digits --time           start-up to first prediction, and time per prediction");
                Console.WriteLine("  --model netgen|keras           the network: NetGen's own (default), or a Keras model compiled from ONNX");
                Console.WriteLine($"simd: {Simd()}");
                Console.WriteLine($"netgen: {Digits.Architecture}, {Digits.ParameterCount:N0} parameters (fingerprint {Digits.ArchitectureFingerprint:X16}).");
                Console.WriteLine($"keras:  {KerasDigits.Architecture}, {KerasDigits.ParameterCount:N0} parameters, from robust_model_sigmoid_linear.onnx (keras2onnx).");
                return 0;
            default: throw new ArgumentException($"unknown argument '{args[i]}' (see --help)");
        }
    }

    bool logits = model switch
    {
        "netgen" => false,
        "keras" => true, // the Keras model ends in a linear layer: softmax its logits to print probabilities
        _ => throw new ArgumentException($"unknown model '{model}': netgen or keras"),
    };
    if (time)
    {
        return Time(startTicks, logits);
    }

    INeuralNetwork net = Create(logits);
    Span<float> input = stackalloc float[Digits.InputSize];
    Span<float> output = stackalloc float[Digits.OutputSize];
    if (images is null)
    {
        // stdin: one digit per line.
        int line = 0;
        for (string? text; (text = Console.In.ReadLine()) is not null;)
        {
            line++;
            if (text.Trim().Length == 0)
            {
                continue;
            }

            ParseLine(text, line, input);
            Predict(net, input, output, logits);
            Print(-1, output, probabilities);
        }

        return 0;
    }

    IdxImages data = IdxReader.ReadImages(images);
    if (data.PixelsPerImage != Digits.InputSize)
    {
        throw new InvalidDataException($"{images}: images of {data.Rows}×{data.Columns} pixels; this network reads 28×28.");
    }

    byte[]? truth = labels is null ? null : IdxReader.ReadLabels(labels);
    int end = (int)Math.Min(data.Count, (long)first + count);
    int correct = 0;
    for (int index = first; index < end; index++)
    {
        Scale(data.ImageOf(index), input);
        Predict(net, input, output, logits);
        int digit = Print(index, output, probabilities);
        if (truth is not null && truth[index] == digit)
        {
            correct++;
        }
    }

    if (truth is not null && end > first)
    {
        Console.WriteLine($"accuracy {correct}/{end - first} = {(double)correct / (end - first):P2}");
    }

    return 0;
}

// What the kernels run on in this build: under NativeAOT, what the instruction set it was published
// for allows (IlcInstructionSet: docs/deployment.md); under the JIT, what this CPU has.
static string Simd() =>
    (Vector512.IsHardwareAccelerated ? "512-bit vectors" : Vector256.IsHardwareAccelerated ? "256-bit vectors" : Vector128.IsHardwareAccelerated ? "128-bit vectors" : "no vectors")
    + (Fma.IsSupported || AdvSimd.IsSupported ? ", FMA" : ", no FMA")
    + (System.Runtime.JitInfo.GetCompiledMethodCount() > 0 ? " (JIT)" : " (NativeAOT)"); // NativeAOT compiles nothing at run time

static INeuralNetwork Create(bool keras) => keras ? new KerasDigits() : new Digits();

static void Predict(INeuralNetwork net, ReadOnlySpan<float> input, Span<float> output, bool logits)
{
    net.Predict(input, output);
    if (logits)
    {
        // softmax, shifted by the largest logit
        float max = output[0];
        for (int k = 1; k < output.Length; k++) max = MathF.Max(max, output[k]);
        float sum = 0f;
        for (int k = 0; k < output.Length; k++) sum += output[k] = MathF.Exp(output[k] - max);
        for (int k = 0; k < output.Length; k++) output[k] /= sum;
    }
}

static string Value(string[] args, ref int i) =>
    i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value (see --help)");

static void Scale(ReadOnlySpan<byte> pixels, Span<float> input)
{
    // As the samples' training data (IdxReader.LoadMnist): grey level / 255.
    for (int p = 0; p < pixels.Length; p++)
    {
        input[p] = pixels[p] / 255f;
    }
}

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

static int Print(int index, ReadOnlySpan<float> output, bool all)
{
    int digit = 0;
    for (int k = 1; k < output.Length; k++)
    {
        if (output[k] > output[digit])
        {
            digit = k;
        }
    }

    string prefix = index >= 0 ? $"{index} " : "";
    if (all)
    {
        var values = new string[output.Length];
        for (int k = 0; k < output.Length; k++)
        {
            values[k] = output[k].ToString("F9", CultureInfo.InvariantCulture);
        }

        Console.WriteLine($"{prefix}{digit} {string.Join(' ', values)}");
    }
    else
    {
        Console.WriteLine($"{prefix}{digit} {output[digit]:F4}");
    }

    return digit;
}

static int Time(long startTicks, bool keras)
{
    // Main → first prediction: constructing the network (copying the embedded parameters into its
    // buffer) and one Predict. (The time before Main, the runtime's start-up, is measured from
    // outside: docs/deployment.md.)
    long before = Stopwatch.GetTimestamp();
    INeuralNetwork net = Create(keras);
    Span<float> input = stackalloc float[Digits.InputSize];
    Span<float> output = stackalloc float[Digits.OutputSize];
    input.Fill(0.5f);
    Predict(net, input, output, keras);
    double constructAndPredictUs = Stopwatch.GetElapsedTime(before).TotalMicroseconds;
    Console.WriteLine($"Main to first prediction: {Stopwatch.GetElapsedTime(startTicks).TotalMilliseconds:F2} ms (construct + first Predict {constructAndPredictUs:F1} µs)");

    // Steady state: median of 9 rounds of 20,000 predictions (after one warm-up round), and the CPU
    // time the process spent over those 9 rounds per prediction (steadier than the clock on a machine
    // shared with other work).
    var rounds = new List<double>();
    TimeSpan cpuStart = TimeSpan.Zero;
    for (int round = 0; round < 10; round++)
    {
        if (round == 1)
        {
            cpuStart = Environment.CpuUsage.TotalTime;
        }

        long t0 = Stopwatch.GetTimestamp();
        for (int i = 0; i < 20_000; i++)
        {
            input[i % Digits.InputSize] = (i & 255) / 255f;
            Predict(net, input, output, keras);
        }

        if (round > 0)
        {
            rounds.Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds / 20_000);
        }
    }

    double cpuNs = (Environment.CpuUsage.TotalTime - cpuStart).TotalNanoseconds / (9 * 20_000);
    rounds.Sort();
    Console.WriteLine($"prediction: {rounds[rounds.Count / 2] * 1000:F0} ns (median of 9 rounds of 20,000), CPU time {cpuNs:F0} ns per prediction");
    return 0;
}
