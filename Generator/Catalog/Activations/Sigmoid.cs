using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>The logistic function σ(z) = 1/(1 + e^−z); σ′ = a(1 − a).</summary>
internal sealed class Sigmoid : ActivationDefinition
{
    /// <summary>The kernels-class helper Sigmoid(x), which SoftPlus′ and others call too.</summary>
    public static readonly ScalarHelper Helper = new("Sigmoid", w =>
    {
        w.WriteLine();
        w.WriteLine("/// <summary>The logistic function 1/(1+e^−x), evaluated so that e^x never overflows.</summary>");
        w.WriteLine("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        using (w.Block("public static float Sigmoid(float x)"))
        {
            w.WriteLine("float e = global::System.MathF.Exp(-global::System.MathF.Abs(x));");
            w.WriteLine("return x >= 0f ? 1f / (1f + e) : e / (1f + e);");
        }
    });

    public override Activation Kind => Activation.Sigmoid;

    public override string Name => "sigmoid";

    public override string Forward(string z, string alpha) => $"Sigmoid({z})";

    public override string? Derivative(string z, string a, string alpha) => $"{a} * (1f - {a})";

    public override System.Collections.Generic.IReadOnlyList<ScalarHelper> Helpers => new[] { Helper };

    public override string? VectorDerivative(LayerSpec previous) => $"{Kernels}.MultiplySigmoidDerivative(dPrev, aPrev);";

    public override string OnnxRecipe(string alpha) => "Sigmoid(z)";
}
