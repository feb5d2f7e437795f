using NetGen;

namespace NetGen.Aot;

/// <summary>
/// An MNIST classifier trained elsewhere: a Keras 784-64-32-10 sigmoid network exported to ONNX by
/// keras2onnx 1.8.1 (Flatten, then MatMul + Add + Sigmoid twice, then MatMul + Add: logits), from the
/// Marabou project (BSD-3-Clause, see Models/README.md). The generator reads the file at compile time
/// and emits the network with its weights as constant data: nothing of ONNX is left at run time.
/// </summary>
[OnnxModel("robust_model_sigmoid_linear.onnx")]
public partial class KerasDigits { }
