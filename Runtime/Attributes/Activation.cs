// Compiled into the generator too (Generator/NetGen.Generator.csproj links this file): one definition
// of the enum for both. There it is internal and in NetGen.Generator.Model, so that an assembly that
// sees both (the generator's tests) never meets two NetGen.Activation.
#if NETGEN_GENERATOR
#pragma warning disable CS1574 // crefs to the runtime's attributes do not resolve in the generator
namespace NetGen.Generator.Model;
#else
namespace NetGen;
#endif

/// <summary>The activation function f applied element-wise after a dense layer: y = f(x·W + b).</summary>
/// <remarks>
/// The numeric values are part of the contract with compiled user code (attribute arguments are stored
/// as numbers); never renumber a member. The exact formula and derivative of each are in docs/math.md.
/// </remarks>
#if NETGEN_GENERATOR
internal
#else
public
#endif
enum Activation
{
    /// <summary>f(x) = x. The output of a regression network.</summary>
    Identity = 0,

    /// <summary>f(x) = 0 for x &lt; 0, else 1. Its derivative is 0, so it cannot learn through backpropagation.</summary>
    BinaryStep = 1,

    /// <summary>The logistic function f(x) = 1 / (1 + e^−x), computed stably for large |x|.</summary>
    Sigmoid = 2,

    /// <summary>f(x) = tanh x.</summary>
    Tanh = 3,

    /// <summary>f(x) = atan x.</summary>
    ArcTan = 4,

    /// <summary>f(x) = max(0, x).</summary>
    ReLU = 5,

    /// <summary>f(x) = x for x ≥ 0, else αx (α from <see cref="DenseAttribute.Alpha"/>, default 0.01).</summary>
    LeakyReLU = 6,

    /// <summary>f(x) = x for x ≥ 0, else αx with a learnable α per unit (initially <see cref="DenseAttribute.Alpha"/>, default 0.25).</summary>
    PReLU = 7,

    /// <summary>f(x) = x for x ≥ 0, else α(e^x − 1) (α default 1).</summary>
    ELU = 8,

    /// <summary>f(x) = ln(1 + e^x), computed stably as max(x, 0) + ln(1 + e^−|x|).</summary>
    SoftPlus = 9,

    /// <summary>f(z)ₖ = e^(zₖ − max z) / Σⱼ e^(zⱼ − max z), over the whole layer.</summary>
    Softmax = 10,

    /// <summary>
    /// f(z)ₖ = zₖ − max z − ln Σⱼ e^(zⱼ − max z) = ln softmax(z)ₖ, over the whole layer: log-probabilities, as
    /// PyTorch's <c>nn.LogSoftmax</c> and ONNX's <c>LogSoftmax</c>. Output layer only.
    /// </summary>
    LogSoftmax = 11,

    /// <summary>
    /// GELU, the exact form: f(x) = x·Φ(x) = ½x(1 + erf(x/√2)), Φ the standard normal CDF (PyTorch's
    /// default <c>nn.GELU</c>, ONNX <c>Gelu</c> with approximate = "none"). He initialisation by default.
    /// </summary>
    GELU = 12,

    /// <summary>SiLU (Swish with β = 1): f(x) = x·σ(x), σ the logistic function. He initialisation by default.</summary>
    SiLU = 13,

    /// <summary>Mish: f(x) = x·tanh(softplus(x)), softplus computed stably as in <see cref="SoftPlus"/>. He initialisation by default.</summary>
    Mish = 14,
}
