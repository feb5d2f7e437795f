using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen.Onnx;

/// <summary>
/// Writes a NetGen network as an ONNX model (IR version 8, opset 17, default domain only): the
/// parameters as initializers (raw little-endian floats), MatMul + Add per dense layer, each activation
/// as its ONNX operator, a symbolic batch dimension, and the architecture and its fingerprint in the
/// metadata. Any runtime that reads ONNX (ONNX Runtime, Netron, other frameworks) can then serve or
/// inspect the network. No third-party code: the protobuf encoding is <see cref="ProtoWriter"/>.
/// </summary>
/// <remarks>
/// The graph reads input "input" of shape [batch, InputSize] and writes "output" of shape
/// [batch, OutputSize]. Activations: Identity → Identity, BinaryStep → Cast(Not(Less(z, 0))),
/// Sigmoid, Tanh, Atan, ReLU → Relu, LeakyReLU → LeakyRelu(alpha), PReLU → PRelu with the learned
/// slopes, ELU → Elu(alpha), SoftPlus → Softplus, Softmax → Softmax(axis = −1), LogSoftmax → LogSoftmax(axis = −1).
/// </remarks>
public static class OnnxExporter
{
    /// <summary>The ONNX IR version written.</summary>
    public const int IrVersion = 8;

    /// <summary>The opset of the default domain written.</summary>
    public const int Opset = 17;

    // onnx.proto field numbers (onnx/onnx.proto, IR version 8).
    private const int ModelIrVersion = 1, ModelProducerName = 2, ModelProducerVersion = 3, ModelDocString = 6, ModelGraph = 7, ModelOpsetImport = 8, ModelMetadataProps = 14;
    private const int OpsetDomain = 1, OpsetVersion = 2;
    private const int EntryKey = 1, EntryValue = 2;
    private const int GraphNode = 1, GraphName = 2, GraphInitializer = 5, GraphInput = 11, GraphOutput = 12;
    private const int NodeInput = 1, NodeOutput = 2, NodeName = 3, NodeOpType = 4, NodeAttribute = 5;
    private const int AttributeName = 1, AttributeF = 2, AttributeI = 3, AttributeType = 20;
    private const int AttributeTypeFloat = 1, AttributeTypeInt = 2;
    private const int TensorDims = 1, TensorDataType = 2, TensorName = 8, TensorRawData = 9;
    private const int TensorFloat = 1;
    private const int ValueInfoName = 1, ValueInfoType = 2;
    private const int TypeTensorType = 1, TensorTypeElemType = 1, TensorTypeShape = 2;
    private const int ShapeDim = 1, DimValue = 1, DimParam = 2;

