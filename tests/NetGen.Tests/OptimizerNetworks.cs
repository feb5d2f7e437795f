using NetGen;

namespace NetGen.Tests.Optimizers;

// One network per optimizer with SPEC §4's defaults, and one with every hyperparameter it reads set
// to a non-default value (plus weight decay). Same shape everywhere: 3 → 4 tanh → 2 identity, MSE.

[Network(Inputs = 3, Seed = 40)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 4)]
public partial class SgdDefaults { }

[Network(Inputs = 3, Seed = 41)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.05f, WeightDecay = 0.1f, BatchSize = 4)]
public partial class SgdCustom { }

[Network(Inputs = 3, Seed = 42)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Momentum, BatchSize = 4)]
public partial class MomentumDefaults { }

[Network(Inputs = 3, Seed = 43)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Momentum, LearningRate = 0.05f, Momentum = 0.5f, WeightDecay = 0.01f, BatchSize = 4)]
public partial class MomentumCustom { }

[Network(Inputs = 3, Seed = 44)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Nesterov, BatchSize = 4)]
public partial class NesterovDefaults { }

/// <summary>Nesterov reached through <c>Optimizer.Momentum</c> with <c>Nesterov = true</c>.</summary>
[Network(Inputs = 3, Seed = 45)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Momentum, Nesterov = true, LearningRate = 0.03f, Momentum = 0.8f, WeightDecay = 0.02f, BatchSize = 4)]
public partial class NesterovCustom { }

[Network(Inputs = 3, Seed = 46)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.RmsProp, BatchSize = 4)]
public partial class RmsPropDefaults { }

[Network(Inputs = 3, Seed = 47)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.RmsProp, LearningRate = 0.02f, Rho = 0.5f, Epsilon = 1e-3f, WeightDecay = 0.01f, BatchSize = 4)]
public partial class RmsPropCustom { }

[Network(Inputs = 3, Seed = 48)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Adam, BatchSize = 4)]
public partial class AdamDefaults { }

[Network(Inputs = 3, Seed = 49)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.05f, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-4f, WeightDecay = 0.01f, BatchSize = 4)]
public partial class AdamCustom { }

[Network(Inputs = 3, Seed = 50)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.AdamW, BatchSize = 4)]
public partial class AdamWDefaults { }

[Network(Inputs = 3, Seed = 51)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.AdamW, LearningRate = 0.01f, Beta1 = 0.7f, Beta2 = 0.95f, Epsilon = 1e-6f, WeightDecay = 0.1f, BatchSize = 4)]
public partial class AdamWCustom { }

[Network(Inputs = 3, Seed = 52)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.AdaGrad, BatchSize = 4)]
public partial class AdaGradDefaults { }

[Network(Inputs = 3, Seed = 53)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.AdaGrad, LearningRate = 0.1f, Epsilon = 1e-3f, WeightDecay = 0.01f, BatchSize = 4)]
public partial class AdaGradCustom { }

[Network(Inputs = 3, Seed = 54)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.AdaDelta, BatchSize = 4)]
public partial class AdaDeltaDefaults { }

[Network(Inputs = 3, Seed = 55)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.AdaDelta, LearningRate = 0.5f, Rho = 0.5f, Epsilon = 1e-4f, WeightDecay = 0.01f, BatchSize = 4)]
public partial class AdaDeltaCustom { }

/// <summary>PReLU slopes are parameters like any other: Adam must update them.</summary>
[Network(Inputs = 3, Seed = 56)][Dense(4, Activation.PReLU)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 4)]
public partial class AdamPReLU { }

// The same optimizers on a network of 2,404 parameters, which updates them with the runtime's
// vectorised kernels (above 1,024 parameters) instead of the inline scalar loop.

[Network(Inputs = 3, Seed = 80)][Dense(300, Activation.Tanh)][Dense(4)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, LearningRate = 0.05f, WeightDecay = 0.1f, BatchSize = 4)]
public partial class WideSgd { }

[Network(Inputs = 3, Seed = 81)][Dense(300, Activation.Tanh)][Dense(4)]
[Training(Loss.MeanSquaredError, Optimizer.Momentum, LearningRate = 0.05f, Momentum = 0.5f, WeightDecay = 0.01f, BatchSize = 4)]
public partial class WideMomentum { }

