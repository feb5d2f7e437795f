using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>f(z) = ln(1 + e^z), computed stably as max(z, 0) + ln(1 + e^−|z|); f′ = σ(z).</summary>
internal sealed class SoftPlus : ActivationDefinition
{
    /// <summary>The kernels-class helper SoftPlus(x).</summary>
    public static readonly ScalarHelper Helper = new("SoftPlus", w =>
    {
        w.WriteLine();
        w.WriteLine("/// <summary>ln(1 + e^x), evaluated stably as max(x, 0) + ln(1 + e^−|x|).</summary>");
        w.WriteLine("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (w.Block("public static float SoftPlus(float x)"))
        {
            w.WriteLine("return global::System.MathF.Max(x, 0f) + global::System.MathF.Log(1f + global::System.MathF.Exp(-global::System.MathF.Abs(x)));");
        }
    });

    public override Activation Kind => Activation.SoftPlus;

    public override string Name => "softplus";

    public override string Forward(string z, string alpha) => $"SoftPlus({z})";

    public override string? Derivative(string z, string a, string alpha) => $"Sigmoid({z})";

    public override System.Collections.Generic.IReadOnlyList<ScalarHelper> Helpers => new[] { Sigmoid.Helper, Helper };

    public override string OnnxRecipe(string alpha) => "Softplus(z)";
}
