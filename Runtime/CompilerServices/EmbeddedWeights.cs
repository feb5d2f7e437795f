using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace NetGen.CompilerServices;

/// <summary>
/// Fills a network's parameter buffer from the parameters the generator compiled into the assembly
/// (for <see cref="NetworkAttribute.Weights"/> and <see cref="OnnxModelAttribute"/>). Called by
/// generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EmbeddedWeights
{
    /// <summary>
    /// destination[i] = the i-th little-endian IEEE 754 float of the bytes that <paramref name="base64"/>
    /// encodes (UTF-8 base64 text, RFC 4648, padded): <see cref="Decode(ReadOnlySpan{byte}, Span{float}, int)"/>
    /// and <see cref="Complete"/> for a single chunk.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The text is not base64, or does not encode exactly four bytes per destination element.
    /// </exception>
    public static void Decode(ReadOnlySpan<byte> base64, Span<float> destination) =>
        Complete(destination, Decode(base64, destination, 0));

    /// <summary>
    /// Decodes one chunk of the embedded parameters, UTF-8 base64 text (RFC 4648; padded only in the last
    /// chunk) as the generator writes it into a <c>"…"u8</c> literal, straight into the bytes of
    /// <paramref name="destination"/> from byte <paramref name="decoded"/> on.
    /// </summary>
    /// <returns>How many bytes of <paramref name="destination"/> are decoded now: the next chunk's start.</returns>
    /// <exception cref="ArgumentException">The text is not base64, or holds more bytes than are left.</exception>
    public static int Decode(ReadOnlySpan<byte> base64, Span<float> destination, int decoded)
    {
        Span<byte> bytes = MemoryMarshal.AsBytes(destination);
        if ((uint)decoded > (uint)bytes.Length)
        {
            throw Mismatch(destination.Length, $"a chunk starts at byte {decoded}");
        }

        OperationStatus status = Base64.DecodeFromUtf8(base64, bytes.Slice(decoded), out int consumed, out int written);
        if (status != OperationStatus.Done || consumed != base64.Length)
        {
            throw Mismatch(destination.Length, $"{status}: {consumed} of {base64.Length} base64 bytes of a chunk read at byte {decoded}");
        }

        return decoded + written;
    }

    /// <summary>
    /// Checks that every byte of <paramref name="destination"/> was decoded, and on a big-endian machine
    /// turns the little-endian floats into native ones.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than four bytes per destination element were decoded.</exception>
    public static void Complete(Span<float> destination, int decoded)
    {
        if (decoded != destination.Length * sizeof(float))
        {
            throw Mismatch(destination.Length, $"{decoded} of {destination.Length * sizeof(float)} bytes decoded");
        }

        if (!BitConverter.IsLittleEndian)
        {
            Span<int> words = MemoryMarshal.Cast<float, int>(destination);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
    }

    private static ArgumentException Mismatch(int floats, string detail) =>
        new($"The embedded parameters do not decode to {floats} floats ({detail}). Rebuild the project so that the generator writes them again.");

    /// <summary>
    /// destination[i] = the i-th little-endian float of <paramref name="bytes"/> (raw bytes, as NetGen
    /// versions before <see cref="Decode(ReadOnlySpan{byte}, Span{float}, int)"/> emitted them: a <c>new byte[] { … }</c> literal).
    /// </summary>
    /// <exception cref="ArgumentException">The byte count is not four floats per destination element.</exception>
    public static void Copy(ReadOnlySpan<byte> bytes, Span<float> destination)
    {
        if (bytes.Length != destination.Length * sizeof(float))
        {
            throw new ArgumentException($"{bytes.Length} bytes do not hold {destination.Length} floats.", nameof(bytes));
        }

        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(destination);
            return;
        }

        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * sizeof(float)));
        }
    }
}
