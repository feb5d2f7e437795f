using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen.Models;

/// <summary>
/// The model file format, version 2 (docs/model-format.md): the byte layout, the writer and the
/// validating reader (which also reads version 1, the same layout without the preprocessing block). All integers and floats are little-endian, written and read with
/// <see cref="BinaryPrimitives"/> whatever the machine's byte order.
/// </summary>
/// <remarks>
/// <code>
/// offset  size  field
///  0       4    magic "NGMF"
///  4       2    format version (u16) = 2 (1: no preprocessing block)
///  6       2    flags (u16); bit 0: optimizer state present
///  8       8    architecture fingerprint (u64)
/// 16       4    input size (i32)
/// 20       4    output size (i32)
/// 24       4    parameter count P (i32)
/// 28       4    architecture text length A (i32)
/// 32       A    architecture text, UTF-8
///  [flag 0: optimizer (i32) | step (i64) | state length S (i32)]    16 bytes
///         4P    parameters (f32)
///  [flag 0: 4S  optimizer state (f32)]
///  version 2 only, the preprocessing block:
///          4    input scaling (i32): 0 none, 1 Standardize, 2 MinMax
///          4    class name count C (i32)
///          4    class names length N in bytes (i32)
///  [scaling ≠ 0: 4I offsets (f32), then 4I divisors (f32); I = input size]
///          N    class names: C × (byte length (i32), UTF-8 bytes)
///          4    CRC-32 of every preceding byte (u32)
/// </code>
/// </remarks>
internal static class ModelFileFormat
{
    /// <summary>The version this runtime writes; it reads this one and version 1.</summary>
    public const ushort Version = 2;

    /// <summary>The oldest version this runtime reads: version 1, without the preprocessing block.</summary>
    public const ushort OldestVersion = 1;

    /// <summary>Version 2's preprocessing block header: scaling kind, class name count, class names length.</summary>
    public const int PreprocessingHeaderSize = 12;

    /// <summary>Flag bit 0: the optimizer block and the optimizer state are present.</summary>
    public const ushort OptimizerStateFlag = 1;

    /// <summary>Magic, version, flags, fingerprint, input and output size, parameter count, text length.</summary>
    public const int FixedHeaderSize = 32;

    /// <summary>Optimizer (i32), step (i64), state length (i32).</summary>
    public const int OptimizerHeaderSize = 16;

    /// <summary>The trailing CRC-32.</summary>
    public const int ChecksumSize = 4;

    /// <summary>The smallest possible file: the fixed header, no text, no parameters, the checksum.</summary>
    public const int MinimumSize = FixedHeaderSize + ChecksumSize;

    private const int VersionOffset = 4;
    private const int FlagsOffset = 6;
    private const int FingerprintOffset = 8;
    private const int InputSizeOffset = 16;
    private const int OutputSizeOffset = 20;
    private const int ParameterCountOffset = 24;
    private const int ArchitectureLengthOffset = 28;
    private const int WriteBufferSize = 64 * 1024;

    /// <summary>The four bytes every model file starts with: "NGMF".</summary>
    public static ReadOnlySpan<byte> Magic => "NGMF"u8;

