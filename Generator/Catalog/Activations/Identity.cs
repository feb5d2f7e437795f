using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>f(z) = z: the output of a regression network.</summary>
internal sealed class Identity : ActivationDefinition
{
    public override Activation Kind => Activation.Identity;

    public override string Name => "identity";

    public override string Forward(string z, string alpha) => z;

    public override string? Derivative(string z, string a, string alpha) => null;

    public override string? VectorForward(LayerSpec layer) => "z.CopyTo(a);";

    public override string OnnxRecipe(string alpha) => "Identity(z)";
}
