using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>f(z) = atan z; f′ = 1/(z² + 1).</summary>
internal sealed class ArcTan : ActivationDefinition
{
    public override Activation Kind => Activation.ArcTan;

    public override string Name => "atan";

    public override string Forward(string z, string alpha) => $"global::System.MathF.Atan({z})";

    public override string? Derivative(string z, string a, string alpha) => $"1f / ({z} * {z} + 1f)";

    public override string OnnxRecipe(string alpha) => "Atan(z)";
}
