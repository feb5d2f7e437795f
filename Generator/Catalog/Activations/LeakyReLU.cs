using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>f(z) = z ≥ 0 ? z : αz, α declared (default 0.01); f′ = z ≥ 0 ? 1 : α. He initialisation.</summary>
internal sealed class LeakyReLU : ActivationDefinition
{
    public override Activation Kind => Activation.LeakyReLU;

    public override string Name => "leaky_relu";

    public override string Forward(string z, string alpha) => $"({z} < 0f ? {alpha} * {z} : {z})";

    public override string? Derivative(string z, string a, string alpha) => $"({z} >= 0f ? 1f : {alpha})";

    public override AlphaParameter? Alpha { get; } = new(0.01f);

    public override Init DefaultInit => Init.HeUniform;

    public override string? VectorForward(LayerSpec layer) => $"{Kernels}.LeakyReLU(z, a, {Literals.Float(layer.Alpha)}); // vectorised, branch-free";

    public override string? VectorDerivative(LayerSpec previous) => $"{Kernels}.MultiplyLeakyReLUDerivative(dPrev, zPrev, {Literals.Float(previous.Alpha)});";

    public override string OnnxRecipe(string alpha) => $"LeakyRelu(z)[alpha=f{alpha}]";

    public override string? OnnxAlphaAttribute => "alpha";
}
