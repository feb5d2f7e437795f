using NetGen;

namespace NetGen.Aot;

/// <summary>
/// The samples' MNIST network (784-128-10, ReLU then softmax) as an inference-only declaration: its
/// parameters come from Models/mnist.ngmf, compiled into the assembly; there is no [Training], so no
/// backward or optimizer code is generated.
/// </summary>
[Network(Inputs = 784, Weights = "mnist.ngmf")]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Digits { }
