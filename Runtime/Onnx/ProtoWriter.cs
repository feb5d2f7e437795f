using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace NetGen.Onnx;

/// <summary>
/// The protobuf wire format, as much of it as an ONNX model needs: varints (wire type 0), 32-bit
/// floats (wire type 5) and length-delimited fields (wire type 2: strings, bytes, packed repeated
/// fields and nested messages). Nested messages are written into their own writer and copied in
/// with their length. Field numbers are the caller's (see <see cref="OnnxExporter"/>, from onnx.proto).
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _buffer = new();

    public byte[] ToArray() => _buffer.ToArray();

    private void Tag(int field, int wireType) => Varint(((ulong)field << 3) | (uint)wireType);

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }

    /// <summary>An int32/int64/enum field (negative values take ten bytes, as protobuf specifies).</summary>
    public ProtoWriter Int(int field, long value)
    {
        Tag(field, 0);
        Varint(unchecked((ulong)value));
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        Tag(field, 5);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
        return this;
    }

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> bytes)
    {
        Tag(field, 2);
        Varint((ulong)bytes.Length);
        _buffer.Write(bytes);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    /// <summary>A packed repeated int64 field.</summary>
    public ProtoWriter PackedInts(int field, ReadOnlySpan<long> values)
    {
        var packed = new ProtoWriter();
        foreach (long value in values)
        {
            packed.Varint(unchecked((ulong)value));
        }

        return Bytes(field, packed.ToArray());
    }
}
