using System;
using System.Diagnostics;

namespace NetGen;

/// <summary>
/// Makes the network trainable: the generator emits backpropagation for <see cref="Loss"/> and the
/// update step of <see cref="Optimizer"/>. Without it the network is inference-only.
/// </summary>
/// <remarks>
/// Every hyperparameter left unset takes the optimizer's default (docs/math.md). Floating-point
/// properties use NaN to mean "unset"; a NaN or infinity written out is a compile-time error (NG0025;
/// NG0030 for the clipping thresholds), a value out of range another (NG0007), and a hyperparameter
/// the chosen optimizer or loss does not use a warning (NG0026). The optimizer's hyperparameters and
/// the clipping thresholds are also properties of the generated class, checked by the same rules,
/// so they can be changed at run time (docs/training.md, "Hyperparameters at run time").
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("NETGEN_KEEP_ATTRIBUTES")]
public sealed class TrainingAttribute : Attribute
{
    /// <summary>Declares how the network is trained.</summary>
    /// <param name="loss">The loss to minimise.</param>
    /// <param name="optimizer">The update rule.</param>
    public TrainingAttribute(Loss loss, Optimizer optimizer = Optimizer.Sgd)
    {
        Loss = loss;
        Optimizer = optimizer;
    }

    /// <summary>Declares how the network is trained, with a loss of your own, differentiated at compile time.</summary>
    /// <param name="functions">The type that declares the loss method: <c>typeof(MyLosses)</c>.</param>
    /// <param name="loss">
    /// The method's name, best written <c>nameof(MyLosses.Pinball)</c> so that a rename follows it: a
    /// <c>static float L(float prediction, float target)</c> in the subset [Differentiate] supports
    /// (docs/custom-functions.md, "Custom loss"). It is applied to every output and mean-reduced over the
    /// batch and the outputs, (1/(B·K)) Σ L(y, t), like <see cref="Loss.MeanSquaredError"/>; its
    /// derivative with respect to the prediction is generated and chained through the output activation.
    /// A method that is missing, overloaded or not in this compilation is NG0104, a wrong signature NG0100,
    /// code outside the subset NG0101–NG0103.
    /// </param>
    /// <param name="optimizer">The update rule.</param>
    public TrainingAttribute(Type functions, string loss, Optimizer optimizer = Optimizer.Sgd)
    {
        Loss = (Loss)(-1);
        LossFunctions = functions;
        LossMethod = loss;
        Optimizer = optimizer;
    }

    /// <summary>
    /// The loss to minimise; with a custom loss (<see cref="LossMethod"/>) a value that is no member of
    /// <see cref="NetGen.Loss"/>, <c>(Loss)(-1)</c>, as <c>ITrainableNetwork.Loss</c> reports it.
    /// </summary>
    public Loss Loss { get; }

    /// <summary>The type declaring a custom loss method, or null for a built-in <see cref="Loss"/>.</summary>
    public Type? LossFunctions { get; }

    /// <summary>The name of the custom loss method in <see cref="LossFunctions"/>, or null.</summary>
    public string? LossMethod { get; }

    /// <summary>The update rule.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The initial learning rate α (the default depends on the optimizer: the table in docs/math.md).</summary>
    public float LearningRate { get; set; } = float.NaN;

    /// <summary>The largest minibatch the training code is specialised for (default 32).</summary>
    public int BatchSize { get; set; }

    /// <summary>The momentum η of <see cref="Optimizer.Momentum"/> and <see cref="Optimizer.Nesterov"/> (default 0.9).</summary>
    public float Momentum { get; set; } = float.NaN;

    /// <summary>Use Nesterov's look-ahead with <see cref="Optimizer.Momentum"/> (the same as choosing <see cref="Optimizer.Nesterov"/>).</summary>
    public bool Nesterov { get; set; }

    /// <summary>The decay ρ of RmsProp and AdaDelta (default 0.9).</summary>
    public float Rho { get; set; } = float.NaN;

    /// <summary>The first decay β₁ of the Adam family and Lion (default 0.9).</summary>
    public float Beta1 { get; set; } = float.NaN;

    /// <summary>The second decay β₂ of the Adam family and Lion (default 0.999; Lion 0.99).</summary>
    public float Beta2 { get; set; } = float.NaN;

    /// <summary>The ε that keeps adaptive optimizers from dividing by zero (defaults in docs/math.md).</summary>
    public float Epsilon { get; set; } = float.NaN;

    /// <summary>Weight decay λ: added to the gradient as λθ (L2), or applied to θ directly where the optimizer decouples it (AdamW, whose default is 0.01, and Lion).</summary>
    public float WeightDecay { get; set; } = float.NaN;

    /// <summary>The δ of the Huber loss (default 1).</summary>
    public float HuberDelta { get; set; } = float.NaN;

    /// <summary>
    /// Gradient clipping by global norm: before each optimizer step the gradients, all as one vector,
    /// are scaled to an L2 norm of at most this value, g ← g·min(1, c/‖g‖) (PyTorch's
    /// <c>clip_grad_norm_</c>, Keras's <c>global_clipnorm</c>). Unset (NaN): no clipping. Finite and
    /// positive (NG0030); the generated <c>ClipNorm</c> property starts at it and changes it at run time.
    /// </summary>
    public float ClipNorm { get; set; } = float.NaN;

    /// <summary>
    /// Gradient clipping by value: before each optimizer step every gradient is clamped to [−c, c]
    /// (Keras's <c>clipvalue</c>); with <see cref="ClipNorm"/> too, this comes first. Unset (NaN): no
    /// clipping. Finite and positive (NG0030); the generated <c>ClipValue</c> property starts at it.
    /// </summary>
    public float ClipValue { get; set; } = float.NaN;
}
