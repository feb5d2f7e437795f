using System;
using System.Globalization;
using System.IO;
using System.Text;
using NetGen;
using NetGen.Data;
using NetGen.Onnx;

// Usage: export MODEL.onnx [--digits IMAGES.idx[.gz] FIRST COUNT DIGITS.txt]
//   Writes netgen-digits' network (the same declaration, the same embedded mnist.ngmf) as ONNX; with
//   --digits, also writes COUNT images from FIRST as netgen-digits' stdin lines (784 grey levels 0-255).
if (args.Length is not (1 or 6) || (args.Length == 6 && args[1] != "--digits"))
{
    Console.Error.WriteLine("usage: export MODEL.onnx [--digits IMAGES FIRST COUNT DIGITS.txt]");
    return 2;
}

var network = new Digits();
string onnx = Path.GetFullPath(args[0]);
Directory.CreateDirectory(Path.GetDirectoryName(onnx)!);
OnnxExporter.Save(network, onnx);
Console.WriteLine($"{onnx}: {Digits.Architecture}, {Digits.ParameterCount} parameters, fingerprint {Digits.ArchitectureFingerprint:X16}");

if (args.Length == 6)
{
    IdxImages images = IdxReader.ReadImages(args[2]);
    int first = int.Parse(args[3], CultureInfo.InvariantCulture), count = int.Parse(args[4], CultureInfo.InvariantCulture);
    var text = new StringBuilder();
    for (int index = first; index < first + count; index++)
    {
        ReadOnlySpan<byte> pixels = images.ImageOf(index);
        for (int p = 0; p < pixels.Length; p++)
        {
            text.Append(p == 0 ? "" : ",").Append(pixels[p].ToString(CultureInfo.InvariantCulture));
        }

        text.Append('\n');
    }

    File.WriteAllText(args[5], text.ToString());
    Console.WriteLine($"{args[5]}: images {first}..{first + count - 1} of {args[2]}");
}

return 0;

/// <summary>netgen-digits' network (Samples/NetGen.Aot/Digits.cs), with the same embedded model file.</summary>
[Network(Inputs = 784, Weights = "mnist.ngmf")]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
internal sealed partial class Digits { }
