using System;
using System.Collections.Generic;
using System.Threading;

namespace NetGen.Generator.Onnx;

/// <summary>One ONNX node as read: what the importer needs of it.</summary>
internal sealed class OnnxNode
{
    public string Name = "";
    public string OpType = "";
    public string Domain = "";
    public readonly List<string> Inputs = new();
    public readonly List<string> Outputs = new();
    public readonly Dictionary<string, float> Floats = new(StringComparer.Ordinal);
    public readonly Dictionary<string, long> Ints = new(StringComparer.Ordinal);

    /// <summary>String attributes (AttributeProto.s, UTF-8), such as Gelu's approximate.</summary>
    public readonly Dictionary<string, string> Strings = new(StringComparer.Ordinal);

    /// <summary>A Constant node's <c>value</c> tensor.</summary>
    public OnnxTensor? Value;

    public string Describe() => $"node '{(Name.Length > 0 ? Name : Outputs.Count > 0 ? Outputs[0] : "?")}' ({OpType})";
}

/// <summary>An initializer: its shape and float values, or why it cannot be used as floats.</summary>
internal sealed class OnnxTensor
{
    public string Name = "";
    public readonly List<long> Dims = new();
    public int DataType;
    public float[]? Values;

    /// <summary>An int64 tensor's values (e.g. Reshape's target shape); such a tensor also has a <see cref="Problem"/> as floats.</summary>
    public long[]? Longs;
    public string? Problem;
}

/// <summary>
/// The parts of an ONNX ModelProto the importer reads (field numbers from onnx/onnx.proto): the graph's
/// nodes, initializers, inputs and outputs, and the default domain's opset.
/// </summary>
internal sealed class OnnxGraph
{
    public readonly List<OnnxNode> Nodes = new();
    public readonly Dictionary<string, OnnxTensor> Initializers = new(StringComparer.Ordinal);
    public readonly List<string> Inputs = new();
    public readonly List<(string Name, List<long> Dims)> InputShapes = new();
    public readonly List<string> Outputs = new();
    public long Opset = -1;
    public string Producer = "";

    /// <summary>The first name given to two initializers (or an initializer and a Constant node), or null.</summary>
    public string? DuplicateInitializer;

    /// <summary>The most floats one initializer may hold (a model larger than this is refused).</summary>
    public const int MaxFloats = 64 * 1024 * 1024;

    /// <summary>Reads a ModelProto; checks <paramref name="cancellationToken"/> at every field of the model and the graph.</summary>
    public static OnnxGraph Read(byte[] bytes, CancellationToken cancellationToken = default)
    {
        var graph = new OnnxGraph();
        var model = new ProtoReader(bytes, 0, bytes.Length);
        bool sawGraph = false;
        while (!model.AtEnd)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (int field, int wire) = model.Tag();
            if (field == 7 && wire == 2)
            {
                graph.ReadGraph(model.Delimited(), cancellationToken);
                sawGraph = true;
            }
            else if (field == 8 && wire == 2)
            {
                ProtoReader opset = model.Delimited();
                string domain = "";
                long version = -1;
                while (!opset.AtEnd)
                {
                    (int f, int w) = opset.Tag();
                    if (f == 1 && w == 2) domain = opset.String();
                    else if (f == 2 && w == 0) version = (long)opset.Varint();
                    else opset.Skip(w);
                }

                if (domain.Length == 0 || domain == "ai.onnx")
                {
                    graph.Opset = version;
                }
            }
            else if (field == 2 && wire == 2)
            {
                graph.Producer = model.String();
            }
            else
            {
                model.Skip(wire);
            }
        }

        if (!sawGraph)
        {
            throw new FormatException("the file has no graph (is it an ONNX model?)");
        }