[Network(Inputs = 3, Seed = 82)][Dense(300, Activation.Tanh)][Dense(4)]
[Training(Loss.MeanSquaredError, Optimizer.Nesterov, LearningRate = 0.03f, Momentum = 0.8f, WeightDecay = 0.02f, BatchSize = 4)]
public partial class WideNesterov { }

[Network(Inputs = 3, Seed = 83)][Dense(300, Activation.Tanh)][Dense(4)]
[Training(Loss.MeanSquaredError, Optimizer.RmsProp, LearningRate = 0.02f, Rho = 0.5f, Epsilon = 1e-3f, WeightDecay = 0.01f, BatchSize = 4)]
public partial class WideRmsProp { }

[Network(Inputs = 3, Seed = 84)][Dense(300, Activation.Tanh)][Dense(4)]
[Training(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.05f, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-4f, WeightDecay = 0.01f, BatchSize = 4)]
public partial class WideAdam { }

[Network(Inputs = 3, Seed = 85)][Dense(300, Activation.Tanh)][Dense(4)]
[Training(Loss.MeanSquaredError, Optimizer.AdamW, LearningRate = 0.01f, Beta1 = 0.7f, Beta2 = 0.95f, Epsilon = 1e-6f, WeightDecay = 0.1f, BatchSize = 4)]
public partial class WideAdamW { }

[Network(Inputs = 3, Seed = 86)][Dense(300, Activation.Tanh)][Dense(4)]
[Training(Loss.MeanSquaredError, Optimizer.AdaGrad, LearningRate = 0.1f, Epsilon = 1e-3f, WeightDecay = 0.01f, BatchSize = 4)]
public partial class WideAdaGrad { }

[Network(Inputs = 3, Seed = 87)][Dense(300, Activation.Tanh)][Dense(4)]
[Training(Loss.MeanSquaredError, Optimizer.AdaDelta, LearningRate = 0.5f, Rho = 0.5f, Epsilon = 1e-4f, WeightDecay = 0.01f, BatchSize = 4)]
public partial class WideAdaDelta { }

[Network(Inputs = 3, Seed = 90)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Lion, BatchSize = 4)]
public partial class LionDefaults { }

[Network(Inputs = 3, Seed = 91)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.Lion, LearningRate = 0.01f, Beta1 = 0.8f, Beta2 = 0.95f, WeightDecay = 0.1f, BatchSize = 4)]
public partial class LionCustom { }

[Network(Inputs = 3, Seed = 92)][Dense(300, Activation.Tanh)][Dense(4)]
[Training(Loss.MeanSquaredError, Optimizer.Lion, LearningRate = 0.01f, Beta1 = 0.8f, Beta2 = 0.95f, WeightDecay = 0.1f, BatchSize = 4)]
public partial class WideLion { }

[Network(Inputs = 3, Seed = 93)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.NAdam, BatchSize = 4)]
public partial class NAdamDefaults { }

[Network(Inputs = 3, Seed = 94)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.NAdam, LearningRate = 0.01f, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-4f, WeightDecay = 0.01f, BatchSize = 4)]
public partial class NAdamCustom { }

[Network(Inputs = 3, Seed = 95)][Dense(300, Activation.Tanh)][Dense(4)]
[Training(Loss.MeanSquaredError, Optimizer.NAdam, LearningRate = 0.01f, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-4f, WeightDecay = 0.01f, BatchSize = 4)]
public partial class WideNAdam { }

[Network(Inputs = 3, Seed = 96)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.AdaMax, BatchSize = 4)]
public partial class AdaMaxDefaults { }

[Network(Inputs = 3, Seed = 97)][Dense(4, Activation.Tanh)][Dense(2)]
[Training(Loss.MeanSquaredError, Optimizer.AdaMax, LearningRate = 0.01f, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-4f, WeightDecay = 0.01f, BatchSize = 4)]
public partial class AdaMaxCustom { }

[Network(Inputs = 3, Seed = 98)][Dense(300, Activation.Tanh)][Dense(4)]
[Training(Loss.MeanSquaredError, Optimizer.AdaMax, LearningRate = 0.01f, Beta1 = 0.8f, Beta2 = 0.99f, Epsilon = 1e-4f, WeightDecay = 0.01f, BatchSize = 4)]
public partial class WideAdaMax { }
