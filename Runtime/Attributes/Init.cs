namespace NetGen;

/// <summary>How a dense layer's weights are initialised (biases always start at 0).</summary>
/// <remarks>The numeric values are mirrored by the generator; never renumber a member.</remarks>
public enum Init
{
    /// <summary>Chosen by activation: He uniform for the ReLU family and ELU, Glorot uniform otherwise.</summary>
    Auto = 0,

    /// <summary>Glorot/Xavier uniform: U(−√(6/(in+out)), +√(6/(in+out))).</summary>
    GlorotUniform = 1,

    /// <summary>He uniform: U(−√(6/in), +√(6/in)).</summary>
    HeUniform = 2,
}
