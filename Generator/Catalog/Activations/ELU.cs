using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>f(z) = z ≥ 0 ? z : α(e^z − 1), α &gt; 0 (default 1); f′ = z ≥ 0 ? 1 : a + α. He initialisation.</summary>
internal sealed class ELU : ActivationDefinition
{
    public override Activation Kind => Activation.ELU;

    public override string Name => "elu";

    public override string Forward(string z, string alpha) => $"({z} < 0f ? {alpha} * (global::System.MathF.Exp({z}) - 1f) : {z})";

    public override string? Derivative(string z, string a, string alpha) => $"({z} >= 0f ? 1f : {a} + {alpha})";

    public override AlphaParameter? Alpha { get; } = new(1f, RangeText: "positive", IsValid: alpha => alpha > 0f);

    public override Init DefaultInit => Init.HeUniform;

    public override string OnnxRecipe(string alpha) => $"Elu(z)[alpha=f{alpha}]";

    public override string? OnnxAlphaAttribute => "alpha";
}
