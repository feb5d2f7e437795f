using System;
using System.Diagnostics;

namespace NetGen;

/// <summary>
/// One fully connected layer, y = f(x·W + b). Apply one per layer, in order: the first is the first
/// hidden layer, the last is the output layer.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("NETGEN_KEEP_ATTRIBUTES")]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Declares a dense layer.</summary>
    /// <param name="units">The number of units (the layer's output width). Must be positive.</param>
    /// <param name="activation">The activation applied after the affine map.</param>
    public DenseAttribute(int units, Activation activation = Activation.Identity)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>Declares a dense layer whose activation is a method of your own, differentiated at compile time.</summary>
    /// <param name="units">The number of units (the layer's output width). Must be positive.</param>
    /// <param name="functions">The type that declares the activation method: <c>typeof(MyFunctions)</c>.</param>
    /// <param name="activation">
    /// The method's name, best written <c>nameof(MyFunctions.ScaledTanh)</c> so that a rename follows it:
    /// a <c>static float F(float x)</c> in the subset [Differentiate] supports (docs/custom-functions.md).
    /// </param>
    public DenseAttribute(int units, Type functions, string activation)
    {
        Units = units;
        Activation = Activation.Identity;
        Functions = functions;
        ActivationMethod = activation;
    }

    /// <summary>
    /// Declares a dense layer whose activation is a method of the network class itself:
    /// <c>[Dense(64, nameof(Swish))]</c>, the short form of <c>[Dense(64, typeof(Net), nameof(Swish))]</c>.
    /// </summary>
    /// <param name="units">The number of units (the layer's output width). Must be positive.</param>
    /// <param name="activation">
    /// The name of a <c>static float F(float x)</c> declared in the network class, best written
    /// <c>nameof(F)</c>; a missing method is a compile-time error (NG0104) on this argument.
    /// </param>
    public DenseAttribute(int units, string activation)
    {
        Units = units;
        Activation = Activation.Identity;
        ActivationMethod = activation;
    }

    /// <summary>The number of units (the layer's output width).</summary>
    public int Units { get; }

    /// <summary>The type declaring a custom activation method, or null for a built-in <see cref="Activation"/> or the short form (the network class).</summary>
    public Type? Functions { get; }

    /// <summary>The name of the custom activation method in <see cref="Functions"/>, or null.</summary>
    public string? ActivationMethod { get; }

    /// <summary>The activation applied after the affine map.</summary>
    public Activation Activation { get; }

    /// <summary>
    /// The activation's parameter: the LeakyReLU slope (default 0.01), the ELU α (default 1) or the
    /// PReLU initial slope (default 0.25). Leave it out for the activation's default; the property's
    /// NaN stands for "unset", and a NaN or infinity written out is a compile-time error (NG0025), as
    /// is Alpha on any other activation a warning (NG0026).
    /// </summary>
    public float Alpha { get; set; } = float.NaN;

    /// <summary>
    /// The values of a custom activation's constant parameters, in order, after x: for
    /// <c>static float Swish(float x, float beta = 1f)</c>, <c>Arguments = new[] { 1.5f }</c> makes the
    /// layer's activation Swish(x, 1.5) (f and f′ are generated for that value). A parameter without a value
    /// here takes its C# default value. More values than parameters, a parameter with neither, or a
    /// NaN or infinity is a compile-time error (NG0110); on a built-in activation, a warning (NG0026).
    /// </summary>
    /// <remarks>
    /// Named Arguments, not Parameters: a network's Parameters are its learned weights. Use Alpha for a
    /// built-in activation's α (LeakyReLU, ELU, PReLU). docs/custom-functions.md, "Constant parameters".
    /// </remarks>
    public float[]? Arguments { get; set; }

    /// <summary>How the layer's weights are initialised; <see cref="NetGen.Init.Auto"/> chooses by activation.</summary>
    public Init Init { get; set; }

    /// <summary>How this layer's code is generated; <see cref="NetGen.CodeGen.Auto"/> defers to <see cref="NetworkAttribute.CodeGen"/>.</summary>
    public CodeGen CodeGen { get; set; }

    /// <summary>
    /// The fraction of this layer's outputs set to zero in training (inverted dropout, as Keras's
    /// <c>Dropout(rate)</c> after the layer): during <c>ComputeLossAndGradients</c>/<c>TrainBatch</c> each
    /// output is kept with probability 1 − rate and scaled by 1/(1 − rate); <c>Predict</c>,
    /// <c>PredictBatch</c> and the Trainer's validation loss never drop. 0 (the default) is off.
    /// </summary>
    /// <remarks>
    /// In [0, 1), else a compile-time error (NG0027); not on the output layer (NG0029). The masks come
    /// from a counter-based hash of the network's Seed, the layer, <c>Step</c> and the element's row
    /// and unit within the batch, so training is bit-identical for a given seed and any Threads.
    /// Ignored, with a warning (NG0026), on a network without [Training]. docs/training.md, "Regularisation".
    /// </remarks>
    public float Dropout { get; set; }

    /// <summary>
    /// The L2 penalty factor λ on this layer's weights: the training loss gains λ·Σw² (gradient 2λw),
    /// as Keras's <c>kernel_regularizer=L2(λ)</c>. Biases (and PReLU's α) are not penalised. 0 (the default) is off.
    /// </summary>
    /// <remarks>
    /// Zero or positive and finite, else a compile-time error (NG0028). scikit-learn's MLP <c>alpha</c>
    /// adds ½·alpha·‖W‖²/n_samples instead: L2 = alpha/(2·n_samples) gives its penalty (docs/math.md).
    /// Ignored, with a warning (NG0026), on a network without [Training].
    /// </remarks>
    public float L2 { get; set; }

    /// <summary>
    /// The L1 penalty factor λ on this layer's weights: the training loss gains λ·Σ|w| (gradient λ·sign w,
    /// 0 at w = 0), as Keras's <c>kernel_regularizer=L1(λ)</c>. Biases (and PReLU's α) are not penalised. 0 (the default) is off.
    /// </summary>
    /// <remarks>Zero or positive and finite, else a compile-time error (NG0028). Ignored, with a warning (NG0026), on a network without [Training].</remarks>
    public float L1 { get; set; }
}
