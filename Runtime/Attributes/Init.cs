// Compiled into the generator too (Generator/NetGen.Generator.csproj links this file): one definition
// of the enum for both. There it is internal and in NetGen.Generator.Model, so that an assembly that
// sees both (the generator's tests) never meets two NetGen.Init.
#if NETGEN_GENERATOR
#pragma warning disable CS1574 // crefs to the runtime's attributes do not resolve in the generator
namespace NetGen.Generator.Model;
#else
namespace NetGen;
#endif

/// <summary>How a dense layer's weights are initialised (biases always start at 0).</summary>
/// <remarks>The numeric values are part of the contract with compiled user code (attribute arguments are stored as numbers); never renumber a member.</remarks>
#if NETGEN_GENERATOR
internal
#else
public
#endif
enum Init
{
    /// <summary>Chosen by activation: He uniform for the ReLU family and ELU, Glorot uniform otherwise.</summary>
    Auto = 0,

    /// <summary>Glorot/Xavier uniform: U(−√(6/(in+out)), +√(6/(in+out))).</summary>
    GlorotUniform = 1,

    /// <summary>He uniform: U(−√(6/in), +√(6/in)).</summary>
    HeUniform = 2,
}
