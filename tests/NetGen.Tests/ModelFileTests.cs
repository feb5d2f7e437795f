using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using NetGen.Models;
using NetGen.Tests.Optimizers;
using Xunit;

namespace NetGen.Tests;

/// <summary>An inference-only network with the architecture of the optimizer networks (3 > Dense(4, Tanh) > Dense(2, Identity)).</summary>
[Network(Inputs = 3, Seed = 60)]
[Dense(4, Activation.Tanh)]
[Dense(2)]
public partial class ModelFileInference342 { }

/// <summary>A training network whose layers use loops (4×40, 40×3), with Adam: a larger file with state.</summary>
[Network(Inputs = 4, Seed = 61)]
[Dense(40, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 4)]
public partial class ModelFileLoopsAdam { }

/// <summary>Model files (SPEC §6, docs/model-format.md): round trips, resuming training, every kind of bad file, atomic saves.</summary>
public sealed class ModelFileTests : IDisposable
{
    private readonly string _directory;

    public ModelFileTests()
    {
        _directory = Path.Combine(Path.GetTempPath(), "netgen-modelfile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // ---------------------------------------------------------------- CRC-32

    [Fact]
    public void Crc32MatchesTheStandardCheckValues()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0x414FA339u, Crc32.Compute("The quick brown fox jumps over the lazy dog"u8));
        Assert.Equal(0u, Crc32.Compute(ReadOnlySpan<byte>.Empty));
        Assert.Equal(0xCBF43926u, Crc32.Append(Crc32.Compute("1234"u8), "56789"u8));
    }

    // ---------------------------------------------------------------- round trips

    public static IEnumerable<object[]> RoundTripNetworks() => new[]
    {
        new object[] { nameof(TanhIdentityMse) },
        new object[] { nameof(LoopsTanhIdentityMse) },
        new object[] { nameof(LoopsPReLUCrossEntropy) },
        new object[] { nameof(InferenceOnly) },
        new object[] { nameof(WideInferenceOnly) }, // 99,002 parameters: the writer's buffer fills several times
    };

    private static INeuralNetwork Create(string name) => name switch
    {
        nameof(TanhIdentityMse) => new TanhIdentityMse(),
        nameof(LoopsTanhIdentityMse) => new LoopsTanhIdentityMse(),
        nameof(LoopsPReLUCrossEntropy) => new LoopsPReLUCrossEntropy(),
        nameof(InferenceOnly) => new InferenceOnly(),
        nameof(WideInferenceOnly) => new WideInferenceOnly(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(RoundTripNetworks))]
    public void ParametersRoundTripBitForBit(string name)
    {
        INeuralNetwork source = Create(name);
        FillWithAwkwardValues(source.Parameters, seed: 3);
        INeuralNetwork target = Create(name);
        Assert.NotEqual(Bits(source.Parameters), Bits(target.Parameters));

        ModelFile.Load(target, new MemoryStream(SaveToBytes(source)));

        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
    }

