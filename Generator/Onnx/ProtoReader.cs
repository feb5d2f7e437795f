using System;
using System.Collections.Generic;
using System.Text;

namespace NetGen.Generator.Onnx;

/// <summary>
/// A bounds-checked reader of the protobuf wire format over a byte array, for ONNX files at compile
/// time. Every length is checked against what remains before it is used; a malformed input throws
/// <see cref="FormatException"/> (which the importer turns into a diagnostic), never anything else.
/// </summary>
internal struct ProtoReader
{
    private readonly byte[] _data;
    private readonly int _end;
    private int _position;

    public ProtoReader(byte[] data, int start, int end)
    {
        _data = data;
        _position = start;
        _end = end;
    }

    public bool AtEnd => _position >= _end;

    /// <summary>Reads a field's tag: its number and wire type.</summary>
    public (int Field, int WireType) Tag()
    {
        ulong tag = Varint();
        int field = (int)(tag >> 3);
        if (field <= 0 || tag >> 3 > int.MaxValue)
        {
            throw new FormatException($"an invalid field number at byte {_position}");
        }

        return (field, (int)(tag & 7));
    }

    public ulong Varint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (_position >= _end)
            {
                throw new FormatException("the data ends inside a varint");
            }

            byte b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("a varint longer than ten bytes");
    }

    public float Fixed32Float()
    {
        if (_end - _position < 4)
        {
            throw new FormatException("the data ends inside a float");
        }

        float value = BitConverter.ToSingle(BitConverter.IsLittleEndian ? _data : Reverse(_data, _position, 4), BitConverter.IsLittleEndian ? _position : 0);
        _position += 4;
        return value;
    }

    private static byte[] Reverse(byte[] data, int start, int count)
    {
        var copy = new byte[count];
        Array.Copy(data, start, copy, 0, count);
        Array.Reverse(copy);
        return copy;
    }

    /// <summary>A length-delimited field: a reader over its bytes.</summary>
    public ProtoReader Delimited()
    {
        ulong length = Varint();
        if (length > (ulong)(_end - _position))
        {
            throw new FormatException($"a field declares {length} bytes but only {_end - _position} remain");
        }

        var inner = new ProtoReader(_data, _position, _position + (int)length);
        _position += (int)length;
        return inner;
    }

    public string String()
    {
        ProtoReader bytes = Delimited();
        try
        {
            return new UTF8Encoding(false, true).GetString(_data, bytes._position, bytes._end - bytes._position);
        }
        catch (ArgumentException)
        {
            throw new FormatException("a string that is not UTF-8");
        }
    }

    public byte[] Bytes()
    {
        ProtoReader bytes = Delimited();
        var copy = new byte[bytes._end - bytes._position];
        Array.Copy(_data, bytes._position, copy, 0, copy.Length);
        return copy;
    }

    /// <summary>Skips a field of the given wire type.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: Varint(); break;
            case 1: Advance(8); break;
            case 2: Delimited(); break;
            case 5: Advance(4); break;
            default: throw new FormatException($"the unsupported wire type {wireType}");
        }
    }

    private void Advance(int count)
    {
        if (_end - _position < count)
        {
            throw new FormatException("the data ends inside a field");
        }

        _position += count;
    }

    /// <summary>A repeated int64 field, packed (wire type 2) or not (wire type 0).</summary>
    public void Int64s(int wireType, List<long> into)
    {
        if (wireType == 0)
        {
            into.Add(unchecked((long)Varint()));
            return;
        }

        ProtoReader packed = Delimited();
        while (!packed.AtEnd)
        {
            into.Add(unchecked((long)packed.Varint()));
        }
    }

    /// <summary>A repeated float field, packed (wire type 2) or not (wire type 5).</summary>
    public void Floats(int wireType, List<float> into, int limit)
    {
        if (wireType == 5)
        {
            into.Add(Fixed32Float());
        }
        else
        {
            ProtoReader packed = Delimited();
            while (!packed.AtEnd)
            {
                into.Add(packed.Fixed32Float());
            }
        }

        if (into.Count > limit)
        {
            throw new FormatException("more float data than any supported tensor");
        }
    }
}
