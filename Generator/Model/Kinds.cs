namespace NetGen.Generator.Model;

// These enums mirror NetGen.Activation, NetGen.Loss, NetGen.Optimizer and NetGen.Init in the runtime,
// value for value (the generator cannot reference the net10.0 runtime). A test asserts they agree.

internal enum ActivationKind
{
    Identity = 0,
    BinaryStep = 1,
    Sigmoid = 2,
    Tanh = 3,
    ArcTan = 4,
    ReLU = 5,
    LeakyReLU = 6,
    PReLU = 7,
    ELU = 8,
    SoftPlus = 9,
    Softmax = 10,
    LogSoftmax = 11,
    GELU = 12,
    SiLU = 13,
    Mish = 14,
}

internal enum LossKind
{
    MeanSquaredError = 0,
    HalfSquaredError = 1,
    Huber = 2,
    BinaryCrossEntropy = 3,
    CrossEntropy = 4,
}

internal enum OptimizerKind
{
    Sgd = 0,
    Momentum = 1,
    Nesterov = 2,
    RmsProp = 3,
    Adam = 4,
    AdamW = 5,
    AdaGrad = 6,
    AdaDelta = 7,
    Lion = 8,
    NAdam = 9,
    AdaMax = 10,
}

internal enum InitKind
{
    Auto = 0,
    GlorotUniform = 1,
    HeUniform = 2,
}

internal enum CodeGenKind
{
    Auto = 0,
    Unrolled = 1,
    Loops = 2,
    Simd = 3,
}

/// <summary>How the code of one layer is generated.</summary>
internal enum LayerStrategy
{
    /// <summary>Every multiply-add written out with constant indices: no loops.</summary>
    Unrolled,

    /// <summary>Constant-trip-count scalar loops over the layer's exact shape, per sample.</summary>
    Loops,

    /// <summary>Batched, register-blocked SIMD kernels specialised for the shape.</summary>
    Simd,
}