    [Fact]
    public void ParametersRoundTripThroughAFile()
    {
        var source = new LoopsPReLUCrossEntropy();
        FillWithAwkwardValues(source.Parameters, seed: 4);
        string path = Path.Combine(_directory, "model.ngmf");

        ModelFile.Save(source, path);
        var target = new LoopsPReLUCrossEntropy();
        ModelFile.Load(target, path);

        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
        Assert.Equal(new[] { "model.ngmf" }, Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void SavingIsDeterministicAndFollowsTheDocumentedLayout()
    {
        var network = new AdamCustom();
        Train(network, 3);
        byte[] file = SaveToBytes(network, includeOptimizerState: true);
        Assert.Equal(file, SaveToBytes(network, includeOptimizerState: true));

        INeuralNetwork n = network;
        ITrainableNetwork t = network;
        byte[] architecture = Encoding.UTF8.GetBytes(n.Architecture);
        int a = architecture.Length, p = n.ParameterCount, s = t.OptimizerState.Length;
        Assert.Equal(2 * p, s); // Adam: first and second moments
        Assert.Equal(32 + a + 16 + 4 * p + 4 * s + 12 + 4, file.Length);

        Assert.Equal("NGMF"u8.ToArray(), file[..4]);
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(4)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(6)));
        Assert.Equal(n.ArchitectureFingerprint, BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(8)));
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(16)));
        Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(20)));
        Assert.Equal(p, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(24)));
        Assert.Equal(a, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(28)));
        Assert.Equal(architecture, file[32..(32 + a)]);
        int o = 32 + a;
        Assert.Equal((int)Optimizer.Adam, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(o)));
        Assert.Equal(3L, BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(o + 4)));
        Assert.Equal(s, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(o + 12)));
        o += 16;
        for (int i = 0; i < p; i++)
        {
            Assert.Equal(BitConverter.SingleToUInt32Bits(n.Parameters[i]), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(o + 4 * i)));
        }

        o += 4 * p;
        for (int i = 0; i < s; i++)
        {
            Assert.Equal(BitConverter.SingleToUInt32Bits(t.OptimizerState[i]), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(o + 4 * i)));
        }

        // Version 2's preprocessing block: no input scaling, no class names.
        o += 4 * s;
        Assert.Equal(new byte[12], file[o..(o + 12)]);

        Assert.Equal(Crc32.Compute(file.AsSpan(0, file.Length - 4)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(file.Length - 4)));

        // Without state: flags 0 and no optimizer block.
        byte[] plain = SaveToBytes(network);
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(plain.AsSpan(6)));
        Assert.Equal(32 + a + 4 * p + 12 + 4, plain.Length);

        // The example in docs/model-format.md.
        Assert.Equal(32 + 39 + 4 * 44 + 12 + 4, SaveToBytes(new TanhIdentityMse()).Length);
    }

    [Fact]
    public void SaveWritesAtTheStreamPositionAndLoadReadsFromIt()
    {
        var source = new TanhIdentityMse();
        FillWithAwkwardValues(source.Parameters, seed: 5);
        var stream = new MemoryStream();
        stream.Write("prefix"u8);
        ModelFile.Save(source, stream);

        stream.Position = 6;
        var target = new TanhIdentityMse();
        ModelFile.Load(target, stream);
        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
        Assert.Equal(stream.Length, stream.Position);

        // A stream that can neither seek nor expose its buffer.
        var other = new TanhIdentityMse();
        ModelFile.Load(other, new ForwardOnlyStream(SaveToBytes(source)));
        Assert.Equal(Bits(source.Parameters), Bits(other.Parameters));
    }

    // ---------------------------------------------------------------- optimizer state

    public static IEnumerable<object[]> OptimizerNetworks() =>
        new[]
        {
            nameof(SgdDefaults), nameof(SgdCustom), nameof(MomentumDefaults), nameof(MomentumCustom),
            nameof(NesterovDefaults), nameof(NesterovCustom), nameof(RmsPropDefaults), nameof(RmsPropCustom),
            nameof(AdamDefaults), nameof(AdamCustom), nameof(AdamWDefaults), nameof(AdamWCustom),
            nameof(AdaGradDefaults), nameof(AdaGradCustom), nameof(AdaDeltaDefaults), nameof(AdaDeltaCustom),
        }.Select(name => new object[] { name });

    private static ITrainableNetwork CreateTrainable(string name) => name switch
    {
        nameof(SgdDefaults) => new SgdDefaults(),
        nameof(SgdCustom) => new SgdCustom(),
        nameof(MomentumDefaults) => new MomentumDefaults(),
        nameof(MomentumCustom) => new MomentumCustom(),
        nameof(NesterovDefaults) => new NesterovDefaults(),
        nameof(NesterovCustom) => new NesterovCustom(),
        nameof(RmsPropDefaults) => new RmsPropDefaults(),
        nameof(RmsPropCustom) => new RmsPropCustom(),
        nameof(AdamDefaults) => new AdamDefaults(),
        nameof(AdamCustom) => new AdamCustom(),
        nameof(AdamWDefaults) => new AdamWDefaults(),
        nameof(AdamWCustom) => new AdamWCustom(),
        nameof(AdaGradDefaults) => new AdaGradDefaults(),
        nameof(AdaGradCustom) => new AdaGradCustom(),
        nameof(AdaDeltaDefaults) => new AdaDeltaDefaults(),
        nameof(AdaDeltaCustom) => new AdaDeltaCustom(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(OptimizerNetworks))]
    public void TrainingResumesExactlyFromAFileWithOptimizerState(string name)
    {
        ITrainableNetwork a = CreateTrainable(name);
        Train(a, 5);
        byte[] file = SaveToBytes(a, includeOptimizerState: true);

        ITrainableNetwork b = CreateTrainable(name);
        ModelFile.Load(b, new MemoryStream(file));
        Assert.Equal(5, b.Step);
        Assert.Equal(Bits(a.OptimizerState), Bits(b.OptimizerState));

        Train(a, 5);
        Train(b, 5);
        Assert.Equal(Bits(a.Parameters), Bits(b.Parameters));
        Assert.Equal(Bits(a.OptimizerState), Bits(b.OptimizerState));
        Assert.Equal(10, b.Step);
    }

    [Fact]
    public void AdamResumesExactlyOnlyWithItsState()
    {
        var a = new AdamCustom();
        Train(a, 5);
        byte[] withState = SaveToBytes(a, includeOptimizerState: true);
        byte[] withoutState = SaveToBytes(a);

        var b = new AdamCustom();
        ModelFile.Load(b, new MemoryStream(withState));
        var c = new AdamCustom();
        ModelFile.Load(c, new MemoryStream(withoutState));
        Assert.Equal(Bits(a.Parameters), Bits(c.Parameters)); // same starting point...

        Train(a, 5);
        Train(b, 5);
        Train(c, 5);
        Assert.Equal(Bits(a.Parameters), Bits(b.Parameters));
        Assert.NotEqual(Bits(a.Parameters), Bits(c.Parameters)); // ...but fresh moments and t = 1 again
        Assert.Equal(5, ((ITrainableNetwork)c).Step);
    }

    [Fact]
    public void AFileWithoutStateLeavesTheOptimizerStateAndStepUntouched()
    {
        var saved = new AdamCustom();
        FillWithAwkwardValues(((INeuralNetwork)saved).Parameters, seed: 6);
        byte[] file = SaveToBytes(saved);

        ITrainableNetwork network = new AdamCustom();
        Train(network, 3);
        uint[] state = Bits(network.OptimizerState);

        ModelFile.Load(network, new MemoryStream(file));

        Assert.Equal(Bits(((INeuralNetwork)saved).Parameters), Bits(network.Parameters));
        Assert.Equal(state, Bits(network.OptimizerState));
        Assert.Equal(3, network.Step);
    }

    [Fact]
    public void StateOfAnotherOptimizerIsIgnoredAndTheParametersAreLoaded()
    {
        ITrainableNetwork adam = new AdamCustom();
        Train(adam, 4);
        byte[] file = SaveToBytes(adam, includeOptimizerState: true);

        ITrainableNetwork momentum = new MomentumDefaults(); // same architecture, another optimizer
        Train(momentum, 2);
        uint[] momentumState = Bits(momentum.OptimizerState);
        ModelFile.Load(momentum, new MemoryStream(file));
        Assert.Equal(Bits(adam.Parameters), Bits(momentum.Parameters));
        Assert.Equal(momentumState, Bits(momentum.OptimizerState));
        Assert.Equal(2, momentum.Step);

        INeuralNetwork inference = new ModelFileInference342();
        ModelFile.Load(inference, new MemoryStream(file));
        Assert.Equal(Bits(adam.Parameters), Bits(inference.Parameters));
    }

    [Fact]
    public void SgdStateIsEmptyButItsStepIsRestored()
    {
        ITrainableNetwork a = new SgdCustom();
        Train(a, 7);
        byte[] file = SaveToBytes(a, includeOptimizerState: true);
        ModelInfo info = ModelFile.ReadInfo(new MemoryStream(file));
        Assert.True(info.HasOptimizerState);
        Assert.Equal(0, info.OptimizerStateLength);

        ITrainableNetwork b = new SgdCustom();
        ModelFile.Load(b, new MemoryStream(file));
        Assert.Equal(7, b.Step);
        Assert.Equal(Bits(a.Parameters), Bits(b.Parameters));
    }

    [Fact]
    public void OptimizerStateCannotBeSavedForAnInferenceOnlyNetwork()
    {
        var network = new InferenceOnly();
        var stream = new MemoryStream();
        var error = Assert.Throws<ArgumentException>(() => ModelFile.Save(network, stream, includeOptimizerState: true));
        Assert.Equal("includeOptimizerState", error.ParamName);
        Assert.Contains("inference-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, stream.Length);

        string path = Path.Combine(_directory, "inference.ngmf");
        Assert.Throws<ArgumentException>(() => ModelFile.Save(network, path, includeOptimizerState: true));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void AStateOfAnotherLengthForTheSameOptimizerIsRefused()
    {
        // A hand-written network that claims AdamCustom's architecture and optimizer but keeps one moment.
        var impostor = new FakeNetwork(AdamCustom.Architecture, AdamCustom.ArchitectureFingerprint, 3, 2, AdamCustom.ParameterCount)
        {
            TrainableOptimizer = Optimizer.Adam,
            StateLength = AdamCustom.ParameterCount,
        };
        byte[] file = SaveToBytes(impostor, includeOptimizerState: true);

        ITrainableNetwork network = new AdamCustom();
        Train(network, 2);
        NetworkSnapshot before = NetworkSnapshot.Of(network);
        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Load(network, new MemoryStream(file)));
        Assert.Equal(
            $"The model file holds {AdamCustom.ParameterCount} values of Adam optimizer state, but this network's Adam state has {2 * AdamCustom.ParameterCount}.",
            error.Message);
        before.AssertUnchanged(network);
    }

    // ---------------------------------------------------------------- another network

    [Fact]
    public void AFileOfAnotherArchitectureIsRefusedWithBothArchitectures()
    {
        INeuralNetwork saved = new TanhIdentityMse();
        INeuralNetwork other = new ReluTanhMse();
        byte[] file = SaveToBytes(saved);
        NetworkSnapshot before = NetworkSnapshot.Of(other);

        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Load(other, new MemoryStream(file)));

        Assert.Equal(
            $"The model file was saved by a network with architecture '3 > Dense(5, Tanh) > Dense(4, Identity)' (fingerprint 0x{saved.ArchitectureFingerprint:X16}), " +
            $"but this network is '3 > Dense(6, ReLU) > Dense(4, Tanh)' (0x{other.ArchitectureFingerprint:X16}).",
            error.Message);
        before.AssertUnchanged(other);
    }

    [Fact]
    public void AFileWithTheSameTextButAnotherFingerprintIsRefused()
    {
        var forged = new FakeNetwork(TanhIdentityMse.Architecture, 0x0123456789ABCDEF, 3, 4, TanhIdentityMse.ParameterCount);
        var network = new TanhIdentityMse();
        NetworkSnapshot before = NetworkSnapshot.Of(network);
        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Load(network, new MemoryStream(SaveToBytes(forged))));
        Assert.Contains("(fingerprint 0x0123456789ABCDEF)", error.Message, StringComparison.Ordinal);
        before.AssertUnchanged(network);
    }

    [Fact]
    public void AnotherParameterCountOrShapeIsRefused()
    {
        INeuralNetwork network = new TanhIdentityMse();
        NetworkSnapshot before = NetworkSnapshot.Of(network);

        var fewer = new FakeNetwork(network.Architecture, network.ArchitectureFingerprint, 3, 4, 10);
        var error = Assert.Throws<InvalidDataException>(() => ModelFile.Load(network, new MemoryStream(SaveToBytes(fewer))));
        Assert.Equal($"The model file holds 10 parameters, but this network has {TanhIdentityMse.ParameterCount}.", error.Message);

        var wider = new FakeNetwork(network.Architecture, network.ArchitectureFingerprint, 5, 4, TanhIdentityMse.ParameterCount);
        error = Assert.Throws<InvalidDataException>(() => ModelFile.Load(network, new MemoryStream(SaveToBytes(wider))));
        Assert.Equal("The model file was saved by a network with 5 inputs and 4 outputs, but this network has 3 inputs and 4 outputs.", error.Message);

        before.AssertUnchanged(network);
    }

    // ---------------------------------------------------------------- damaged files

    [Fact]
    public void EveryTruncationIsInvalidDataAndChangesNothing()
    {
        foreach (byte[] file in new[] { SaveToBytes(new AdamCustom(), includeOptimizerState: true), SaveToBytes(new TanhIdentityMse()) })
        {
            for (int length = 0; length < file.Length; length++)
            {
                byte[] truncated = file[..length];
                ExpectInvalidData(truncated, out string message);
                if (length >= 6)
                {
                    Assert.Contains("truncated", message, StringComparison.Ordinal);
                }
            }

            var last = Assert.Throws<InvalidDataException>(() => ModelFile.ReadInfo(new MemoryStream(file[..^1])));
            Assert.Equal($"The model file is truncated: expected {file.Length} bytes, the file ends after {file.Length - 1}.", last.Message);
        }
    }

    [Fact]
    public void EveryChangedByteAndEveryFlippedBitIsInvalidDataAndChangesNothing()
    {
        foreach (byte[] file in new[] { SaveToBytes(TrainedAdam(3), includeOptimizerState: true), SaveToBytes(new TanhIdentityMse()) })
        {
            for (int position = 0; position < file.Length; position++)
            {
                foreach (byte mask in new byte[] { 0xFF, 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80 })
                {
                    byte[] damaged = (byte[])file.Clone();
                    damaged[position] ^= mask;
                    ExpectInvalidData(damaged, out _);
                }
            }
        }
    }

    [Fact]
    public void ACorruptedFileReportsBothChecksums()
    {
        byte[] file = SaveToBytes(new TanhIdentityMse());
        file[60] ^= 0x10;
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(file.Length - 4));
        uint computed = Crc32.Compute(file.AsSpan(0, file.Length - 4));

        ExpectInvalidData(file, out string message);
        Assert.Equal($"The model file is corrupted: checksum mismatch: stored 0x{stored:X8}, computed 0x{computed:X8}.", message);
    }

    [Fact]
    public void AbsurdLengthsInACorruptedHeaderNeverAllocateOrThrowAnythingElse()
    {
        byte[] file = SaveToBytes(TrainedAdam(1), includeOptimizerState: true);
        int stateLengthOffset = 32 + BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(28)) + 12;
        foreach (int offset in new[] { 24, 28, stateLengthOffset })
        {
            foreach (int value in new[] { int.MaxValue, int.MinValue, -1, 1 << 28 })
            {
                foreach (bool fixChecksum in new[] { false, true })
                {
                    byte[] damaged = (byte[])file.Clone();
                    BinaryPrimitives.WriteInt32LittleEndian(damaged.AsSpan(offset), value);
                    if (fixChecksum)
                    {
                        FixChecksum(damaged);
                    }

                    ExpectInvalidData(damaged, out _);
                }
            }
        }
    }

    [Fact]
    public void TrailingBytesAfterTheChecksumAreRefused()
    {
        byte[] file = SaveToBytes(new TanhIdentityMse());
        byte[] longer = file.Concat(new byte[] { 0, 1, 2 }).ToArray();
        ExpectInvalidData(longer, out string message);
        Assert.Equal($"The model file has 3 trailing bytes after its checksum: the model ends after byte {file.Length}, the data after byte {file.Length + 3}.", message);

        byte[] twice = file.Concat(file).ToArray();
        ExpectInvalidData(twice, out message);
        Assert.Contains($"has {file.Length} trailing bytes", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANewerOrInvalidFormatVersionIsRefused()
    {
        byte[] file = SaveToBytes(new TanhIdentityMse());
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(4), 7);
        FixChecksum(file);
        ExpectInvalidData(file, out string message);
        Assert.Equal("The model file has format version 7, which is newer than this runtime supports (2).", message);

        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(4), 0);
        FixChecksum(file);
        ExpectInvalidData(file, out message);
        Assert.Equal("The model file has format version 0, which is not a valid NetGen model format version (this runtime reads 1 to 2).", message);
        Assert.Equal(2, ModelFile.FormatVersion);
    }

    [Fact]
    public void DataThatIsNotAModelFileIsRefused()
    {
        byte[] png = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 };
        ExpectInvalidData(png, out string message);
        Assert.Equal("The model file is not a NetGen model file (magic 89 50 4E 47 \".PNG\", expected 4E 47 4D 46 \"NGMF\").", message);

        byte[] file = SaveToBytes(new TanhIdentityMse());
        file[3] = (byte)'X';
        ExpectInvalidData(file, out message);
        Assert.Contains("is not a NetGen model file (magic 4E 47 4D 58 \"NGMX\"", message, StringComparison.Ordinal);

        ExpectInvalidData("NX"u8.ToArray(), out message);
        Assert.Contains("is not a NetGen model file (magic 4E 58 \"NX\"", message, StringComparison.Ordinal);

        ExpectInvalidData(Array.Empty<byte>(), out message);
        Assert.Equal("The model file is truncated: expected at least 36 bytes, the file ends after 0.", message);
    }

    [Fact]
    public void ValuesNoWriterProducesAreRefusedEvenWithAMatchingChecksum()
    {
        byte[] file = SaveToBytes(TrainedAdam(2), includeOptimizerState: true);
        int architectureLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(28));

        byte[] flags = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(flags.AsSpan(6), 0x0003);
        FixChecksum(flags);
        ExpectInvalidData(flags, out string message);
        Assert.Equal("The model file is malformed although its checksum matches: it sets flags 0x0003, but format version 2 defines only bit 0 (optimizer state).", message);

        byte[] step = (byte[])file.Clone();
        BinaryPrimitives.WriteInt64LittleEndian(step.AsSpan(32 + architectureLength + 4), -5);
        FixChecksum(step);
        ExpectInvalidData(step, out message);
        Assert.Contains("its optimizer step is -5", message, StringComparison.Ordinal);

        byte[] text = (byte[])file.Clone();
        text[32] = 0xFF;
        FixChecksum(text);
        ExpectInvalidData(text, out message);
        Assert.Contains("its architecture text is not valid UTF-8", message, StringComparison.Ordinal);

        byte[] count = (byte[])file.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(count.AsSpan(24), -1);
        FixChecksum(count);
        ExpectInvalidData(count, out message);
        Assert.Contains("its parameter count is -1", message, StringComparison.Ordinal);

        byte[] shorter = (byte[])file.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(shorter.AsSpan(24), AdamCustom.ParameterCount - 1);
        FixChecksum(shorter);
        ExpectInvalidData(shorter, out message);
        // Version 2 reads its preprocessing block where the shorter count puts it (4 bytes early): what that
        // misplaced header says, or the size it implies, is the reason given; either way it is malformed.
        Assert.StartsWith("The model file is malformed although its checksum matches: its ", message, StringComparison.Ordinal);

        byte[] inputs = (byte[])file.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(inputs.AsSpan(16), -3);
        FixChecksum(inputs);
        ExpectInvalidData(inputs, out message);
        Assert.Contains("its input size is -3", message, StringComparison.Ordinal);
    }

    [Fact]
    public void PathOverloadsNameTheFile()
    {
        string path = Path.Combine(_directory, "broken.ngmf");
        File.WriteAllBytes(path, SaveToBytes(new TanhIdentityMse())[..50]);
        var network = new TanhIdentityMse();

        var load = Assert.Throws<InvalidDataException>(() => ModelFile.Load(network, path));
        Assert.StartsWith($"The model file '{path}' is truncated: expected ", load.Message, StringComparison.Ordinal);
        var info = Assert.Throws<InvalidDataException>(() => ModelFile.ReadInfo(path));
        Assert.Equal(load.Message, info.Message);

        ModelFile.Save(new TanhIdentityMse(), path);
        var mismatch = Assert.Throws<InvalidDataException>(() => ModelFile.Load(new ReluTanhMse(), path));
        Assert.StartsWith($"The model file '{path}' was saved by a network with architecture '3 > Dense(5, Tanh)", mismatch.Message, StringComparison.Ordinal);

        Assert.Throws<FileNotFoundException>(() => ModelFile.Load(network, Path.Combine(_directory, "missing.ngmf")));
    }

    // ---------------------------------------------------------------- atomic save

    [Fact]
    public void AFailedWriteLeavesThePreviousFileAndNoTemporaryFile()
    {
        string path = Path.Combine(_directory, "model.ngmf");
        var first = new TanhIdentityMse();
        ModelFile.Save(first, path);
        byte[] previous = File.ReadAllBytes(path);

        var error = Assert.Throws<IOException>(() => ModelFile.WriteAtomically(path, stream =>
        {
            stream.Write(new byte[100]);
            throw new IOException("simulated: disk full");
        }));
        Assert.Equal("simulated: disk full", error.Message);

        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal(new[] { "model.ngmf" }, Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void AStreamFailingHalfwayThroughARealSaveLeavesThePreviousFile()
    {
        string path = Path.Combine(_directory, "model.ngmf");
        var first = new LoopsTanhIdentityMse();
        ModelFile.Save(first, path);
        byte[] previous = File.ReadAllBytes(path);

        var second = new LoopsTanhIdentityMse();
        FillWithAwkwardValues(((INeuralNetwork)second).Parameters, seed: 8);
        foreach (int failAfter in new[] { 0, 10, 40, 1000, previous.Length - 4, previous.Length - 1 })
        {
            Assert.Throws<IOException>(() => ModelFile.WriteAtomically(
                path, stream => ModelFile.Save(second, new FailingStream(stream, failAfter))));
            Assert.Equal(previous, File.ReadAllBytes(path));
            Assert.Equal(new[] { "model.ngmf" }, Directory.GetFiles(_directory).Select(Path.GetFileName));
        }

        var loaded = new LoopsTanhIdentityMse();
        ModelFile.Load(loaded, path);
        Assert.Equal(Bits(((INeuralNetwork)first).Parameters), Bits(((INeuralNetwork)loaded).Parameters));
    }

    [Fact]
    public void AFailedRenameLeavesNoTemporaryFile()
    {
        // A directory appears at the target while the temporary file is written (a save refuses a
        // directory that is there from the start): the write succeeds, the rename over it fails.
        string path = Path.Combine(_directory, "taken");
        Exception? error = Record.Exception(() => ModelFile.WriteAtomically(path, stream =>
        {
            Directory.CreateDirectory(path);
            ModelFile.Save(new TanhIdentityMse(), stream);
        }));
        Assert.True(error is IOException or UnauthorizedAccessException, error?.ToString());
        Assert.True(Directory.Exists(path));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void AMissingDirectoryFailsWithoutLeavingAnything()
    {
        string path = Path.Combine(_directory, "no-such-directory", "model.ngmf");
        Assert.Throws<DirectoryNotFoundException>(() => ModelFile.Save(new TanhIdentityMse(), path));
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void TheTemporaryFileIsBesideTheTargetAndFlushedBeforeTheRename()
    {
        string path = Path.Combine(_directory, "model.ngmf");
        string? temporary = null;
        ModelFile.WriteAtomically(path, stream =>
        {
            temporary = Assert.IsType<FileStream>(stream).Name;
            stream.Write("data"u8);
            Assert.False(File.Exists(path));
        });

        Assert.NotNull(temporary);
        Assert.Equal(_directory, Path.GetDirectoryName(temporary));
        Assert.Matches($@"^\.netgen-{Environment.ProcessId}-[0-9a-f]{{8}}\.tmp$", Path.GetFileName(temporary));
        Assert.False(File.Exists(temporary));
        Assert.Equal("data"u8.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void SavingReplacesAnExistingFile()
    {
        string path = Path.Combine(_directory, "model.ngmf");
        File.WriteAllText(path, "an older file");
        var network = new TanhIdentityMse();
        FillWithAwkwardValues(((INeuralNetwork)network).Parameters, seed: 9);

        ModelFile.Save(network, path);

        Assert.Equal(SaveToBytes(network), File.ReadAllBytes(path));
    }

    // ---------------------------------------------------------------- safe save (issue 15)

    [Theory]
    [InlineData("600")]
    [InlineData("640")]
    [InlineData("444")]
    [InlineData("4750")]
    public void SavingOverAFileKeepsItsModeAndOwner(string octal)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var mode = (UnixFileMode)Convert.ToInt32(octal, 8);
        string path = Path.Combine(_directory, "model.ngmf");
        ModelFile.Save(new TanhIdentityMse(), path);
        File.SetUnixFileMode(path, mode);
        // As root (CI), give the file another owner and group too: the save must keep them.
        (uint owner, uint group) = geteuid() == 0 ? (4321u, 4322u) : (geteuid(), getegid());
        Assert.Equal(0, chown(path, owner, group));
        File.SetUnixFileMode(path, mode); // chown clears the set-user-ID bit
        Assert.Equal((octal, owner, group, "regular file"), Stat(path));

        // While the new file is written it is readable by its owner only, never more than the old file.
        ModelFile.WriteAtomically(path, stream =>
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, OperatingSystem.IsLinux() ? File.GetUnixFileMode(((FileStream)stream).Name) : default);
            ModelFile.Save(new TanhIdentityMse(), stream);
        });
        Assert.Equal((octal, owner, group, "regular file"), Stat(path));

        var network = new TanhIdentityMse();
        FillWithAwkwardValues(((INeuralNetwork)network).Parameters, seed: 11);
        ModelFile.Save(network, path);
        Assert.Equal((octal, owner, group, "regular file"), Stat(path));
        Assert.Equal(SaveToBytes(network), File.ReadAllBytes(path));
        Assert.Equal(new[] { "model.ngmf" }, Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void ANewFileGetsTheModeAnyNewFileGets()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string reference = Path.Combine(_directory, "reference");
        File.WriteAllBytes(reference, new byte[] { 1 });
        string path = Path.Combine(_directory, "model.ngmf");
        ModelFile.Save(new TanhIdentityMse(), path);
        Assert.Equal(Stat(reference), Stat(path));
    }

    [Fact]
    public void AnOwnerTheProcessCannotGiveTheNewFileIsRefusedAndTheFileKept()
    {
        // Needs root to have a file of another owner: CI runs the tests as root. The save runs on a
        // thread whose file-system user and group are nobody's (setfsuid/setfsgid are per thread and
        // drop CAP_CHOWN), in a directory anyone may write: the rename would succeed, but the new file
        // would belong to nobody instead of root.
        if (!OperatingSystem.IsLinux() || geteuid() != 0)
        {
            return;
        }

        string directory = Path.Combine(_directory, "shared");
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, (UnixFileMode)Convert.ToInt32("777", 8));
        string path = Path.Combine(directory, "model.ngmf");
        ModelFile.Save(new TanhIdentityMse(), path);
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("646", 8)); // others may read and write it
        byte[] previous = File.ReadAllBytes(path);

        Exception? error = null;
        var thread = new Thread(() =>
        {
            setfsgid(65534);
            setfsuid(65534);
            try
            {
                error = Record.Exception(() => ModelFile.Save(new TanhIdentityMse(), path));
            }
            finally
            {
                setfsuid(0);
                setfsgid(0);
            }
        });
        thread.Start();
        thread.Join();

        var refused = Assert.IsType<UnauthorizedAccessException>(error);
        Assert.Equal($"Cannot save over '{path}': it belongs to user 0 and group 0, and this process (user 65534, group 65534) cannot give the new file that owner and group (Operation not permitted). The save would change who owns the file and who may read it, so the file is left as it was: save as its owner, save to another path, or delete the file first.",
            refused.Message);
        Assert.Equal(("646", 0u, 0u, "regular file"), Stat(path));
        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal(new[] { "model.ngmf" }, Directory.GetFileSystemEntries(directory).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(250)] // 255 bytes with ".ngmf": the longest name Linux allows; the old temporary name added 37
    [InlineData(214)] // 219 bytes, the shortest that failed
    public void TheLongestLegalFileNameCanBeSaved(int stem)
    {
        string name = new string('m', stem) + ".ngmf";
        string path = Path.Combine(_directory, name);
        var network = new TanhIdentityMse();
        FillWithAwkwardValues(((INeuralNetwork)network).Parameters, seed: 12);
        ModelFile.Save(network, path);
        ModelFile.Save(network, path); // and over itself
        Assert.Equal(SaveToBytes(network), File.ReadAllBytes(path));
        Assert.Equal(new[] { name }, Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName));

        // 83 three-byte characters and ".ngmf": 254 bytes of UTF-8.
        string wide = Path.Combine(_directory, string.Concat(Enumerable.Repeat("模", 83)) + ".ngmf");
        ModelFile.Save(network, wide);
        Assert.Equal(SaveToBytes(network), File.ReadAllBytes(wide));
    }

    [Fact]
    public void StaleTemporariesOfKilledSavesAreRemovedAndLiveOnesKept()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // A process that has ended: what a killed save leaves is a temporary named with its id.
        int dead;
        using (Process finished = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            finished.WaitForExit();
            dead = finished.Id;
        }

        int alive = Environment.ProcessId;
        DateTime now = DateTime.UtcNow;
        string Temporary(int pid, string random, TimeSpan age, int bytes = 1000)
        {
            string path = Path.Combine(_directory, $".netgen-{pid}-{random}.tmp");
            File.WriteAllBytes(path, new byte[bytes]);
            File.SetLastWriteTimeUtc(path, now - age);
            return path;
        }

        // Removed: unlocked, and the writer is gone and the file is at least 10 seconds old, or it is
        // over an hour old (its process id now belongs to another process).
        string[] stale =
        {
            Temporary(dead, "0000abcd", TimeSpan.FromMinutes(2), bytes: 4_000_000),
            Temporary(dead, "ffffffff", TimeSpan.FromDays(3)),
            Temporary(alive, "0000abce", TimeSpan.FromHours(2)),
        };

        // Kept: a save in progress holds its temporary locked (here one of this process and one of
        // a process id this process cannot see, as from another PID namespace); a temporary written
        // under 10 seconds ago (a writer that has not locked it yet); one of a running process
        // younger than an hour.
        string lockedAlive = Temporary(alive, "0000abcf", TimeSpan.FromHours(2));
        string lockedDead = Temporary(dead, "0000abd0", TimeSpan.FromHours(2));
        string[] kept =
        {
            lockedAlive,
            lockedDead,
            Temporary(dead, "0000abd1", -TimeSpan.FromMinutes(1)), // stamped ahead: no pause of this test can age it past 10 s
            Temporary(alive, "0000abd2", TimeSpan.FromMinutes(30)),
            // Not a NetGen temporary: another name, an old-style name, a directory, a FIFO (never opened).
            Temporary(dead, "0000ABD3", TimeSpan.FromDays(1)),
            Temporary(dead, "abd4", TimeSpan.FromDays(1)),
            Path.Combine(_directory, $".netgen-x{dead}-0000abd5.tmp"),
            Path.Combine(_directory, "model.ngmf.tmp-0123456789abcdef0123456789abcdef"),
            Path.Combine(_directory, $".netgen-{dead}-0000abd6.tmp"),
            Path.Combine(_directory, $".netgen-{dead}-0000abd7.tmp"),
            Path.Combine(_directory, "model.ngmf"),
        };
        File.WriteAllBytes(kept[6], new byte[10]);
        File.WriteAllBytes(kept[7], new byte[10]);
        Directory.CreateDirectory(kept[8]);
        Assert.Equal(0, mkfifo(kept[9], Convert.ToUInt32("600", 8)));
        foreach (string path in kept[6..10])
        {
            File.SetLastWriteTimeUtc(path, now - TimeSpan.FromDays(1)); // utimensat: a FIFO is not opened
        }

        using (new FileStream(lockedAlive, FileMode.Open, FileAccess.Write, FileShare.None))
        using (new FileStream(lockedDead, FileMode.Open, FileAccess.Write, FileShare.None))
        {
            ModelFile.Save(new TanhIdentityMse(), kept[^1]);
        }

        Assert.All(stale, path => Assert.False(File.Exists(path), path));
        Assert.Equal(kept.Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("fifo", Stat(kept[9]).Type);
    }

    [Fact]
    public void ATargetThatIsNotARegularFileIsRefused()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string fifo = Path.Combine(_directory, "pipe.ngmf");
        Assert.Equal(0, mkfifo(fifo, Convert.ToUInt32("644", 8)));
        string directory = Path.Combine(_directory, "folder.ngmf");
        Directory.CreateDirectory(directory);
        string device = Path.Combine(_directory, "null.ngmf");
        File.CreateSymbolicLink(device, "/dev/null");
        string toDirectory = Path.Combine(_directory, "to-folder.ngmf");
        File.CreateSymbolicLink(toDirectory, "folder.ngmf");

        const string Advice = ", not a regular file, and a save would replace it with one. Choose another path, or remove it first.";
        foreach ((string path, string what) in new[]
        {
            (fifo, "it is a FIFO (named pipe)"),
            (directory, "it is a directory"),
            (device, "it is a symbolic link to '/dev/null', which is a character device"),
            (toDirectory, $"it is a symbolic link to '{directory}', which is a directory"),
        })
        {
            var error = Assert.Throws<IOException>(() => ModelFile.Save(new TanhIdentityMse(), path));
            Assert.Equal($"Cannot save to '{path}': {what}{Advice}", error.Message);
        }

        Assert.Equal("fifo", Stat(fifo).Type);
        Assert.Equal("directory", Stat(directory).Type);
        Assert.Equal("/dev/null", new FileInfo(device).LinkTarget);
        Assert.Equal("character special file", Stat("/dev/null").Type);
        Assert.Equal(new[] { "folder.ngmf", "null.ngmf", "pipe.ngmf", "to-folder.ngmf" },
            Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ASymbolicLinkIsFollowedAndTheFileItPointsToReplaced()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string models = Path.Combine(_directory, "models");
        Directory.CreateDirectory(models);
        string file = Path.Combine(models, "v1.ngmf");
        ModelFile.Save(new TanhIdentityMse(), file);
        File.SetUnixFileMode(file, (UnixFileMode)Convert.ToInt32("640", 8));
        string link = Path.Combine(_directory, "current.ngmf");
        File.CreateSymbolicLink(link, "models/v1.ngmf");

        var network = new TanhIdentityMse();
        FillWithAwkwardValues(((INeuralNetwork)network).Parameters, seed: 13);
        ModelFile.Save(network, link);
        Assert.Equal("models/v1.ngmf", new FileInfo(link).LinkTarget);
        Assert.Equal(SaveToBytes(network), File.ReadAllBytes(file));
        Assert.Equal("640", Stat(file).Mode);

        // A link to a file that does not exist yet: the file is created where the link points.
        string next = Path.Combine(_directory, "next.ngmf");
        File.CreateSymbolicLink(next, "models/v2.ngmf");
        ModelFile.Save(network, next);
        Assert.Equal("models/v2.ngmf", new FileInfo(next).LinkTarget);
        Assert.Equal(SaveToBytes(network), File.ReadAllBytes(Path.Combine(models, "v2.ngmf")));
        Assert.Equal(new[] { "v1.ngmf", "v2.ngmf" }, Directory.GetFileSystemEntries(models).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "current.ngmf", "models", "next.ngmf" }, Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OnnxExportSavesThroughTheSameSafePath()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var network = new TanhIdentityMse();
        byte[] onnx = NetGen.Onnx.OnnxExporter.ToBytes(network);
        string path = Path.Combine(_directory, new string('o', 250) + ".onnx");
        File.WriteAllBytes(path, new byte[] { 1, 2, 3 });
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string stale = Path.Combine(_directory, ".netgen-999999999-0000abcd.tmp"); // above Linux's largest process id
        File.WriteAllBytes(stale, new byte[100]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - TimeSpan.FromHours(2));

        NetGen.Onnx.OnnxExporter.Save(network, path);
        Assert.Equal(onnx, File.ReadAllBytes(path));
        Assert.Equal("600", Stat(path).Mode);
        Assert.False(File.Exists(stale));

        // Written to /dev/null through a link before (the bytes vanished without an error).
        string device = Path.Combine(_directory, "null.onnx");
        File.CreateSymbolicLink(device, "/dev/null");
        var error = Assert.Throws<IOException>(() => NetGen.Onnx.OnnxExporter.Save(network, device));
        Assert.Equal($"Cannot save to '{device}': it is a symbolic link to '/dev/null', which is a character device, not a regular file, and a save would replace it with one. Choose another path, or remove it first.",
            error.Message);
    }

    /// <summary>Mode (octal, as <c>stat -c %a</c>), owner, group and type of <paramref name="path"/>, read by coreutils' stat.</summary>
    private static (string Mode, uint Owner, uint Group, string Type) Stat(string path)
    {
        var start = new ProcessStartInfo("stat", new[] { "-c", "%a %u %g %F", path }) { RedirectStandardOutput = true, UseShellExecute = false };
        using Process stat = Process.Start(start)!;
        string[] fields = stat.StandardOutput.ReadToEnd().Trim().Split(' ', 4);
        stat.WaitForExit();
        Assert.Equal(0, stat.ExitCode);
        return (fields[0], uint.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), uint.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), fields[3]);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);

    [DllImport("libc")]
    private static extern uint geteuid();

    [DllImport("libc")]
    private static extern uint getegid();

    [DllImport("libc")]
    private static extern int setfsuid(uint fsuid);

    [DllImport("libc")]
    private static extern int setfsgid(uint fsgid);

    [Fact]
    public void ArgumentsAreChecked()
    {
        var network = new TanhIdentityMse();
        Assert.Throws<ArgumentNullException>(() => ModelFile.Save(null!, new MemoryStream()));
        Assert.Throws<ArgumentNullException>(() => ModelFile.Save(network, (Stream)null!));
        Assert.Throws<ArgumentException>(() => ModelFile.Save(network, ""));
        Assert.Throws<ArgumentException>(() => ModelFile.Save(network, new MemoryStream(new byte[10], writable: false)));
        Assert.Throws<ArgumentNullException>(() => ModelFile.Load(null!, new MemoryStream()));
        Assert.Throws<ArgumentNullException>(() => ModelFile.Load(network, (string)null!));
        Assert.Throws<ArgumentException>(() => ModelFile.Load(network, new FailingStream(new MemoryStream(), 0)));
        Assert.Throws<ArgumentNullException>(() => ModelFile.ReadInfo((Stream)null!));
        Assert.Throws<ArgumentException>(() => ModelFile.ReadInfo(""));
    }

    // ---------------------------------------------------------------- ReadInfo

    [Fact]
    public void ReadInfoDescribesAFileWithAndWithoutState()
    {
        ITrainableNetwork network = new ModelFileLoopsAdam();
        Train(network, 4);
        string path = Path.Combine(_directory, "info.ngmf");
        ModelFile.Save(network, path, includeOptimizerState: true);

        ModelInfo info = ModelFile.ReadInfo(path);
        Assert.Equal(2, info.FormatVersion);
        Assert.Equal("4 > Dense(40, ReLU) > Dense(3, Softmax)", info.Architecture);
        Assert.Equal(network.ArchitectureFingerprint, info.ArchitectureFingerprint);
        Assert.Equal(4, info.InputSize);
        Assert.Equal(3, info.OutputSize);
        Assert.Equal(4 * 40 + 40 + 40 * 3 + 3, info.ParameterCount);
        Assert.True(info.HasOptimizerState);
        Assert.Equal(Optimizer.Adam, info.Optimizer);
        Assert.Equal(4L, info.Step);
        Assert.Equal(2 * info.ParameterCount, info.OptimizerStateLength);

        ModelInfo plain = ModelFile.ReadInfo(new MemoryStream(SaveToBytes(network)));
        Assert.Equal(info with { HasOptimizerState = false, Optimizer = null, Step = null, OptimizerStateLength = 0 }, plain);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>
    /// Loads <paramref name="data"/> into networks of each kind the tests save and reads its info: every
    /// call must throw InvalidDataException (never another exception) and no network may change.
    /// </summary>
    private static void ExpectInvalidData(byte[] data, out string message)
    {
        INeuralNetwork[] targets = { TrainedAdam(1), new TanhIdentityMse(), new ModelFileInference342() };
        message = "";
        foreach (INeuralNetwork target in targets)
        {
            NetworkSnapshot before = NetworkSnapshot.Of(target);
            Exception? error = Record.Exception(() => ModelFile.Load(target, new MemoryStream(data)));
            Assert.True(error is InvalidDataException, $"Expected InvalidDataException for {data.Length} bytes, got {error?.ToString() ?? "no exception"}");
            before.AssertUnchanged(target);
        }

        Exception? infoError = Record.Exception(() => ModelFile.ReadInfo(new MemoryStream(data)));
        Assert.True(infoError is InvalidDataException, $"Expected InvalidDataException from ReadInfo, got {infoError?.ToString() ?? "no exception"}");
        message = infoError!.Message;
    }

    private static ITrainableNetwork TrainedAdam(int steps)
    {
        ITrainableNetwork network = new AdamCustom();
        Train(network, steps);
        return network;
    }

    private static void FixChecksum(byte[] file) =>
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(file.Length - 4), Crc32.Compute(file.AsSpan(0, file.Length - 4)));

    private static byte[] SaveToBytes(INeuralNetwork network, bool includeOptimizerState = false)
    {
        var stream = new MemoryStream();
        ModelFile.Save(network, stream, includeOptimizerState);
        return stream.ToArray();
    }

    /// <summary>Trains on one fixed batch (a count below BatchSize, so partial batches are covered too).</summary>
    private static void Train(ITrainableNetwork network, int steps)
    {
        int count = Math.Min(3, network.BatchSize);
        var random = new SeededRandom(99);
        float[] inputs = new float[count * network.InputSize];
        float[] targets = new float[count * network.OutputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = random.NextSingle() * 2 - 1;
        }

        for (int s = 0; s < count; s++)
        {
            // A one-hot target suits every loss the tests use (MSE and cross-entropy).
            targets[s * network.OutputSize + random.NextInt32(network.OutputSize)] = 1;
        }

        for (int step = 0; step < steps; step++)
        {
            network.TrainBatch(inputs, targets, count);
        }
    }

    /// <summary>Random values plus the ones a lossy format would get wrong: ±0, subnormals, infinities, NaN payloads, extremes.</summary>
    private static void FillWithAwkwardValues(Span<float> values, long seed)
    {
        var random = new SeededRandom(seed);
        float[] awkward =
        {
            -0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, float.PositiveInfinity,
            float.NegativeInfinity, BitConverter.UInt32BitsToSingle(0x7FC12345), BitConverter.UInt32BitsToSingle(0xFFA00001),
            1e-40f, 0.1f,
        };
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = i < awkward.Length ? awkward[i] : BitConverter.UInt32BitsToSingle((uint)random.NextUInt64());
        }
    }

    private static uint[] Bits(ReadOnlySpan<float> values)
    {
        uint[] bits = new uint[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.SingleToUInt32Bits(values[i]);
        }

        return bits;
    }

    private static uint[] Bits(Span<float> values) => Bits((ReadOnlySpan<float>)values);

    /// <summary>Everything a load may change: parameters, optimizer state and step.</summary>
    private sealed record NetworkSnapshot(uint[] Parameters, uint[] State, long Step)
    {
        public static NetworkSnapshot Of(INeuralNetwork network) => network is ITrainableNetwork t
            ? new(Bits(network.Parameters), Bits(t.OptimizerState), t.Step)
            : new(Bits(network.Parameters), Array.Empty<uint>(), 0);

        public void AssertUnchanged(INeuralNetwork network)
        {
            NetworkSnapshot now = Of(network);
            Assert.Equal(Parameters, now.Parameters);
            Assert.Equal(State, now.State);
            Assert.Equal(Step, now.Step);
        }
    }

    /// <summary>A hand-written network that says whatever the test needs about its architecture and sizes.</summary>
    private sealed class FakeNetwork(string architecture, ulong fingerprint, int inputSize, int outputSize, int parameterCount) : ITrainableNetwork
    {
        private readonly float[] _parameters = new float[parameterCount];
        private float[]? _state;

        public Optimizer TrainableOptimizer { get; init; } = Optimizer.Sgd;

        public int StateLength { get; init; }

        public int InputSize => inputSize;
        public int OutputSize => outputSize;
        public int ParameterCount => parameterCount;
        public string Architecture => architecture;
        public ulong ArchitectureFingerprint => fingerprint;
        public Span<float> Parameters => _parameters;
        public int BatchSize => 1;
        public Span<float> Gradients => Span<float>.Empty;
        public float LearningRate { get; set; }
        public long Step { get; private set; }
        public Loss Loss => Loss.MeanSquaredError;
        public Optimizer Optimizer => TrainableOptimizer;
        public Span<float> OptimizerState => _state ??= new float[StateLength];

        public void RestoreStep(long step) => Step = step;
        public void Predict(ReadOnlySpan<float> input, Span<float> output) => throw new NotSupportedException();

        public void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int count) => throw new NotSupportedException();
        public float ComputeLossAndGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count) => throw new NotSupportedException();
        public void ApplyGradients() => throw new NotSupportedException();
        public float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count) => throw new NotSupportedException();
    }

    /// <summary>Passes writes through until <c>failAfter</c> bytes, then throws, as a full disk would.</summary>
    private sealed class FailingStream(Stream inner, int failAfter) : Stream
    {
        private long _written;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            int allowed = (int)Math.Max(0, Math.Min(buffer.Length, failAfter - _written));
            inner.Write(buffer[..allowed]);
            _written += allowed;
            if (allowed < buffer.Length)
            {
                throw new IOException("simulated: no space left on device");
            }
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>A readable stream that cannot seek and hides its buffer, like a network stream.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, 7), data.Length - _position); // short reads on purpose
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
