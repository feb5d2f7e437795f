using NetGen;

namespace NetGen.Samples;

// The networks of the samples. Each declaration is all a user writes: NetGen's generator emits the
// forward pass, backpropagation and the optimizer step into these partial classes at build time
// (see obj/<configuration>/net10.0/generated/ for the emitted code).

/// <summary>Iris: 4 measurements → 16 tanh units → 3 species (softmax), cross-entropy, minibatch SGD.</summary>
[Network(Inputs = 4, Seed = 7)]
[Dense(16, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, LearningRate = 0.1f, BatchSize = 16)]
public partial class IrisNet { }

/// <summary>
/// The iris sample's network: <see cref="IrisNet"/> that standardises its raw inputs itself (the Trainer
/// fits the means and standard deviations from the training rows; model files and ONNX carry them).
/// </summary>
[Network(Inputs = 4, Seed = 7, InputScaling = InputScaling.Standardize)]
[Dense(16, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, LearningRate = 0.1f, BatchSize = 16)]
public partial class ScaledIrisNet { }

/// <summary>XOR: 2 bits → 4 tanh units → 1 sigmoid output, mean squared error, full-batch gradient descent.</summary>
[Network(Inputs = 2, Seed = 1)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 2f, BatchSize = 4)]
public partial class XorNet { }

/// <summary>Regression of sin x on [−π, π]: 1 → 16 tanh units → 1 linear output, mean squared error.</summary>
[Network(Inputs = 1, Seed = 3)]
[Dense(16, Activation.Tanh)]
[Dense(1, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.05f, BatchSize = 8)]
public partial class SinNet { }

/// <summary>MNIST digits: 784 pixels → 128 ReLU units → 10 classes (softmax), cross-entropy, Adam.</summary>
[Network(Inputs = 784, Seed = 2)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.004f, BatchSize = 32)]
public partial class MnistNet { }

/// <summary>Imbalanced data: 2 features → 8 tanh units → 1 sigmoid output (rare class or not), binary cross-entropy, Adam.</summary>
[Network(Inputs = 2, Seed = 5)]
[Dense(8, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
[Training(Loss.BinaryCrossEntropy, Optimizer.Adam, LearningRate = 0.02f, BatchSize = 32)]
public partial class RareNet { }
/// <summary>
/// <see cref="MnistNet"/> regularised: 20 % dropout on the hidden layer's outputs and an L2 penalty of
/// 1e-4·Σw² on each layer's weights, in training only. The same seed, so the same initial parameters.
/// </summary>
[Network(Inputs = 784, Seed = 2)]
[Dense(128, Activation.ReLU, Dropout = 0.2f, L2 = 1e-4f)]
[Dense(10, Activation.Softmax, L2 = 1e-4f)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.004f, BatchSize = 32)]
public partial class MnistRegularisedNet { }
