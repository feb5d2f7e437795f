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
    /// encodes: UTF-8 base64 text (RFC 4648, padded), as the generator writes it into a <c>"…"u8</c>
    /// literal. Decoded in one pass straight into <paramref name="destination"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The text is not base64, or does not encode exactly four bytes per destination element.
    /// </exception>
    public static void Decode(ReadOnlySpan<byte> base64, Span<float> destination)
    {
        Span<byte> bytes = MemoryMarshal.AsBytes(destination);
        OperationStatus status = Base64.DecodeFromUtf8(base64, bytes, out int consumed, out int written);
        if (status != OperationStatus.Done || consumed != base64.Length || written != bytes.Length)
        {
            throw new ArgumentException(
                $"The embedded parameters do not decode to {destination.Length} floats ({status}: {consumed} of {base64.Length} base64 bytes read, {written} of {bytes.Length} bytes written). Rebuild the project so that the generator writes them again.",
                nameof(base64));
        }

        if (!BitConverter.IsLittleEndian)
        {
            Span<int> words = MemoryMarshal.Cast<float, int>(destination);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
    }

    /// <summary>
    /// destination[i] = the i-th little-endian float of <paramref name="bytes"/> (raw bytes, as NetGen
    /// versions before <see cref="Decode"/> emitted them: a <c>new byte[] { … }</c> literal).
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
