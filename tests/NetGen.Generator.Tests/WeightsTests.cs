using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Weights;
using Xunit;

namespace NetGen.Generator.Tests;

/// <summary>
/// [Network(Weights = "…")]: model files reach the generator as base64 text (build/package/NetGen.targets);
/// a good file is compiled in, every kind of bad file is a diagnostic on the Weights argument, and no
/// input makes the generator throw.
/// </summary>
public class WeightsTests
{
    private const string Architecture = "2 > Dense(3, Tanh) > Dense(1, Sigmoid)";
    private const int ParameterCount = 2 * 3 + 3 + 3 * 1 + 1;

    private const string Declaration = """
        namespace Demo;

        [NetGen.Network(Inputs = 2, [|Weights = "models/tiny.ngmf"|])]
        [NetGen.Dense(3, NetGen.Activation.Tanh)]
        [NetGen.Dense(1, NetGen.Activation.Sigmoid)]
        public partial class Tiny { }
        """;

    /// <summary>A model file written from the format's definition (docs/model-format.md), independently of the runtime.</summary>
    internal static byte[] ModelFile(string architecture, float[] parameters, bool withState = false)
    {
        byte[] text = Encoding.UTF8.GetBytes(architecture);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write((byte)'N'); w.Write((byte)'G'); w.Write((byte)'M'); w.Write((byte)'F');
            w.Write((ushort)1);
            w.Write((ushort)(withState ? 1 : 0));
            w.Write(Fnv1a(text));
            w.Write(2);
            w.Write(1);
            w.Write(parameters.Length);
            w.Write(text.Length);
            w.Write(text);
            if (withState)
            {
                w.Write(4); // Adam
                w.Write(7L); // step
                w.Write(2 * parameters.Length);
            }

            foreach (float p in parameters) w.Write(p);
            if (withState)
            {
                for (int i = 0; i < 2 * parameters.Length; i++) w.Write(0.5f);
            }
        }

