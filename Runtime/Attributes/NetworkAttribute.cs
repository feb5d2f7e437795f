using System;
using System.Diagnostics;

namespace NetGen;

/// <summary>
/// Declares a multilayer perceptron on a <c>partial class</c>. NetGen's source generator reads this
/// attribute, the <see cref="DenseAttribute"/> layers (in source order) and the optional
/// <see cref="TrainingAttribute"/>, and emits the network's fixed-shape code into the class.
/// </summary>
/// <example>
/// <code>
/// [Network(Inputs = 4, Seed = 7)]
/// [Dense(16, Activation.Tanh)]
/// [Dense(3, Activation.Softmax)]
/// [Training(Loss.CrossEntropy, Optimizer.Sgd, LearningRate = 0.1f, BatchSize = 16)]
/// public partial class IrisNet { }
/// </code>
/// </example>
/// <remarks>
/// The attribute is read at compile time only; it is not kept in the compiled assembly unless the
/// symbol <c>NETGEN_KEEP_ATTRIBUTES</c> is defined.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("NETGEN_KEEP_ATTRIBUTES")]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>The width of one input sample. Required; must be positive.</summary>
    public int Inputs { get; set; }

    /// <summary>
    /// The seed of the deterministic weight initialisation: the same seed gives the same initial
    /// parameters on every run and machine. (Training from them is bit-identical only on the same
    /// instruction set and with the same <see cref="Threads"/>: see docs/training.md.)
    /// </summary>
    public int Seed { get; set; }

    /// <summary>
    /// Data-parallel training: each batch is split into this many contiguous chunks of rows, trained on
    /// the runtime's worker threads, and the gradients are added in chunk order (deterministic for a
    /// given value). Default 1; at most 64. Prediction is always single-threaded.
    /// </summary>
    public int Threads { get; set; } = 1;

    /// <summary>How every layer's code is generated, unless a layer's <see cref="DenseAttribute.CodeGen"/> says otherwise.</summary>
    public CodeGen CodeGen { get; set; }

    /// <summary>
    /// A model file (saved by <c>NetGen.Models.ModelFile.Save</c>) whose parameters are compiled into
    /// the assembly as constant data and become every new instance's parameters instead of the
    /// seeded initialisation: the program predicts without reading or parsing a file. The file is
    /// added to the project as <c>&lt;NetGenModel Include="path/model.ngmf" /&gt;</c>; this names it
    /// by that path or by its file name. A missing or corrupt file, or one saved from another
    /// architecture, is a compile-time error (NG0015–NG0017).
    /// </summary>
    /// <example><c>[Network(Inputs = 784, Weights = "mnist.ngmf")]</c></example>
    public string? Weights { get; set; }

    /// <summary>
    /// The preprocessing the network applies to every raw input row, inside <c>Predict</c>,
    /// <c>PredictBatch</c> and the training methods: x′ = (x − offset) / divisor per column, with the
    /// statistics fitted from training data (the runtime's <c>Trainer</c> fits them before the first
    /// epoch; <c>FitInputScaling</c> and <c>SetInputScaling</c> set them by hand). They are saved in
    /// model files, compiled in with <see cref="Weights"/> and exported to ONNX. Default
    /// <see cref="NetGen.InputScaling.None"/>: the inputs go to the first layer as given.
    /// </summary>
    /// <example><c>[Network(Inputs = 13, InputScaling = InputScaling.Standardize)]</c></example>
    public InputScaling InputScaling { get; set; }
}
