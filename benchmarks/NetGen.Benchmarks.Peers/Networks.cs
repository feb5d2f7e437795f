using NetGen;

namespace NetGen.Benchmarks.Peers;

// The four shapes of the performance issue, each declared twice for NetGen's generator: once with
// SGD (α = 0.01) and once with Adam (α = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-8: the defaults, which
// are also libtorch's). Softmax output with cross-entropy (fused), batch sizes as in the issue.
// The hidden activation is Tanh for 4-16-3 (the Iris network of the samples) and ReLU elsewhere;
// TorchSharp and the naive implementation use exactly the same (see Shape.cs).

[Network(Inputs = 4, Seed = 1)]
[Dense(16, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, LearningRate = 0.01f, BatchSize = 16)]
public partial class Sgd4x16x3 { }

[Network(Inputs = 4, Seed = 1)]
[Dense(16, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.001f, BatchSize = 16)]
public partial class Adam4x16x3 { }

[Network(Inputs = 32, Seed = 1)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, LearningRate = 0.01f, BatchSize = 32)]
public partial class Sgd32x64x64x10 { }

[Network(Inputs = 32, Seed = 1)]
[Dense(64, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
public partial class Adam32x64x64x10 { }

[Network(Inputs = 784, Seed = 1)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, LearningRate = 0.01f, BatchSize = 32)]
public partial class Sgd784x128x10 { }

[Network(Inputs = 784, Seed = 1)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
public partial class Adam784x128x10 { }

[Network(Inputs = 784, Seed = 1)]
[Dense(512, Activation.ReLU)]
[Dense(512, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, LearningRate = 0.01f, BatchSize = 64)]
public partial class Sgd784x512x512x10 { }

[Network(Inputs = 784, Seed = 1)]
[Dense(512, Activation.ReLU)]
[Dense(512, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.001f, BatchSize = 64)]
public partial class Adam784x512x512x10 { }

// The two larger shapes again with [Network(Threads = 2)] (data-parallel over the batch), for
// `-- threads`: the speed-up of the worker pool on this machine's two cores.
[Network(Inputs = 784, Seed = 1, Threads = 2)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, LearningRate = 0.01f, BatchSize = 32)]
public partial class Sgd784x128x10Threads2 { }

[Network(Inputs = 784, Seed = 1, Threads = 2)]
[Dense(512, Activation.ReLU)]
[Dense(512, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, LearningRate = 0.01f, BatchSize = 64)]
public partial class Sgd784x512x512x10Threads2 { }

// 4-16-3 as it was trained before the lanes strategy (CodeGen.Auto now trains it in lanes): the
// per-sample unrolled code, for the "lanes" command's side-by-side comparison in one process.
[Network(Inputs = 4, Seed = 1, CodeGen = CodeGen.Unrolled)]
[Dense(16, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, LearningRate = 0.01f, BatchSize = 16)]
public partial class Sgd4x16x3Unrolled { }

[Network(Inputs = 4, Seed = 1, CodeGen = CodeGen.Unrolled)]
[Dense(16, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.001f, BatchSize = 16)]
public partial class Adam4x16x3Unrolled { }
