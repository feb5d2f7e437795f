using NetGen;

namespace NetGen.Benchmarks.RealData;

// One network per data set, as a user would declare it. compare.py gives scikit-learn's MLPClassifier /
// MLPRegressor the same architecture, epochs, minibatch size, optimizer and learning rate (its table
// SETS must stay in step with these declarations). Every hidden layer is ReLU (scikit-learn's default);
// every layer starts from Glorot-uniform weights, as scikit-learn's do for ReLU.

/// <summary>Iris: 4 → 16 ReLU → 3 (softmax), 200 epochs. Both layers are unrolled (under 256 weights).</summary>
[Network(Inputs = 4, Seed = 1)]
[Dense(16, Activation.ReLU, Init = Init.GlorotUniform)]
[Dense(3, Activation.Softmax, Init = Init.GlorotUniform)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 32)]
public partial class IrisNet { }

/// <summary>Wine: 13 → 32 ReLU → 3 (softmax), 200 epochs.</summary>
[Network(Inputs = 13, Seed = 1)]
[Dense(32, Activation.ReLU, Init = Init.GlorotUniform)]
[Dense(3, Activation.Softmax, Init = Init.GlorotUniform)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
public partial class WineNet { }

/// <summary>Breast cancer (Wisconsin diagnostic): 30 → 32 ReLU → 1 (sigmoid, binary cross-entropy, as
/// scikit-learn's binary MLPClassifier), 200 epochs.</summary>
[Network(Inputs = 30, Seed = 1)]
[Dense(32, Activation.ReLU, Init = Init.GlorotUniform)]
[Dense(1, Activation.Sigmoid, Init = Init.GlorotUniform)]
[Training(Loss.BinaryCrossEntropy, Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
public partial class CancerNet { }

/// <summary>UCI digits (8×8): 64 → 64 ReLU → 10 (softmax), 100 epochs.</summary>
[Network(Inputs = 64, Seed = 1)]
[Dense(64, Activation.ReLU, Init = Init.GlorotUniform)]
[Dense(10, Activation.Softmax, Init = Init.GlorotUniform)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
public partial class DigitsNet { }

/// <summary>Diabetes: 10 → 32 ReLU → 1 (identity, mean squared error on the standardised target), 300 epochs.</summary>
[Network(Inputs = 10, Seed = 1)]
[Dense(32, Activation.ReLU, Init = Init.GlorotUniform)]
[Dense(1, Activation.Identity, Init = Init.GlorotUniform)]
[Training(Loss.MeanSquaredError, Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
public partial class DiabetesNet { }

// The two larger shapes of the peers benchmark (benchmarks/NetGen.Benchmarks.Peers), for the steady-state
// check of Program's "shapes" mode: the code AggressiveOptimization compiles without tiered PGO.

/// <summary>784 → 128 ReLU → 10 (softmax), batch 32, SGD.</summary>
[Network(Inputs = 784, Seed = 1)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, LearningRate = 0.01f, BatchSize = 32)]
public partial class Mnist128Sgd { }

/// <summary>784 → 128 ReLU → 10 (softmax), batch 32, Adam.</summary>
[Network(Inputs = 784, Seed = 1)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.001f, BatchSize = 32)]
public partial class Mnist128Adam { }

/// <summary>784 → 512 ReLU → 512 ReLU → 10 (softmax), batch 64, SGD.</summary>
[Network(Inputs = 784, Seed = 1)]
[Dense(512, Activation.ReLU)]
[Dense(512, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Sgd, LearningRate = 0.01f, BatchSize = 64)]
public partial class Mnist512Sgd { }

/// <summary>784 → 512 ReLU → 512 ReLU → 10 (softmax), batch 64, Adam.</summary>
[Network(Inputs = 784, Seed = 1)]
[Dense(512, Activation.ReLU)]
[Dense(512, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
[Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.001f, BatchSize = 64)]
public partial class Mnist512Adam { }
