using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>f(z) = tanh z; f′ = 1 − a².</summary>
internal sealed class Tanh : ActivationDefinition
{
    public override Activation Kind => Activation.Tanh;

    public override string Name => "tanh";

    public override string Forward(string z, string alpha) => $"global::System.MathF.Tanh({z})";

    public override string? Derivative(string z, string a, string alpha) => $"(1f - {a} * {a})";

    public override string? VectorForward(LayerSpec layer) => $"{Kernels}.Tanh(z, a); // vectorised";

    public override string? VectorDerivative(LayerSpec previous) => $"{Kernels}.MultiplyTanhDerivative(dPrev, aPrev);";

    public override bool VectorisePerSample => true;

    public override string OnnxRecipe(string alpha) => "Tanh(z)";
}