    /// <summary>Rejects invalid UTF-8 instead of replacing it, so that a bad text is reported, not compared.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes <paramref name="network"/> (and, if <paramref name="optimizer"/> is set, its optimizer state) to <paramref name="stream"/>.</summary>
    public static void Write(INeuralNetwork network, ITrainableNetwork? optimizer, Stream stream)
    {
        ReadOnlySpan<float> parameters = network.Parameters;
        if (parameters.Length != network.ParameterCount)
        {
            throw new ArgumentException(
                Invariant($"The network's Parameters hold {parameters.Length} values, but its ParameterCount is {network.ParameterCount}."),
                nameof(network));
        }

        InputScaling scaling = InputScaling.None;
        ReadOnlySpan<float> offsets = default, divisors = default;
        if (network is IInputScaled scaled)
        {
            if (!scaled.IsInputScalingFitted)
            {
                throw new InvalidOperationException(Invariant(
                    $"The network '{network.Architecture}' declares an input scaling that is not fitted yet, so a file saved now could not predict: fit it first (FitInputScaling(trainingData), or train it with the Trainer)."));
            }

            scaling = scaled.InputScaling;
            offsets = scaled.InputOffsets;
            divisors = scaled.InputDivisors;
        }

        byte[] names = EncodeClassNames(network.ClassNames, out int classCount);
        byte[] architecture = StrictUtf8.GetBytes(network.Architecture);
        ReadOnlySpan<float> state = optimizer is null ? default : optimizer.OptimizerState;
        long size = FixedHeaderSize + architecture.Length
            + (optimizer is null ? 0 : OptimizerHeaderSize)
            + 4L * parameters.Length + 4L * state.Length
            + PreprocessingHeaderSize + 4L * offsets.Length + 4L * divisors.Length + names.Length + ChecksumSize;

        var output = new ChecksumWriter(stream, (int)Math.Min(size, WriteBufferSize));

        Span<byte> header = stackalloc byte[FixedHeaderSize];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[VersionOffset..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(header[FlagsOffset..], optimizer is null ? (ushort)0 : OptimizerStateFlag);
        BinaryPrimitives.WriteUInt64LittleEndian(header[FingerprintOffset..], network.ArchitectureFingerprint);
        BinaryPrimitives.WriteInt32LittleEndian(header[InputSizeOffset..], network.InputSize);
        BinaryPrimitives.WriteInt32LittleEndian(header[OutputSizeOffset..], network.OutputSize);
        BinaryPrimitives.WriteInt32LittleEndian(header[ParameterCountOffset..], parameters.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header[ArchitectureLengthOffset..], architecture.Length);
        output.Write(header);
        output.Write(architecture);

        if (optimizer is not null)
        {
            Span<byte> block = stackalloc byte[OptimizerHeaderSize];
            BinaryPrimitives.WriteInt32LittleEndian(block, (int)optimizer.Optimizer);
            BinaryPrimitives.WriteInt64LittleEndian(block[4..], optimizer.Step);
            BinaryPrimitives.WriteInt32LittleEndian(block[12..], state.Length);
            output.Write(block);
        }

        output.Write(parameters);
        output.Write(state);
        Span<byte> preprocessing = stackalloc byte[PreprocessingHeaderSize];
        BinaryPrimitives.WriteInt32LittleEndian(preprocessing, (int)scaling);
        BinaryPrimitives.WriteInt32LittleEndian(preprocessing[4..], classCount);
        BinaryPrimitives.WriteInt32LittleEndian(preprocessing[8..], names.Length);
        output.Write(preprocessing);
        output.Write(offsets);
        output.Write(divisors);
        output.Write(names);
        output.Finish();
    }

    /// <summary>The class names as version 2 stores them: each its UTF-8 byte length (i32) and bytes.</summary>
    private static byte[] EncodeClassNames(IReadOnlyList<string>? classNames, out int count)
    {
        count = classNames?.Count ?? 0;
        if (classNames is null || count == 0)
        {
            return [];
        }

        var bytes = new List<byte>();
        Span<byte> length = stackalloc byte[4];
        for (int c = 0; c < count; c++)
        {
            string name = classNames[c] ?? throw new ArgumentException(Invariant($"ClassNames[{c}] is null; every class needs a name."), "network");
            byte[] text = StrictUtf8.GetBytes(name);
            BinaryPrimitives.WriteInt32LittleEndian(length, text.Length);
            bytes.AddRange(length.ToArray());
            bytes.AddRange(text);
        }

        return bytes.ToArray();
    }

    /// <summary>
    /// Checks every byte of <paramref name="data"/> and describes the file; throws
    /// <see cref="InvalidDataException"/> for anything but a complete, intact version-1 file.
    /// </summary>
    /// <param name="data">The whole file.</param>
    /// <param name="subject">How messages name the file: "The model file" or "The model file 'path'".</param>
    public static ParsedModelFile Parse(ReadOnlySpan<byte> data, string subject)
    {
        int magicLength = Math.Min(data.Length, Magic.Length);
        if (!data[..magicLength].SequenceEqual(Magic[..magicLength]))
        {
            throw NotAModelFile(subject, data[..magicLength]);
        }

        if (data.Length < FlagsOffset)
        {
            throw Truncated(subject, MinimumSize, data.Length, exact: false);
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(data[VersionOffset..]);
        if (version is < OldestVersion or > Version)
        {
            throw new InvalidDataException(version > Version
                ? Invariant($"{subject} has format version {version}, which is newer than this runtime supports ({Version}).")
                : Invariant($"{subject} has format version {version}, which is not a valid NetGen model format version (this runtime reads {OldestVersion} to {Version})."));
        }

        if (data.Length < MinimumSize)
        {
            throw Truncated(subject, MinimumSize, data.Length, exact: false);
        }

        // The checksum comes first: once it matches, every length below is the one that was written.
        // Until then each length is only used to explain the failure, never to allocate or index.
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(data[^ChecksumSize..]);
        uint computed = Crc32.Compute(data[..^ChecksumSize]);
        bool intact = stored == computed;
        Layout layout = ReadLayout(data, version);

        if (layout.Problem is not null)
        {
            throw intact ? Malformed(subject, layout.Problem) : Corrupted(subject, stored, computed);
        }

        if (layout.TotalSize > data.Length)
        {
            throw intact
                ? Malformed(subject, Invariant($"its header describes a file of {layout.TotalSize} bytes, but it has {data.Length}"))
                : Truncated(subject, layout.TotalSize, data.Length, layout.IsExact);
        }

        if (layout.TotalSize < data.Length)
        {
            if (intact)
            {
                throw Malformed(subject, Invariant($"its header describes a file of {layout.TotalSize} bytes, but it has {data.Length}"));
            }

            // Is there a complete, intact model followed by something else?
            int end = (int)layout.TotalSize;
            if (BinaryPrimitives.ReadUInt32LittleEndian(data[(end - ChecksumSize)..end]) == Crc32.Compute(data[..(end - ChecksumSize)]))
            {
                throw new InvalidDataException(Invariant(
                    $"{subject} has {data.Length - end} trailing bytes after its checksum: the model ends after byte {end}, the data after byte {data.Length}."));
            }

            throw Corrupted(subject, stored, computed);
        }

        if (!intact)
        {
            throw Corrupted(subject, stored, computed);
        }

        // Intact and complete: the remaining checks are about values a correct writer never produces.
        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(data[FlagsOffset..]);
        if ((flags & ~OptimizerStateFlag) != 0)
        {
            throw Malformed(subject, Invariant($"it sets flags 0x{flags:X4}, but format version {version} defines only bit 0 (optimizer state)"));
        }

        int inputSize = BinaryPrimitives.ReadInt32LittleEndian(data[InputSizeOffset..]);
        int outputSize = BinaryPrimitives.ReadInt32LittleEndian(data[OutputSizeOffset..]);
        if (inputSize < 0 || outputSize < 0)
        {
            throw Malformed(subject, Invariant($"its input size is {inputSize} and its output size {outputSize}"));
        }

        string architecture;
        try
        {
            architecture = StrictUtf8.GetString(data.Slice(FixedHeaderSize, layout.ArchitectureLength));
        }
        catch (DecoderFallbackException)
        {
            throw Malformed(subject, "its architecture text is not valid UTF-8");
        }

        int position = FixedHeaderSize + layout.ArchitectureLength;
        Optimizer? optimizer = null;
        long? step = null;
        if (layout.HasOptimizerState)
        {
            // An optimizer this runtime does not know is kept as its number: no network here has it,
            // so a load ignores its state (as for any other optimizer) and still reads the parameters.
            optimizer = (Optimizer)BinaryPrimitives.ReadInt32LittleEndian(data[position..]);
            step = BinaryPrimitives.ReadInt64LittleEndian(data[(position + 4)..]);
            if (step < 0)
            {
                throw Malformed(subject, Invariant($"its optimizer step is {step}"));
            }

            position += OptimizerHeaderSize;
        }

        int parametersOffset = position;
        (InputScaling scaling, float[]? offsets, float[]? divisors, string[]? classNames) = version >= 2
            ? ReadPreprocessing(data, layout, inputSize, subject)
            : (InputScaling.None, null, null, null);
        var info = new ModelInfo
        {
            InputScaling = scaling,
            InputOffsets = offsets is null ? null : Array.AsReadOnly(offsets),
            InputDivisors = divisors is null ? null : Array.AsReadOnly(divisors),
            ClassNames = classNames is null ? null : Array.AsReadOnly(classNames),
            FormatVersion = version,
            Architecture = architecture,
            ArchitectureFingerprint = BinaryPrimitives.ReadUInt64LittleEndian(data[FingerprintOffset..]),
            InputSize = inputSize,
            OutputSize = outputSize,
            ParameterCount = layout.ParameterCount,
            HasOptimizerState = layout.HasOptimizerState,
            Optimizer = optimizer,
            Step = step,
            OptimizerStateLength = layout.StateLength,
        };
        return new ParsedModelFile(info, parametersOffset, parametersOffset + 4 * layout.ParameterCount);
    }

    /// <summary>Reads and checks version 2's preprocessing block (the checksum already matched).</summary>
    private static (InputScaling, float[]?, float[]?, string[]?) ReadPreprocessing(ReadOnlySpan<byte> data, Layout layout, int inputSize, string subject)
    {
        int position = (int)layout.PreprocessingOffset;
        var scaling = (InputScaling)BinaryPrimitives.ReadInt32LittleEndian(data[position..]);
        int classCount = BinaryPrimitives.ReadInt32LittleEndian(data[(position + 4)..]);
        int namesLength = BinaryPrimitives.ReadInt32LittleEndian(data[(position + 8)..]);
        position += PreprocessingHeaderSize;
        float[]? offsets = null, divisors = null;
        if (scaling != InputScaling.None)
        {
            offsets = new float[inputSize];
            divisors = new float[inputSize];
            ReadSingles(data[position..], offsets);
            ReadSingles(data[(position + 4 * inputSize)..], divisors);
            position += 8 * inputSize;
            for (int j = 0; j < inputSize; j++)
            {
                if (!float.IsFinite(offsets[j]) || !(divisors[j] > 0 && float.IsFinite(divisors[j])))
                {
                    throw Malformed(subject, Invariant($"its input scaling of input {j} is offset {offsets[j]}, divisor {divisors[j]} (expected a finite offset and a finite, positive divisor)"));
                }
            }
        }

        string[]? names = null;
        if (classCount > 0)
        {
            names = new string[classCount];
            int end = position + namesLength;
            for (int c = 0; c < classCount; c++)
            {
                int length = position + 4 <= end ? BinaryPrimitives.ReadInt32LittleEndian(data[position..]) : -1;
                if (length < 0 || position + 4L + length > end)
                {
                    throw Malformed(subject, Invariant($"its {classCount} class names do not fit their {namesLength} bytes (class name {c})"));
                }

                try
                {
                    names[c] = StrictUtf8.GetString(data.Slice(position + 4, length));
                }
                catch (DecoderFallbackException)
                {
                    throw Malformed(subject, Invariant($"class name {c} is not valid UTF-8"));
                }

                position += 4 + length;
            }

            if (position != end)
            {
                throw Malformed(subject, Invariant($"its {classCount} class names take {namesLength - (end - position)} bytes, but their block is {namesLength} bytes"));
            }
        }
        else if (namesLength != 0)
        {
            throw Malformed(subject, Invariant($"it has no class names but a class names block of {namesLength} bytes"));
        }

        return (scaling, offsets, divisors, names);
    }

    /// <summary>Copies <c>destination.Length</c> little-endian floats from <paramref name="source"/>, bit for bit.</summary>
    public static void ReadSingles(ReadOnlySpan<byte> source, Span<float> destination)
    {
        source = source[..(4 * destination.Length)];
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
        }
    }

    /// <summary>Formats a message with the invariant culture.</summary>
    public static string Invariant(FormattableString message) => FormattableString.Invariant(message);

    /// <summary>
    /// The lengths the header declares and the file size they imply, read defensively: nothing here
    /// is trusted yet (the checksum may not match), so a negative length is reported, not used.
    /// </summary>
    private static Layout ReadLayout(ReadOnlySpan<byte> data, int version)
    {
        bool hasState = (BinaryPrimitives.ReadUInt16LittleEndian(data[FlagsOffset..]) & OptimizerStateFlag) != 0;
        int parameterCount = BinaryPrimitives.ReadInt32LittleEndian(data[ParameterCountOffset..]);
        int architectureLength = BinaryPrimitives.ReadInt32LittleEndian(data[ArchitectureLengthOffset..]);
        if (parameterCount < 0)
        {
            return Layout.Invalid(Invariant($"its parameter count is {parameterCount}"));
        }

        if (architectureLength < 0)
        {
            return Layout.Invalid(Invariant($"its architecture text length is {architectureLength}"));
        }

        // At most 32 + 2³¹ + 16 + 2 × 4 × 2³¹ + 4 < 2³⁵: long arithmetic never overflows.
        long position = FixedHeaderSize + (long)architectureLength;
        int stateLength = 0;
        if (hasState)
        {
            if (position + OptimizerHeaderSize > data.Length)
            {
                // The state length is beyond the end of the data: the size is at least this much.
                long atLeast = position + OptimizerHeaderSize + 4L * parameterCount + ChecksumSize;
                return new Layout(hasState, parameterCount, architectureLength, 0, atLeast, IsExact: false, Problem: null);
            }

            stateLength = BinaryPrimitives.ReadInt32LittleEndian(data[(int)(position + 12)..]);
            if (stateLength < 0)
            {
                return Layout.Invalid(Invariant($"its optimizer state length is {stateLength}"));
            }

            position += OptimizerHeaderSize;
        }

        long total = position + 4L * parameterCount + 4L * stateLength + ChecksumSize;
        if (version < 2)
        {
            return new Layout(hasState, parameterCount, architectureLength, stateLength, total, IsExact: true, Problem: null);
        }

        // Version 2: the preprocessing block between the state and the checksum.
        long block = total - ChecksumSize;
        if (block + PreprocessingHeaderSize > data.Length)
        {
            return new Layout(hasState, parameterCount, architectureLength, stateLength, total + PreprocessingHeaderSize, IsExact: false, Problem: null, block);
        }

        int scaling = BinaryPrimitives.ReadInt32LittleEndian(data[(int)block..]);
        int classCount = BinaryPrimitives.ReadInt32LittleEndian(data[(int)(block + 4)..]);
        int namesLength = BinaryPrimitives.ReadInt32LittleEndian(data[(int)(block + 8)..]);
        int inputSize = BinaryPrimitives.ReadInt32LittleEndian(data[InputSizeOffset..]);
        if (scaling is < 0 or > 2)
        {
            return Layout.Invalid(Invariant($"its input scaling is {scaling} (0 none, 1 Standardize, 2 MinMax)"));
        }

        if (classCount < 0 || namesLength < 0)
        {
            return Layout.Invalid(Invariant($"its class name count is {classCount} and their length {namesLength} bytes"));
        }

        if (scaling != 0 && inputSize < 0)
        {
            return Layout.Invalid(Invariant($"its input size is {inputSize}"));
        }

        total += PreprocessingHeaderSize + (scaling != 0 ? 8L * inputSize : 0) + namesLength;
        return new Layout(hasState, parameterCount, architectureLength, stateLength, total, IsExact: true, Problem: null, block);
    }

    private static InvalidDataException NotAModelFile(string subject, ReadOnlySpan<byte> magic) =>
        new(Invariant($"{subject} is not a NetGen model file (magic {Hex(magic)} \"{Ascii(magic)}\", expected {Hex(Magic)} \"NGMF\")."));

    private static InvalidDataException Truncated(string subject, long expected, int actual, bool exact) =>
        new(Invariant($"{subject} is truncated: expected {(exact ? "" : "at least ")}{expected} bytes, the file ends after {actual}."));

    private static InvalidDataException Corrupted(string subject, uint stored, uint computed) =>
        new(Invariant($"{subject} is corrupted: checksum mismatch: stored 0x{stored:X8}, computed 0x{computed:X8}."));

    private static InvalidDataException Malformed(string subject, string detail) =>
        new(Invariant($"{subject} is malformed although its checksum matches: {detail}."));

    private static string Hex(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(3 * bytes.Length);
        foreach (byte b in bytes)
        {
            text.Append(text.Length == 0 ? "" : " ").Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static string Ascii(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (byte b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }

        return text.ToString();
    }

    private readonly record struct Layout(
        bool HasOptimizerState, int ParameterCount, int ArchitectureLength, int StateLength, long TotalSize, bool IsExact, string? Problem, long PreprocessingOffset = 0)
    {
        public static Layout Invalid(string problem) => new(false, 0, 0, 0, 0, false, problem);
    }

    /// <summary>Buffers writes and keeps the running CRC-32 of everything written.</summary>
    private sealed class ChecksumWriter(Stream stream, int bufferSize)
    {
        private readonly byte[] _buffer = new byte[Math.Max(bufferSize, 4)];
        private int _count;
        private uint _crc;

        public void Write(ReadOnlySpan<byte> bytes)
        {
            while (!bytes.IsEmpty)
            {
                if (_count == _buffer.Length)
                {
                    Flush();
                }

                int n = Math.Min(bytes.Length, _buffer.Length - _count);
                bytes[..n].CopyTo(_buffer.AsSpan(_count));
                _count += n;
                bytes = bytes[n..];
            }
        }

        public void Write(ReadOnlySpan<float> values)
        {
            foreach (float value in values)
            {
                if (_buffer.Length - _count < 4)
                {
                    Flush();
                }

                BinaryPrimitives.WriteSingleLittleEndian(_buffer.AsSpan(_count), value);
                _count += 4;
            }
        }

        /// <summary>Writes the buffered bytes, then the checksum of everything (which it does not cover).</summary>
        public void Finish()
        {
            Flush();
            Span<byte> checksum = stackalloc byte[ChecksumSize];
            BinaryPrimitives.WriteUInt32LittleEndian(checksum, _crc);
            stream.Write(checksum);
            stream.Flush();
        }

        private void Flush()
        {
            _crc = Crc32.Append(_crc, _buffer.AsSpan(0, _count));
            stream.Write(_buffer, 0, _count);
            _count = 0;
        }
    }
}

/// <summary>A model file that passed every check: what it holds and where its arrays start.</summary>
/// <param name="Info">The header.</param>
/// <param name="ParametersOffset">The byte offset of the parameters.</param>
/// <param name="StateOffset">The byte offset of the optimizer state (meaningful when it is present).</param>
internal sealed record ParsedModelFile(ModelInfo Info, int ParametersOffset, int StateOffset);