    /// <summary>
    /// Writes <paramref name="network"/> to <paramref name="path"/> as an ONNX model, atomically and
    /// keeping the replaced file's mode and owner, exactly as
    /// <see cref="Models.ModelFile.Save(INeuralNetwork, string, bool)"/> saves a model file (a
    /// temporary file beside the target, renamed over it; a target that is not a regular file is
    /// refused; stale temporaries of killed saves are removed).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the network's architecture text is not one this version writes.</exception>
    /// <exception cref="IOException">The target is not a regular file, or the file system failed; the previous file is intact.</exception>
    /// <exception cref="UnauthorizedAccessException">
    /// The directory or the file may not be written, or the process may not give the new file the
    /// owner and group of the file it replaces; the previous file is intact.
    /// </exception>
    public static void Save(INeuralNetwork network, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] model = ToBytes(network);
        Models.AtomicFile.Write(path, stream => stream.Write(model));
    }

    /// <summary>Writes <paramref name="network"/> to <paramref name="stream"/> as an ONNX model.</summary>
    public static void Save(INeuralNetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToBytes(network));
    }

    /// <summary>The ONNX model of <paramref name="network"/> as bytes.</summary>
    /// <exception cref="ArgumentException">The network's architecture text is not one this version writes.</exception>
    public static byte[] ToBytes(INeuralNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layers = ParseArchitecture(network.Architecture, network.InputSize);
        ReadOnlySpan<float> parameters = network.Parameters;
        var graph = new ProtoWriter().String(GraphName, "netgen");
        var nodes = new List<ProtoWriter>();
        string x = "input";
        int offset = 0;
        for (int n = 0; n < layers.Count; n++)
        {
            (int inputs, int units, string activation, float alpha) = layers[n];
            string w = $"W{n + 1}", b = $"b{n + 1}", product = $"xW{n + 1}", z = $"z{n + 1}";
            string a = n == layers.Count - 1 ? "output" : $"a{n + 1}";
            graph.Message(GraphInitializer, Tensor(w, new long[] { inputs, units }, parameters.Slice(offset, inputs * units)));
            offset += inputs * units;
            graph.Message(GraphInitializer, Tensor(b, new long[] { units }, parameters.Slice(offset, units)));
            offset += units;
            nodes.Add(Node("MatMul", $"layer{n + 1}_matmul", new[] { x, w }, product));
            nodes.Add(Node("Add", $"layer{n + 1}_add", new[] { product, b }, z));
            switch (activation)
            {
                case "Identity": nodes.Add(Node("Identity", $"layer{n + 1}_identity", new[] { z }, a)); break;
                case "Sigmoid": nodes.Add(Node("Sigmoid", $"layer{n + 1}_sigmoid", new[] { z }, a)); break;
                case "Tanh": nodes.Add(Node("Tanh", $"layer{n + 1}_tanh", new[] { z }, a)); break;
                case "ArcTan": nodes.Add(Node("Atan", $"layer{n + 1}_atan", new[] { z }, a)); break;
                case "ReLU": nodes.Add(Node("Relu", $"layer{n + 1}_relu", new[] { z }, a)); break;
                case "SoftPlus": nodes.Add(Node("Softplus", $"layer{n + 1}_softplus", new[] { z }, a)); break;
                case "LeakyReLU": nodes.Add(Node("LeakyRelu", $"layer{n + 1}_leakyrelu", new[] { z }, a).Message(NodeAttribute, FloatAttribute("alpha", alpha))); break;
                case "ELU": nodes.Add(Node("Elu", $"layer{n + 1}_elu", new[] { z }, a).Message(NodeAttribute, FloatAttribute("alpha", alpha))); break;
                case "Softmax": nodes.Add(Node("Softmax", $"layer{n + 1}_softmax", new[] { z }, a).Message(NodeAttribute, IntAttribute("axis", -1))); break;
                case "LogSoftmax": nodes.Add(Node("LogSoftmax", $"layer{n + 1}_logsoftmax", new[] { z }, a).Message(NodeAttribute, IntAttribute("axis", -1))); break;
                case "PReLU":
                {
                    string slope = $"alpha{n + 1}";
                    graph.Message(GraphInitializer, Tensor(slope, new long[] { units }, parameters.Slice(offset, units)));
                    offset += units;
                    nodes.Add(Node("PRelu", $"layer{n + 1}_prelu", new[] { z, slope }, a));
                    break;
                }

                case "BinaryStep":
                {
                    // step(z) = z < 0 ? 0 : 1 = Cast(Not(Less(z, 0))).
                    string zero = $"zero{n + 1}", less = $"less{n + 1}", notLess = $"notless{n + 1}";
                    graph.Message(GraphInitializer, Tensor(zero, Array.Empty<long>(), new[] { 0f }));
                    nodes.Add(Node("Less", $"layer{n + 1}_less", new[] { z, zero }, less));
                    nodes.Add(Node("Not", $"layer{n + 1}_not", new[] { less }, notLess));
                    nodes.Add(Node("Cast", $"layer{n + 1}_cast", new[] { notLess }, a).Message(NodeAttribute, IntAttribute("to", TensorFloat)));
                    break;
                }

                default:
                    throw new ArgumentException($"The activation {activation} has no ONNX form in this version of NetGen.", nameof(network));
            }

            x = a;
        }

        if (offset != parameters.Length)
        {
            throw new ArgumentException($"The architecture '{network.Architecture}' accounts for {offset} parameters, but the network has {parameters.Length}.", nameof(network));
        }

        foreach (ProtoWriter node in nodes)
        {
            graph.Message(GraphNode, node);
        }

        graph.Message(GraphInput, ValueInfo("input", network.InputSize));
        graph.Message(GraphOutput, ValueInfo("output", network.OutputSize));

        var model = new ProtoWriter()
            .Int(ModelIrVersion, IrVersion)
            .String(ModelProducerName, "NetGen")
            .String(ModelProducerVersion, typeof(OnnxExporter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0")
            .String(ModelDocString, "A multilayer perceptron generated by NetGen: " + network.Architecture)
            .Message(ModelGraph, graph)
            .Message(ModelOpsetImport, new ProtoWriter().String(OpsetDomain, "").Int(OpsetVersion, Opset))
            .Message(ModelMetadataProps, new ProtoWriter().String(EntryKey, "netgen.architecture").String(EntryValue, network.Architecture))
            .Message(ModelMetadataProps, new ProtoWriter().String(EntryKey, "netgen.fingerprint").String(EntryValue, network.ArchitectureFingerprint.ToString("X16", CultureInfo.InvariantCulture)));
        return model.ToArray();
    }

    private static List<(int Inputs, int Units, string Activation, float Alpha)> ParseArchitecture(string architecture, int inputSize)
    {
        string[] parts = architecture.Split(" > ");
        var layers = new List<(int, int, string, float)>();
        if (parts.Length < 2 || parts[0] != inputSize.ToString(CultureInfo.InvariantCulture))
        {
            throw new ArgumentException($"'{architecture}' is not a NetGen architecture text.", nameof(architecture));
        }

        int inputs = inputSize;
        for (int i = 1; i < parts.Length; i++)
        {
            // "Dense(16, Tanh)" or "Dense(8, LeakyReLU, Alpha=0.01)".
            string part = parts[i];
            string[] fields = part.StartsWith("Dense(", StringComparison.Ordinal) && part.EndsWith(')')
                ? part.Substring(6, part.Length - 7).Split(", ")
                : Array.Empty<string>();
            if (fields.Length is < 2 or > 3 || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int units)
                || (fields.Length == 3 && !fields[2].StartsWith("Alpha=", StringComparison.Ordinal)))
            {
                throw new ArgumentException($"'{part}' in '{architecture}' is not a NetGen layer.", nameof(architecture));
            }

            float alpha = fields.Length == 3 ? float.Parse(fields[2].AsSpan(6), NumberStyles.Float, CultureInfo.InvariantCulture) : 0f;
            string activation = fields[1];
            layers.Add((inputs, units, activation, alpha));
            inputs = units;
        }

        return layers;
    }

    private static ProtoWriter Node(string opType, string name, string[] inputs, string output)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.String(NodeInput, input);
        }

        return node.String(NodeOutput, output).String(NodeName, name).String(NodeOpType, opType);
    }

    private static ProtoWriter FloatAttribute(string name, float value) =>
        new ProtoWriter().String(AttributeName, name).Float(AttributeF, value).Int(AttributeType, AttributeTypeFloat);

    private static ProtoWriter IntAttribute(string name, long value) =>
        new ProtoWriter().String(AttributeName, name).Int(AttributeI, value).Int(AttributeType, AttributeTypeInt);

    private static ProtoWriter Tensor(string name, long[] dims, ReadOnlySpan<float> values)
    {
        byte[] raw = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), values[i]);
        }

        return new ProtoWriter().PackedInts(TensorDims, dims).Int(TensorDataType, TensorFloat).String(TensorName, name).Bytes(TensorRawData, raw);
    }

    private static ProtoWriter ValueInfo(string name, int width)
    {
        var shape = new ProtoWriter()
            .Message(ShapeDim, new ProtoWriter().String(DimParam, "batch"))
            .Message(ShapeDim, new ProtoWriter().Int(DimValue, width));
        var tensorType = new ProtoWriter().Int(TensorTypeElemType, TensorFloat).Message(TensorTypeShape, shape);
        return new ProtoWriter().String(ValueInfoName, name).Message(ValueInfoType, new ProtoWriter().Message(TypeTensorType, tensorType));
    }
}