        return graph;
    }

    private void ReadGraph(ProtoReader graph, CancellationToken cancellationToken)
    {
        while (!graph.AtEnd)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (int field, int wire) = graph.Tag();
            switch (field)
            {
                case 1 when wire == 2: Nodes.Add(ReadNode(graph.Delimited())); break;
                case 5 when wire == 2:
                {
                    OnnxTensor tensor = ReadTensor(graph.Delimited());
                    Define(tensor);
                    break;
                }

                case 11 when wire == 2: InputShapes.Add(ReadValueInfo(graph.Delimited())); break;
                case 12 when wire == 2: Outputs.Add(ReadValueInfo(graph.Delimited()).Name); break;
                default: graph.Skip(wire); break;
            }
        }

        // A Constant node is an initializer written as a node (older PyTorch exports its Reshape
        // shapes so): fold it in. Constants of other forms (value_float, …) stay nodes and are refused.
        Nodes.RemoveAll(node =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (node.OpType != "Constant" || node.Domain.Length > 0 || node.Value is null || node.Outputs.Count != 1 || node.Inputs.Count != 0)
            {
                return false;
            }

            node.Value.Name = node.Outputs[0];
            Define(node.Value);
            return true;
        });

        foreach ((string name, _) in InputShapes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Initializers.ContainsKey(name))
            {
                Inputs.Add(name);
            }
        }
    }

    private void Define(OnnxTensor tensor)
    {
        if (Initializers.ContainsKey(tensor.Name))
        {
            DuplicateInitializer ??= tensor.Name;
        }

        Initializers[tensor.Name] = tensor;
    }

    private static OnnxNode ReadNode(ProtoReader node)
    {
        var result = new OnnxNode();
        while (!node.AtEnd)
        {
            (int field, int wire) = node.Tag();
            switch (field)
            {
                case 1 when wire == 2: result.Inputs.Add(node.String()); break;
                case 2 when wire == 2: result.Outputs.Add(node.String()); break;
                case 3 when wire == 2: result.Name = node.String(); break;
                case 4 when wire == 2: result.OpType = node.String(); break;
                case 7 when wire == 2: result.Domain = node.String(); break;
                case 5 when wire == 2:
                {
                    ProtoReader attribute = node.Delimited();
                    string name = "";
                    float? f = null;
                    long? i = null;
                    string? s = null;
                    OnnxTensor? t = null;
                    while (!attribute.AtEnd)
                    {
                        // AttributeProto: name (1), f (2), i (3), s (4, bytes, read as UTF-8), t (5, a TensorProto).
                        (int af, int aw) = attribute.Tag();
                        if (af == 1 && aw == 2) name = attribute.String();
                        else if (af == 2 && aw == 5) f = attribute.Fixed32Float();
                        else if (af == 3 && aw == 0) i = unchecked((long)attribute.Varint());
                        else if (af == 4 && aw == 2) s = attribute.String();
                        else if (af == 5 && aw == 2) t = ReadTensor(attribute.Delimited());
                        else attribute.Skip(aw);
                    }

                    if (f is { } fv) result.Floats[name] = fv;
                    if (i is { } iv) result.Ints[name] = iv;
                    if (s is not null) result.Strings[name] = s;
                    if (t is not null && name == "value") result.Value = t;
                    break;
                }

                default: node.Skip(wire); break;
            }
        }

        return result;
    }

    private static OnnxTensor ReadTensor(ProtoReader tensor)
    {
        var result = new OnnxTensor();
        var floats = new List<float>();
        var longs = new List<long>();
        byte[]? raw = null;
        bool external = false;
        while (!tensor.AtEnd)
        {
            (int field, int wire) = tensor.Tag();
            switch (field)
            {
                case 1: tensor.Int64s(wire, result.Dims); break;
                case 2 when wire == 0: result.DataType = (int)tensor.Varint(); break;
                case 4: tensor.Floats(wire, floats, MaxFloats); break;
                case 7: tensor.Int64s(wire, longs); break;
                case 8 when wire == 2: result.Name = tensor.String(); break;
                case 9 when wire == 2: raw = tensor.Bytes(); break;
                case 13 when wire == 2: external = true; tensor.Skip(wire); break;
                case 14 when wire == 0: external |= tensor.Varint() == 1; break;
                default: tensor.Skip(wire); break;
            }
        }

        long count = 1;
        foreach (long d in result.Dims)
        {
            if (d < 0 || d > MaxFloats)
            {
                result.Problem = $"a dimension of {d}";
                return result;
            }

            count *= d;
            if (count > MaxFloats)
            {
                result.Problem = "more than 64 M elements";
                return result;
            }
        }

        if (result.DataType == 7 && !external)
        {
            // int64 (TensorProto.DataType INT64): raw little-endian or int64_data (7).
            if (raw is not null && raw.Length == count * 8)
            {
                result.Longs = new long[count];
                for (int i = 0; i < count; i++)
                {
                    result.Longs[i] = (long)((ulong)raw[i * 8] | (ulong)raw[i * 8 + 1] << 8 | (ulong)raw[i * 8 + 2] << 16 | (ulong)raw[i * 8 + 3] << 24
                        | (ulong)raw[i * 8 + 4] << 32 | (ulong)raw[i * 8 + 5] << 40 | (ulong)raw[i * 8 + 6] << 48 | (ulong)raw[i * 8 + 7] << 56);
                }
            }
            else if (raw is null && longs.Count == count)
            {
                result.Longs = longs.ToArray();
            }
        }

        if (external)
        {
            result.Problem = "its data is stored outside the file (external data is not supported)";
        }
        else if (result.DataType != 1)
        {
            result.Problem = $"it is of ONNX data type {result.DataType}, not float (1)";
        }
        else if (raw is not null)
        {
            if (raw.Length != count * 4)
            {
                result.Problem = $"its raw data holds {raw.Length} bytes, not the {count * 4} its shape needs";
            }
            else
            {
                result.Values = new float[count];
                for (int i = 0; i < count; i++)
                {
                    result.Values[i] = BitConverter.IsLittleEndian ? BitConverter.ToSingle(raw, i * 4) : BitConverter.ToSingle(new[] { raw[i * 4 + 3], raw[i * 4 + 2], raw[i * 4 + 1], raw[i * 4] }, 0);
                }
            }
        }
        else if (floats.Count != count)
        {
            result.Problem = $"it holds {floats.Count} floats, not the {count} its shape needs";
        }
        else
        {
            result.Values = floats.ToArray();
        }

        return result;
    }

    private static (string Name, List<long> Dims) ReadValueInfo(ProtoReader info)
    {
        string name = "";
        var dims = new List<long>();
        while (!info.AtEnd)
        {
            (int field, int wire) = info.Tag();
            if (field == 1 && wire == 2)
            {
                name = info.String();
            }
            else if (field == 2 && wire == 2)
            {
                // TypeProto.tensor_type (1) → Tensor.shape (2) → dim (1) → dim_value (1) | dim_param (2): -1.
                ProtoReader type = info.Delimited();
                while (!type.AtEnd)
                {
                    (int tf, int tw) = type.Tag();
                    if (tf != 1 || tw != 2) { type.Skip(tw); continue; }
                    ProtoReader tensorType = type.Delimited();
                    while (!tensorType.AtEnd)
                    {
                        (int sf, int sw) = tensorType.Tag();
                        if (sf != 2 || sw != 2) { tensorType.Skip(sw); continue; }
                        ProtoReader shape = tensorType.Delimited();
                        while (!shape.AtEnd)
                        {
                            (int df, int dw) = shape.Tag();
                            if (df != 1 || dw != 2) { shape.Skip(dw); continue; }
                            ProtoReader dim = shape.Delimited();
                            long value = -1;
                            while (!dim.AtEnd)
                            {
                                (int vf, int vw) = dim.Tag();
                                if (vf == 1 && vw == 0) value = unchecked((long)dim.Varint());
                                else dim.Skip(vw);
                            }

                            dims.Add(value);
                        }
                    }
                }
            }
            else
            {
                info.Skip(wire);
            }
        }

        return (name, dims);
    }
}
