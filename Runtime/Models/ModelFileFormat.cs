using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Text;

namespace NetGen.Models;

/// <summary>
/// The model file format, version 1 (docs/model-format.md): the byte layout, the writer and the
/// validating reader. All integers and floats are little-endian, written and read with
/// <see cref="BinaryPrimitives"/> whatever the machine's byte order.
/// </summary>
/// <remarks>
/// <code>
/// offset  size  field
///  0       4    magic "NGMF"
///  4       2    format version (u16) = 1
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
///          4    CRC-32 of every preceding byte (u32)
/// </code>
/// </remarks>
internal static class ModelFileFormat
{
    /// <summary>The version this runtime writes and the only one it reads.</summary>
    public const ushort Version = 1;

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

        byte[] architecture = StrictUtf8.GetBytes(network.Architecture);
        ReadOnlySpan<float> state = optimizer is null ? default : optimizer.OptimizerState;
        long size = FixedHeaderSize + architecture.Length
            + (optimizer is null ? 0 : OptimizerHeaderSize)
            + 4L * parameters.Length + 4L * state.Length + ChecksumSize;

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
        output.Finish();
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
        if (version != Version)
        {
            throw new InvalidDataException(version > Version
                ? Invariant($"{subject} has format version {version}, which is newer than this runtime supports ({Version}).")
                : Invariant($"{subject} has format version {version}, which is not a valid NetGen model format version (this runtime reads {Version})."));
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
        Layout layout = ReadLayout(data);

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
            throw Malformed(subject, Invariant($"it sets flags 0x{flags:X4}, but format version {Version} defines only bit 0 (optimizer state)"));
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
        var info = new ModelInfo
        {
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
    private static Layout ReadLayout(ReadOnlySpan<byte> data)
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
        return new Layout(hasState, parameterCount, architectureLength, stateLength, total, IsExact: true, Problem: null);
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
        bool HasOptimizerState, int ParameterCount, int ArchitectureLength, int StateLength, long TotalSize, bool IsExact, string? Problem)
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
