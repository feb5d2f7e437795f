namespace NetGen.Tests.Scaling;

// Networks that declare an input scaling, each beside an unscaled twin of the same shape and code
// strategy (InputScalingTests gives both the same parameters and compares them on raw vs pre-scaled rows).

[Network(Inputs = 5, Seed = 3, CodeGen = CodeGen.Loops, InputScaling = InputScaling.Standardize)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 8)]
public partial class StandardizedLoops { }

[Network(Inputs = 5, Seed = 3, CodeGen = CodeGen.Loops)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 8)]
public partial class TwinLoops { }

[Network(Inputs = 5, Seed = 3, CodeGen = CodeGen.Simd, InputScaling = InputScaling.Standardize)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 8)]
public partial class StandardizedSimd { }

[Network(Inputs = 5, Seed = 3, CodeGen = CodeGen.Simd)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 8)]
public partial class TwinSimd { }

[Network(Inputs = 5, Seed = 3, CodeGen = CodeGen.Unrolled, InputScaling = InputScaling.MinMax)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 8)]
public partial class MinMaxUnrolled { }

[Network(Inputs = 5, Seed = 3, CodeGen = CodeGen.Unrolled)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 8)]
public partial class TwinUnrolled { }

[Network(Inputs = 5, Seed = 3, CodeGen = CodeGen.Lanes, InputScaling = InputScaling.Standardize)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 8)]
public partial class StandardizedLanes { }

[Network(Inputs = 5, Seed = 3, CodeGen = CodeGen.Lanes)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 8)]
public partial class TwinLanes { }

[Network(Inputs = 5, Seed = 3, CodeGen = CodeGen.Unrolled, Threads = 3, InputScaling = InputScaling.MinMax)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 8)]
public partial class MinMaxThreads { }

[Network(Inputs = 5, Seed = 3, CodeGen = CodeGen.Unrolled, Threads = 3)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 8)]
public partial class TwinThreads { }

[Network(Inputs = 5, CodeGen = CodeGen.Loops, InputScaling = InputScaling.Standardize)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class StandardizedInference { }

[Network(Inputs = 5, CodeGen = CodeGen.Loops)]
[Dense(7, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class TwinInference { }

// Wider than Predict's stack buffer for the scaled row (4096 inputs): the per-thread buffer path.
[Network(Inputs = 4100, Seed = 5, CodeGen = CodeGen.Simd, InputScaling = InputScaling.Standardize)]
[Dense(4, Activation.ReLU)]
[Dense(2, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 4)]
public partial class StandardizedWide { }

[Network(Inputs = 4100, Seed = 5, CodeGen = CodeGen.Simd)]
[Dense(4, Activation.ReLU)]
[Dense(2, Activation.Identity)]
[Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 4)]
public partial class TwinWide { }

// Iris-shaped: trained from a CSV by InputScalingTests and by the fresh-process round trip.
[Network(Inputs = 4, Seed = 7, InputScaling = InputScaling.Standardize)]
[Dense(16, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 16)]
public partial class ScaledIris { }

// Compiled in from Models/scaled-embedded.ngmf (version 2: Standardize, class names), and its twin that loads the file.
[Network(Inputs = 3, Weights = "scaled-embedded.ngmf", InputScaling = InputScaling.Standardize)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
public partial class EmbeddedScaled { }

[Network(Inputs = 3, InputScaling = InputScaling.Standardize)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
public partial class LoadedScaled { }

[Network(Inputs = 3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
public partial class TwinOfEmbedded { }
