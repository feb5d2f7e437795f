using System;

namespace NetGen.Models;

/// <summary>
/// CRC-32 as in IEEE 802.3, zlib and PNG: polynomial 0x04C11DB7 processed reflected (0xEDB88320),
/// initial value and final XOR 0xFFFFFFFF. The check value of "123456789" is 0xCBF43926.
/// </summary>
/// <remarks>
/// A byte-at-a-time table implementation: model files are small next to the time it takes to write
/// them, so the simplest correct form wins. Every single-bit error and every error burst of up to
/// 32 bits changes the checksum.
/// </remarks>
internal static class Crc32
{
    private const uint ReflectedPolynomial = 0xEDB88320u;

    private static readonly uint[] Table = CreateTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>
    /// The CRC-32 of the bytes <paramref name="crc"/> was computed over followed by <paramref name="data"/>
    /// (zlib's <c>crc32(crc, buf, len)</c>); start with 0.
    /// </summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint[] table = Table;
        uint register = ~crc;
        foreach (byte b in data)
        {
            register = table[(byte)(register ^ b)] ^ (register >> 8);
        }

        return ~register;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int bit = 0; bit < 8; bit++)
            {
                c = (c & 1) != 0 ? ReflectedPolynomial ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
