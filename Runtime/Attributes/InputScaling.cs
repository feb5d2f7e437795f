// Compiled into the generator too (Generator/NetGen.Generator.csproj links this file): one definition
// of the enum for both. There it is internal and in NetGen.Generator.Model, so that an assembly that
// sees both (the generator's tests) never meets two NetGen.InputScaling.
#if NETGEN_GENERATOR
#pragma warning disable CS1574 // crefs to the runtime's attributes do not resolve in the generator
namespace NetGen.Generator.Model;
#else
namespace NetGen;
#endif

/// <summary>
/// The preprocessing a network applies to every raw input row before its first layer, declared with
/// <see cref="NetworkAttribute.InputScaling"/>: x′ = (x − offset) / divisor per input column. The
/// statistics are fitted from training data (not trained), stored beside the parameters and in model
/// files, compiled in with embedded weights and exported to ONNX as Sub/Div.
/// </summary>
/// <remarks>The numeric values are part of the contract with compiled user code and model files; never renumber a member.</remarks>
#if NETGEN_GENERATOR
internal
#else
public
#endif
enum InputScaling
{
    /// <summary>No scaling: the inputs go to the first layer as given.</summary>
    None = 0,

    /// <summary>
    /// Standardisation: offset = the column's mean, divisor = its population standard deviation
    /// (1 for a constant column), so each column has mean 0 and variance 1 on the training data.
    /// </summary>
    Standardize = 1,

    /// <summary>
    /// Min-max scaling to [0, 1] on the training data: offset = the column's minimum, divisor = its
    /// maximum − minimum (1 for a constant column).
    /// </summary>
    MinMax = 2,
}
