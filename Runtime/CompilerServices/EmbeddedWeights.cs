using System;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace NetGen.CompilerServices;

/// <summary>
/// Copies parameters that the generator compiled into the assembly (little-endian IEEE 754 floats in
/// a <c>ReadOnlySpan&lt;byte&gt;</c> over the assembly's constant data, for
/// <see cref="NetworkAttribute.Weights"/>) into a network's parameter buffer. Called by generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EmbeddedWeights
{
    /// <summary>destination[i] = the i-th little-endian float of <paramref name="bytes"/>.</summary>
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
