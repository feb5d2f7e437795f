using NetGen;

namespace NetGen.Tests.RuntimeHyperparameters;

// Pairs of networks with the same architecture and seed (so the same initial parameters): the first
// declares the optimizer's defaults, the second literal values; RuntimeHyperparameterTests sets the
// first's properties to the second's values and expects the same training, bit for bit.

[Network(Inputs = 3, Seed = 300)][Dense(5, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Adam, BatchSize = 4)]
public partial class AdamRuntime { }

[Network(Inputs = 3, Seed = 300)][Dense(5, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.05f, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-4f, WeightDecay = 0.01f, BatchSize = 4)]
public partial class AdamLiteral { }

[Network(Inputs = 3, Seed = 301)][Dense(5, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Momentum, BatchSize = 4)]
public partial class MomentumRuntime { }

[Network(Inputs = 3, Seed = 301)][Dense(5, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Momentum, LearningRate = 0.05f, Momentum = 0.5f, WeightDecay = 0.02f, BatchSize = 4)]
public partial class MomentumLiteral { }

[Network(Inputs = 3, Seed = 302)][Dense(5, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Momentum, Nesterov = true, BatchSize = 4)]
public partial class NesterovRuntime { }

[Network(Inputs = 3, Seed = 302)][Dense(5, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Momentum, Nesterov = true, Momentum = 0.6f, BatchSize = 4)]
public partial class NesterovLiteral { }

[Network(Inputs = 3, Seed = 303)][Dense(5, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.RmsProp, BatchSize = 4)]
public partial class RmsPropRuntime { }

[Network(Inputs = 3, Seed = 303)][Dense(5, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.RmsProp, Rho = 0.5f, Epsilon = 1e-3f, BatchSize = 4)]
public partial class RmsPropLiteral { }

[Network(Inputs = 3, Seed = 304)][Dense(5, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Lion, BatchSize = 4)]
public partial class LionRuntime { }

[Network(Inputs = 3, Seed = 304)][Dense(5, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Lion, LearningRate = 0.01f, Beta1 = 0.8f, Beta2 = 0.95f, WeightDecay = 0.1f, BatchSize = 4)]
public partial class LionLiteral { }

[Network(Inputs = 3, Seed = 305)][Dense(5, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.NAdam, BatchSize = 4)]
public partial class NAdamRuntime { }

[Network(Inputs = 3, Seed = 305)][Dense(5, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.NAdam, Beta1 = 0.7f, Beta2 = 0.95f, BatchSize = 4)]
public partial class NAdamLiteral { }

[Network(Inputs = 3, Seed = 306)][Dense(5, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.1f, BatchSize = 4)]
public partial class SgdRuntime { }

[Network(Inputs = 3, Seed = 306)][Dense(5, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.1f, ClipNorm = 0.1f, ClipValue = 0.05f, BatchSize = 4)]
public partial class SgdClipLiteral { }

// Clipping declared on a SIMD-sized network (the kernels' vector loop and tail).
[Network(Inputs = 3, Seed = 307)][Dense(300, Activation.Tanh)][Dense(4)]
[Training(Loss.MeanSquaredError, Optimizer.AdamW, LearningRate = 0.01f, ClipNorm = 0.5f, BatchSize = 4)]
public partial class WideAdamWClipped { }
