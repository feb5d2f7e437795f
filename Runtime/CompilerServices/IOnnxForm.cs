using System.ComponentModel;

namespace NetGen.CompilerServices;

/// <summary>
/// Implemented by generated networks: each layer's activation as an ONNX node recipe, written by the
/// generator from its activation catalog, so that <see cref="Onnx.OnnxExporter"/> knows no activation
/// by name. Not for hand-written code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IOnnxForm
{
    /// <summary>
    /// One recipe per layer, separated by '|'. A recipe is nodes separated by ';', each
    /// <c>Op(input,…)</c> with optional <c>[name=value,…]</c> attributes, the value's first letter its
    /// type (f float, i integer, s string). Inputs: z (the layer's pre-activation), tK (node K's output),
    /// cV (a scalar float constant V), alpha (the layer's learned slopes, stored after its bias). The
    /// last node writes the layer's output. Example: "Sigmoid(z);Mul(z,t0)" is SiLU.
    /// </summary>
    string OnnxActivations { get; }
}
