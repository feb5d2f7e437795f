using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>f(z) = max(0, z); f′ = z ≥ 0 ? 1 : 0. He initialisation.</summary>
internal sealed class ReLU : ActivationDefinition
{
    public override Activation Kind => Activation.ReLU;

    public override string Name => "relu";

    public override string Forward(string z, string alpha) => $"({z} < 0f ? 0f : {z})";

    public override string? Derivative(string z, string a, string alpha) => $"({z} >= 0f ? 1f : 0f)";

    public override Init DefaultInit => Init.HeUniform;

    public override string? VectorForward(LayerSpec layer) => $"{Kernels}.ReLU(z, a); // vectorised, branch-free";

    public override string? VectorDerivative(LayerSpec previous) => $"{Kernels}.MultiplyReLUDerivative(dPrev, zPrev);";

    public override string OnnxRecipe(string alpha) => "Relu(z)";
}
