using System;
using System.Diagnostics;

namespace NetGen;

/// <summary>
/// Compiles an ONNX model into the class at build time: the generator reads the file, recognises the
/// multilayer perceptron in it (MatMul + Add or Gemm layers with element-wise activations) and emits
/// the same inference members as a declared inference-only network (<c>InputSize</c>,
/// <c>OutputSize</c>, <c>ParameterCount</c>, <c>Parameters</c>, <c>Predict</c>), with the weights
/// compiled in as constant data and the same kernel strategies. The file is added to the project as
/// <c>&lt;NetGenModel Include="models/net.onnx" /&gt;</c>; the attribute names it by that path or by
/// its file name. Anything the importer does not support is a compile-time error naming the node, its
/// op type and the reason (NG0020–NG0022).
/// </summary>
/// <example><c>[OnnxModel("mnist.onnx")] public partial class Digits { }</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("NETGEN_KEEP_ATTRIBUTES")]
public sealed class OnnxModelAttribute : Attribute
{
    /// <summary>Names the ONNX file (a NetGenModel item of the project).</summary>
    /// <param name="path">The item's path as written in the project, or its file name.</param>
    public OnnxModelAttribute(string path) => Path = path;

    /// <summary>The ONNX file, as given.</summary>
    public string Path { get; }
}
