using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>
/// f(z) = z ≥ 0 ? z : α_j z with one learned α per unit (stored after the bias, initially the declared
/// α, default 0.25). The layer code handles ∂loss/∂α = ∂loss/∂a · min(z, 0). He initialisation.
/// </summary>
internal sealed class PReLU : ActivationDefinition
{
    public override Activation Kind => Activation.PReLU;

    public override string Name => "prelu";

    public override string Forward(string z, string alpha) => $"({z} < 0f ? {alpha} * {z} : {z})";

    public override string? Derivative(string z, string a, string alpha) => $"({z} >= 0f ? 1f : {alpha})";

    public override AlphaParameter? Alpha { get; } = new(0.25f, Learned: true);

    public override Init DefaultInit => Init.HeUniform;

    public override string OnnxRecipe(string alpha) => "PRelu(z,alpha)";
}
