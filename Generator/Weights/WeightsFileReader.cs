using System;
using System.Text;
using NetGen.Generator.Model;

namespace NetGen.Generator.Weights;

/// <summary>
/// Reads a NetGen model file (format NGMF version 1 or 2, docs/model-format.md) at compile time.
/// </summary>
/// <remarks>
/// The compiler hands generators additional files as text only, and refuses binary ones (CS2015), so
/// the build targets (build/package/NetGen.targets) turn each <c>NetGenModel</c> item into a text file
/// <c>obj/…/netgen/NAME.ngmf.b64</c>: a first line <c>NetGen model PATH</c> (the item as written), then
/// the file's bytes in base64. This class decodes it and checks the whole file as the runtime's
/// <c>ModelFile</c> does, without trusting any length before the checksum matches; it never throws.
/// </remarks>
internal static class WeightsFileReader
{
    /// <summary>The suffix of the encoded files the targets write.</summary>
    public const string Suffix = ".ngmf.b64";

    private const int FixedHeader = 32;
    private const int StateHeader = 16;

    public static WeightsFile Read(string path, string? text)
    {
        (string identity, byte[]? bytes, string? error) = EncodedModel.Decode(path, text);
        if (bytes is null)
        {
            return Fail(identity, error!);
        }

        try
        {
            return Parse(identity, bytes);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Fail(identity, "it could not be read (" + ex.GetType().Name + ")");
        }
    }

    /// <summary>Checks and reads the bytes of a model file.</summary>
    public static WeightsFile Parse(string identity, byte[] bytes)
    {
        if (bytes.Length < FixedHeader + 4)
        {
            return Fail(identity, $"it is {bytes.Length} bytes long, shorter than any model file");
        }

        if (bytes[0] != (byte)'N' || bytes[1] != (byte)'G' || bytes[2] != (byte)'M' || bytes[3] != (byte)'F')
        {
            return Fail(identity, "it does not start with the model file magic 'NGMF'");
        }

        int version = U16(bytes, 4);
        if (version is not (1 or 2))
        {
            return Fail(identity, $"it is format version {version}; this NetGen reads versions 1 and 2");
        }

        int flags = U16(bytes, 6);
        bool hasState = (flags & 1) != 0;
        long parameterCount = I32(bytes, 24);
        long textLength = I32(bytes, 28);
        long header = FixedHeader + textLength + (hasState ? StateHeader : 0);
        long stateLength = hasState && header <= bytes.Length - 4 && textLength >= 0 ? I32(bytes, (int)(FixedHeader + textLength + 12)) : 0;
        long expected = header + 4 * parameterCount + 4 * stateLength + 4;
        long preprocessing = expected - 4; // version 2: the preprocessing block starts here
        long scaling = 0, classCount = 0, namesLength = 0, inputs = I32(bytes, 16);
        if (version == 2 && textLength >= 0 && parameterCount >= 0 && stateLength >= 0)
        {
            if (preprocessing + PreprocessingHeader > bytes.Length - 4)
            {
                return Fail(identity, $"its length ({bytes.Length} bytes) does not match the sizes in its header (truncated or extended)");
            }

            scaling = I32(bytes, (int)preprocessing);
            classCount = I32(bytes, (int)preprocessing + 4);
            namesLength = I32(bytes, (int)preprocessing + 8);
            if (scaling is < 0 or > 2 || classCount < 0 || namesLength < 0 || inputs < 0)
            {
                return Fail(identity, $"its preprocessing block is invalid (scaling {scaling}, {classCount} class names in {namesLength} bytes)");
            }

            expected += PreprocessingHeader + (scaling != 0 ? 8 * inputs : 0) + namesLength;
        }

        if (textLength < 0 || parameterCount < 0 || stateLength < 0 || expected != bytes.Length)
        {
            return Fail(identity, $"its length ({bytes.Length} bytes) does not match the sizes in its header (truncated or extended)");
        }

        uint stored = (uint)I32(bytes, bytes.Length - 4);
        uint computed = Crc32(bytes, bytes.Length - 4);
        if (stored != computed)
        {
            return Fail(identity, $"its checksum does not match (stored 0x{stored:X8}, computed 0x{computed:X8}): the file is corrupt");
        }

        if ((flags & ~1) != 0)
        {
            return Fail(identity, $"it has unknown flags 0x{flags:X4}");
        }

        string architecture;
        try
        {
            architecture = new UTF8Encoding(false, true).GetString(bytes, FixedHeader, (int)textLength);
        }
        catch (ArgumentException)
        {
            return Fail(identity, "its architecture text is not UTF-8");
        }

        ulong fingerprint = (ulong)I32(bytes, 8) & 0xFFFFFFFFUL | ((ulong)(uint)I32(bytes, 12) << 32);
        byte[] parameters = new byte[4 * parameterCount];
        Buffer.BlockCopy(bytes, (int)header, parameters, 0, parameters.Length);
        Preprocessing? extra = null;
        if (version == 2)
        {
            int position = (int)preprocessing + PreprocessingHeader;
            var offsets = new float[scaling != 0 ? inputs : 0];
            var divisors = new float[offsets.Length];
            for (int j = 0; j < offsets.Length; j++)
            {
                offsets[j] = Single(bytes, position + 4 * j);
                divisors[j] = Single(bytes, position + 4 * (offsets.Length + j));
            }

            position += 8 * offsets.Length;
            int end = position + (int)namesLength;
            var names = new string[classCount];
            for (int c = 0; c < names.Length; c++)
            {
                int length = position + 4 <= end ? I32(bytes, position) : -1;
                if (length < 0 || position + 4 + (long)length > end)
                {
                    return Fail(identity, "its class names do not fit their block");
                }

                try
                {
                    names[c] = new UTF8Encoding(false, true).GetString(bytes, position + 4, length);
                }
                catch (ArgumentException)
                {
                    return Fail(identity, "a class name is not UTF-8");
                }

                position += 4 + length;
            }

            extra = new Preprocessing((int)scaling, new EquatableArray<float>(offsets), new EquatableArray<float>(divisors), new EquatableArray<string>(names));
        }

        return new WeightsFile(identity, null, architecture, fingerprint, (int)parameterCount, new EquatableArray<byte>(parameters), extra);
    }

    /// <summary>Version 2's preprocessing block header: scaling kind, class name count, class names byte length.</summary>
    private const int PreprocessingHeader = 12;

    private static float Single(byte[] b, int offset)
    {
        int bits = I32(b, offset);
        return BitConverter.ToSingle(BitConverter.GetBytes(bits), 0);
    }

    private static WeightsFile Fail(string identity, string error) => new(identity, error, string.Empty, 0, 0, default);

    private static int U16(byte[] b, int offset) => b[offset] | b[offset + 1] << 8;

    private static int I32(byte[] b, int offset) => b[offset] | b[offset + 1] << 8 | b[offset + 2] << 16 | b[offset + 3] << 24;

    private static readonly uint[] Table = BuildTable();

    /// <summary>CRC-32 (IEEE 802.3, reflected 0xEDB88320), as the runtime writes it.</summary>
    public static uint Crc32(byte[] data, int length)
    {
        uint[] table = Table;
        uint crc = 0xFFFFFFFFu;
        for (int i = 0; i < length; i++)
        {
            crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
