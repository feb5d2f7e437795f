using System;
using System.Globalization;
using System.IO;

namespace NetGen.Samples;

/// <summary>The command line of the samples: a sample name and options.</summary>
public sealed class SampleOptions
{
    /// <summary>The samples, in the order --help lists them; the first is the default.</summary>
    public static readonly (string Name, string Description)[] Samples =
    {
        ("iris", "classify Fisher's iris flowers: 4-16-3 tanh/softmax, cross-entropy, minibatch SGD"),
        ("mnist", "read handwritten digits: 784-128-10 ReLU/softmax, cross-entropy, Adam; 8,000 train, 2,000 test"),
        ("xor", "learn XOR: 2-4-1 tanh/sigmoid, mean squared error, full-batch gradient descent"),
        ("sin", "regress sin x on [-pi, pi]: 1-16-1 tanh/identity, mean squared error, minibatch SGD"),
        ("imbalanced", "class weights on imbalanced data (5% rare): 2-8-1 tanh/sigmoid, binary cross-entropy, Adam, without and with balanced weights"),
        ("lecture", "the lecture's computational graph y = sin(ln((3x + 7)^3)), differentiated at compile time: the table at x = 3"),
        ("custom-activation", "iris with an activation written in C# (Swish with a constant beta), differentiated at compile time: 4-16-3, Adam"),
        ("quantile", "an 80 % prediction interval from two networks trained with a pinball loss written in C#: 1-32-1, Adam"),
    };

    /// <summary>The sample to run.</summary>
    public string Sample { get; private set; } = Samples[0].Name;

    /// <summary>--epochs: overrides the sample's number of epochs.</summary>
    public int? Epochs { get; private set; }

    /// <summary>--seed: overrides the sample's shuffle/split seed.</summary>
    public long? Seed { get; private set; }

    /// <summary>--svg: where to write the training curve.</summary>
    public string? Svg { get; private set; }

    /// <summary>--onnx: where to export the trained network as an ONNX model.</summary>
    public string? Onnx { get; private set; }

    /// <summary>--save: where to save the trained model file.</summary>
    public string? Save { get; private set; }

    /// <summary>--help was given.</summary>
    public bool Help { get; private set; }

    /// <summary>Parses the arguments; on a mistake returns null and a message.</summary>
    public static SampleOptions? Parse(string[] args, out string? error)
    {
        var options = new SampleOptions();
        error = null;
        bool sampleGiven = false;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "-h" or "--help" or "help":
                    options.Help = true;
                    break;
                case "--epochs":
                    if (!TryValue(args, ref i, out string? epochs) || !int.TryParse(epochs, NumberStyles.None, CultureInfo.InvariantCulture, out int e) || e < 1)
                    {
                        error = "--epochs needs a whole number of at least 1.";
                        return null;
                    }

                    options.Epochs = e;
                    break;
                case "--seed":
                    if (!TryValue(args, ref i, out string? seed) || !long.TryParse(seed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long s))
                    {
                        error = "--seed needs a whole number.";
                        return null;
                    }

                    options.Seed = s;
                    break;
                case "--svg":
                    if (!TryValue(args, ref i, out string? svg))
                    {
                        error = "--svg needs a file path, e.g. --svg iris.svg.";
                        return null;
                    }

                    options.Svg = svg;
                    break;
                case "--onnx":
                    if (!TryValue(args, ref i, out string? onnx))
                    {
                        error = "--onnx needs a file path, e.g. --onnx mnist.onnx.";
                        return null;
                    }

                    options.Onnx = onnx;
                    break;
                case "--save":
                    if (!TryValue(args, ref i, out string? save))
                    {
                        error = "--save needs a file path, e.g. --save iris.ngm.";
                        return null;
                    }

                    options.Save = save;
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        error = $"Unknown option '{arg}'.";
                        return null;
                    }

                    if (sampleGiven || Array.FindIndex(Samples, x => x.Name == arg.ToLowerInvariant()) < 0)
                    {
                        error = sampleGiven ? $"Only one sample at a time ('{options.Sample}' and '{arg}')." : $"Unknown sample '{arg}'.";
                        return null;
                    }

                    options.Sample = arg.ToLowerInvariant();
                    sampleGiven = true;
                    break;
            }
        }

        return options;
    }

    /// <summary>Writes the usage text.</summary>
    public static void WriteHelp(TextWriter output)
    {
        output.WriteLine("NetGen samples: networks declared with attributes, compiled at build time, trained here.");
        output.WriteLine();
        output.WriteLine("Usage: dotnet run --project Samples/NetGen.Samples -c Release -- [sample] [options]");
        output.WriteLine();
        output.WriteLine("Samples:");
        foreach ((string name, string description) in Samples)
        {
            output.WriteLine($"  {name,-6} {description}{(name == Samples[0].Name ? " (default)" : string.Empty)}");
        }

        output.WriteLine();
        output.WriteLine("Options:");
        output.WriteLine("  --epochs N    train for N epochs instead of the sample's default");
        output.WriteLine("  --seed N      the seed of the data split and shuffles (default: the sample's)");
        output.WriteLine("  --svg FILE    write the training curve (loss and accuracy per epoch) as an SVG chart");
        output.WriteLine("  --save FILE   save the trained network as a model file (docs/model-format.md)");
        output.WriteLine("  --onnx FILE   export the trained network as an ONNX model (docs/onnx.md)");
        output.WriteLine("  -h, --help    show this help");
    }

    private static bool TryValue(string[] args, ref int i, out string? value)
    {
        value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
        return value is not null;
    }
}
