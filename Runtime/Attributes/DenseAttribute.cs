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

    /// <summary>The number of units (the layer's output width).</summary>
    public int Units { get; }

    /// <summary>The activation applied after the affine map.</summary>
    public Activation Activation { get; }

    /// <summary>
    /// The activation's parameter: the LeakyReLU slope (default 0.01), the ELU α (default 1) or the
    /// PReLU initial slope (default 0.25). Leave it out for the activation's default; the property's
    /// NaN stands for "unset", and a NaN or infinity written out is a compile-time error (NG0025), as
    /// is Alpha on any other activation a warning (NG0026).
    /// </summary>
    public float Alpha { get; set; } = float.NaN;

    /// <summary>How the layer's weights are initialised; <see cref="NetGen.Init.Auto"/> chooses by activation.</summary>
    public Init Init { get; set; }

    /// <summary>How this layer's code is generated; <see cref="NetGen.CodeGen.Auto"/> defers to <see cref="NetworkAttribute.CodeGen"/>.</summary>
    public CodeGen CodeGen { get; set; }
}