        byte[] body = stream.ToArray();
        uint crc = WeightsFileReader.Crc32(body, body.Length);
        return body.Concat(BitConverter.GetBytes(crc)).ToArray();
    }

    private static ulong Fnv1a(byte[] bytes)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in bytes) { hash ^= b; hash *= 1099511628211UL; }
        return hash;
    }

    private static float[] Parameters() => Enumerable.Range(0, ParameterCount).Select(i => (i - 6) * 0.37f).ToArray();

    internal static AdditionalText Encoded(string identity, byte[] bytes, string? header = null) =>
        new GeneratorHarness.InMemoryText($"/obj/netgen/{Path.GetFileName(identity)}.b64",
            (header ?? "NetGen model " + identity) + "\n" + Convert.ToBase64String(bytes, Base64FormattingOptions.InsertLineBreaks) + "\n");

    private static GeneratorHarness.Result Run(string markup, params AdditionalText[] files)
    {
        (string source, _) = GeneratorHarness.ParseMarkup(markup);
        return GeneratorHarness.Run(files.ToImmutableArray(), source);
    }

    [Fact]
    public void AGoodFileIsCompiledInAsConstantData()
    {
        GeneratorHarness.Result result = Run(Declaration, Encoded("models/tiny.ngmf", ModelFile(Architecture, Parameters())));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        string source = result.SingleSource;
        Assert.DoesNotContain("SeededRandom", source);
        // Inference only: no backward pass, no optimizer.
        Assert.DoesNotContain("Backward", source);
        Assert.DoesNotContain("ApplyGradients", source);
        // The bytes are the file's parameters, in order, as little-endian floats in base64 (one UTF-8
        // literal on one line; 52 bytes end in "==" padding), decoded in one chunk.
        byte[] expected = Parameters().SelectMany(p => LittleEndian(p)).ToArray();
        Assert.Contains($"private static global::System.ReadOnlySpan<byte> __EmbeddedWeights0 => \"{Convert.ToBase64String(expected)}\"u8;\n", source);
        Assert.EndsWith("==", Convert.ToBase64String(expected));
        Assert.Contains("decoded = global::NetGen.CompilerServices.EmbeddedWeights.Decode(__EmbeddedWeights0, parameters, decoded);\n", source);
        Assert.Contains("global::NetGen.CompilerServices.EmbeddedWeights.Complete(parameters, decoded);", source);
        Assert.DoesNotContain("__EmbeddedWeights1", source);
    }

    private static byte[] LittleEndian(float value)
    {
        byte[] bytes = BitConverter.GetBytes(value);
        if (!BitConverter.IsLittleEndian) Array.Reverse(bytes);
        return bytes;
    }

    /// <summary>
    /// Hidden widths h give 4h + 1 parameters (2h + h weights and biases, h + 1 for the output), so
    /// 4(4h + 1) bytes: h = 64, 65, 66 end their base64 with "=", no padding and "==". The bit patterns
    /// run through every byte value (NaNs with payloads, infinities, subnormals and negative zero among
    /// the floats); each must reach the instance's Parameters exactly.
    /// </summary>
    [Theory]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(66)]
    public void EmbeddedParametersRoundTripBitForBit(int hidden)
    {
        int count = 4 * hidden + 1;
        byte[] bytes = Enumerable.Range(0, 4 * count).Select(i => (byte)(i * 7 + (i >> 8))).ToArray();
        Assert.Equal(256, bytes.Distinct().Count());
        AssertRoundTrip(2, hidden, bytes);
    }

    /// <summary>
    /// 3 > Dense(4915) > Dense(1) has 5 · 4915 + 1 = 24,576 parameters, 98,304 bytes: exactly two chunks
    /// of 48 KiB (<see cref="Emit.NetworkEmitter.EmbeddedChunkBytes"/>), the second ending without padding.
    /// </summary>
    [Fact]
    public void ModelsOfWholeChunksRoundTripBitForBit()
    {
        Assert.Equal(2 * Emit.NetworkEmitter.EmbeddedChunkBytes, 4 * (5 * 4915 + 1));
        byte[] bytes = Enumerable.Range(0, 4 * (5 * 4915 + 1)).Select(i => (byte)(i * 13 + (i >> 10))).ToArray();
        string source = AssertRoundTrip(3, 4915, bytes);
        Assert.Contains("__EmbeddedWeights1 => \"", source);
        Assert.DoesNotContain("__EmbeddedWeights2", source);
    }

    /// <summary>
    /// A large model, compiled and run in memory. NETGEN_LARGE_MODEL_PARAMETERS sets its parameter count
    /// (default 250,001: 1 MB, 21 chunks; 4,243,201 is a 16 MB model, the size issue 20 asks to build).
    /// </summary>
    [Fact]
    public void ALargeModelRoundTripsBitForBit()
    {
        int requested = int.TryParse(Environment.GetEnvironmentVariable("NETGEN_LARGE_MODEL_PARAMETERS"), out int n) && n > 4 ? n : 250_001;
        int hidden = (requested - 1) / 4;
        var random = new Random(20);
        byte[] bytes = new byte[4 * (4 * hidden + 1)];
        random.NextBytes(bytes);
        string source = AssertRoundTrip(2, hidden, bytes);
        int chunks = (bytes.Length + Emit.NetworkEmitter.EmbeddedChunkBytes - 1) / Emit.NetworkEmitter.EmbeddedChunkBytes;
        Assert.Contains($"__EmbeddedWeights{chunks - 1} => \"", source);
        Assert.DoesNotContain($"__EmbeddedWeights{chunks} => \"", source);
    }

    /// <summary>Compiles inputs > Dense(hidden, Tanh) > Dense(1, Sigmoid) with <paramref name="parameterBytes"/> embedded, loads the assembly and compares a new instance's Parameters bit for bit; returns the generated source.</summary>
    private static string AssertRoundTrip(int inputs, int hidden, byte[] parameterBytes)
    {
        string architecture = $"{inputs} > Dense({hidden}, Tanh) > Dense(1, Sigmoid)";
        float[] parameters = new float[parameterBytes.Length / 4];
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = BitConverter.Int32BitsToSingle(parameterBytes[4 * i] | parameterBytes[4 * i + 1] << 8 | parameterBytes[4 * i + 2] << 16 | parameterBytes[4 * i + 3] << 24);
        }

        string source = Declaration.Replace("[|", "").Replace("|]", "").Replace("Dense(3,", $"Dense({hidden},").Replace("Inputs = 2", $"Inputs = {inputs}");
        GeneratorHarness.Result result = GeneratorHarness.Run(ImmutableArray.Create(Encoded("models/tiny.ngmf", ModelFile(architecture, parameters))), source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Contains("__EmbeddedWeights0 => \"", result.SingleSource);
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = result.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var context = new System.Runtime.Loader.AssemblyLoadContext("embedded-" + hidden, isCollectible: true);
        try
        {
            image.Position = 0;
            System.Reflection.Assembly assembly = context.LoadFromStream(image);
            var network = (NetGen.INeuralNetwork)Activator.CreateInstance(assembly.GetType("Demo.Tiny")!)!;
            Assert.Equal(parameters.Length, network.Parameters.Length);
            for (int i = 0; i < parameters.Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(parameters[i]) != BitConverter.SingleToInt32Bits(network.Parameters[i]))
                {
                    Assert.Fail($"parameter {i}: 0x{BitConverter.SingleToInt32Bits(network.Parameters[i]):X8}, expected 0x{BitConverter.SingleToInt32Bits(parameters[i]):X8}");
                }
            }
        }
        finally
        {
            context.Unload();
        }

        return result.SingleSource;
    }

    /// <summary>A version-2 file (docs/model-format.md: the preprocessing block before the checksum) compiles in its scaling and class names.</summary>
    [Fact]
    public void AVersionTwoFileCompilesInItsScalingAndClassNames()
    {
        const string scaled = "2 > Standardize > Dense(3, Tanh) > Dense(1, Sigmoid)";
        byte[] v1 = ModelFile(scaled, Parameters());
        var body = v1.Take(v1.Length - 4).ToList();
        body[4] = 2; // version
        byte[] names = BitConverter.GetBytes(1).Concat("a"u8.ToArray()).Concat(BitConverter.GetBytes(2)).Concat("é"u8.ToArray()).ToArray();
        body.AddRange(BitConverter.GetBytes(1)); // Standardize
        body.AddRange(BitConverter.GetBytes(2)); // two class names
        body.AddRange(BitConverter.GetBytes(names.Length));
        foreach (float value in new[] { 0.25f, -3f, 2f, 0.5f }) body.AddRange(BitConverter.GetBytes(value)); // offsets, then divisors
        body.AddRange(names);
        byte[] bytes = body.Concat(BitConverter.GetBytes(WeightsFileReader.Crc32(body.ToArray(), body.Count))).ToArray();

        var file = WeightsFileReader.Parse("m", bytes);
        Assert.Null(file.Error);
        Assert.Equal(1, file.Preprocessing!.InputScaling);
        Assert.Equal(new[] { 0.25f, -3f }, file.Preprocessing.Offsets.ToArray());
        Assert.Equal(new[] { 2f, 0.5f }, file.Preprocessing.Divisors.ToArray());
        Assert.Equal(new[] { "a", "é" }, file.Preprocessing.ClassNames.ToArray());

        string markup = Declaration.Replace("Inputs = 2,", "Inputs = 2, InputScaling = NetGen.InputScaling.Standardize,");
        GeneratorHarness.Result result = Run(markup, Encoded("models/tiny.ngmf", bytes));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
        Assert.Contains("private readonly float[] __inputOffsets = new float[] { 0.25f, -3.0f };", result.SingleSource);
        Assert.Contains("private readonly float[] __inputDivisors = new float[] { 2.0f, 0.5f };", result.SingleSource);
        Assert.Contains("private bool __inputScalingFitted = true;", result.SingleSource);
        Assert.Contains("new string[] { \"a\", \"é\" }", result.SingleSource);

        // Without the declared scaling the architectures differ: NG0017.
        Assert.Contains(Run(Declaration, Encoded("models/tiny.ngmf", bytes)).GeneratorDiagnostics, d => d.Id == "NG0017");
    }

    [Theory]
    [InlineData("models/tiny.ngmf")]
    [InlineData("./models/tiny.ngmf")]
    [InlineData("models\\tiny.ngmf")]
    [InlineData("tiny.ngmf")]
    public void TheFileIsFoundByItsPathOrItsName(string name)
    {
        string markup = Declaration.Replace("models/tiny.ngmf", name.Replace("\\", "\\\\"));
        GeneratorHarness.Result result = Run(markup, Encoded("models/tiny.ngmf", ModelFile(Architecture, Parameters())));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Contains("__EmbeddedWeights", result.SingleSource);
    }

    [Fact]
    public void AFileWithOptimizerStateGivesItsParameters()
    {
        GeneratorHarness.Result result = Run(Declaration, Encoded("models/tiny.ngmf", ModelFile(Architecture, Parameters(), withState: true)));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
    }

    [Fact]
    public void AMissingFileIsNG0015OnTheWeightsArgument()
    {
        AssertDiagnostic(Declaration, "NG0015", "no NetGenModel item of the project is 'models/tiny.ngmf' (model files of this build: 'other.ngmf')",
            Encoded("other.ngmf", ModelFile(Architecture, Parameters())));
        AssertDiagnostic(Declaration, "NG0015", "model files of this build: none");
    }

    [Fact]
    public void AnAmbiguousNameIsNG0015()
    {
        string markup = Declaration.Replace("models/tiny.ngmf", "tiny.ngmf");
        AssertDiagnostic(markup, "NG0015", "'tiny.ngmf' names 2 model files",
            Encoded("a/tiny.ngmf", ModelFile(Architecture, Parameters())),
            Encoded("b/tiny.ngmf", ModelFile(Architecture, Parameters())));
    }

    public static TheoryData<string, string> Corruptions() => new()
    {
        { "truncated", "does not match the sizes in its header" },
        { "extended", "does not match the sizes in its header" },
        { "flipped", "checksum does not match" },
        { "magic", "does not start with the model file magic" },
        { "version", "format version 3" },
        { "tiny", "shorter than any model file" },
        { "base64", "not valid base64" },
        { "header", "was not written by the NetGen build targets" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void ACorruptFileIsNG0016WithTheReason(string corruption, string reason)
    {
        byte[] bytes = ModelFile(Architecture, Parameters());
        AdditionalText file = corruption switch
        {
            "truncated" => Encoded("models/tiny.ngmf", bytes.Take(bytes.Length - 5).ToArray()),
            "extended" => Encoded("models/tiny.ngmf", bytes.Concat(new byte[] { 0 }).ToArray()),
            "flipped" => Encoded("models/tiny.ngmf", Flip(bytes, 60)),
            "magic" => Encoded("models/tiny.ngmf", Flip(bytes, 0)),
            "version" => Encoded("models/tiny.ngmf", Set(bytes, 4, 3)),
            "tiny" => Encoded("models/tiny.ngmf", bytes.Take(20).ToArray()),
            "base64" => new GeneratorHarness.InMemoryText("/obj/netgen/tiny.ngmf.b64", "NetGen model models/tiny.ngmf\n@@not base64@@"),
            _ => new GeneratorHarness.InMemoryText("/obj/netgen/tiny.ngmf.b64", Convert.ToBase64String(bytes)),
        };
        AssertDiagnostic(Declaration, corruption == "header" ? "NG0015" : "NG0016", corruption == "header" ? "" : reason, file);
        if (corruption == "header")
        {
            // Without its header line the file cannot say which model it is, so the name does not match
            // either; the reason is still given for the file.
            GeneratorHarness.Result result = Run(Declaration.Replace("models/tiny.ngmf", "tiny.ngmf"), file);
            Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
            Assert.Equal("NG0016", diagnostic.Id);
            Assert.Contains(reason, diagnostic.GetMessage());
        }
    }

    [Fact]
    public void AnotherArchitectureIsNG0017()
    {
        AssertDiagnostic(Declaration, "NG0017",
            $"The weights file 'models/tiny.ngmf' holds 2 > Dense(3, ReLU) > Dense(1, Sigmoid) ({ParameterCount} parameters), but 'Tiny' declares {Architecture} ({ParameterCount} parameters)",
            Encoded("models/tiny.ngmf", ModelFile("2 > Dense(3, ReLU) > Dense(1, Sigmoid)", Parameters())));
        AssertDiagnostic(Declaration, "NG0017", "(17 parameters), but 'Tiny' declares",
            Encoded("models/tiny.ngmf", ModelFile("2 > Dense(4, Tanh) > Dense(1, Sigmoid)", new float[17])));
    }

    [Fact]
    public void TheReaderNeverThrowsOnHostileInput()
    {
        // Every truncation, a flipped byte at every position, random bytes, and headers declaring huge
        // lengths: always a result (valid or an error), never an exception.
        byte[] good = ModelFile(Architecture, Parameters(), withState: true);
        for (int length = 0; length <= good.Length; length++)
        {
            Assert.NotNull(WeightsFileReader.Parse("t", good.Take(length).ToArray()));
        }

        for (int i = 0; i < good.Length; i++)
        {
            WeightsFileFile(Flip(good, i));
        }

        var random = new Random(7);
        for (int n = 0; n < 2000; n++)
        {
            byte[] bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            if (bytes.Length >= 4 && n % 2 == 0) { bytes[0] = (byte)'N'; bytes[1] = (byte)'G'; bytes[2] = (byte)'M'; bytes[3] = (byte)'F'; }
            if (bytes.Length >= 8 && n % 4 == 0) { bytes[4] = 1; bytes[5] = 0; }
            WeightsFileFile(bytes);
            Assert.NotNull(WeightsFileReader.Read("/x.ngmf.b64", "NetGen model x\n" + Convert.ToBase64String(bytes)));
        }

        foreach (int huge in new[] { int.MaxValue, int.MinValue, -1, 1 << 30 })
        {
            WeightsFileFile(Set32(good, 24, huge));
            WeightsFileFile(Set32(good, 28, huge));
            WeightsFileFile(Set32(good, 32 + Architecture.Length + 12, huge));
        }

        Assert.NotNull(WeightsFileReader.Read("/x.ngmf.b64", null));
        Assert.NotNull(WeightsFileReader.Read("/x.ngmf.b64", ""));

        static void WeightsFileFile(byte[] bytes)
        {
            var file = WeightsFileReader.Parse("t", bytes);
            Assert.True(file.Error is not null || file.ParameterBytes.Count == 4 * file.ParameterCount);
        }
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        byte[] copy = (byte[])bytes.Clone();
        copy[index] ^= 0x10;
        return copy;
    }

    private static byte[] Set(byte[] bytes, int index, byte value)
    {
        byte[] copy = (byte[])bytes.Clone();
        copy[index] = value;
        return copy;
    }

    private static byte[] Set32(byte[] bytes, int index, int value)
    {
        byte[] copy = (byte[])bytes.Clone();
        BitConverter.GetBytes(value).CopyTo(copy, index);
        return copy;
    }

    private static void AssertDiagnostic(string markup, string id, string messagePart, params AdditionalText[] files)
    {
        (string source, TextSpan span) = GeneratorHarness.ParseMarkup(markup);
        GeneratorHarness.Result result = GeneratorHarness.Run(files.ToImmutableArray(), source);
        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Empty(result.Sources); // nothing generated: no half-built class
    }
}
