using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>
/// SiLU (Swish with β = 1): f(z) = z·σ(z); f′(z) = σ(z)(1 + z(1 − σ(z))), σ the stable logistic
/// helper. He initialisation. Vectorised in SIMD layers; ONNX: Mul(z, Sigmoid(z)); import also reads
/// opset 24's Swish node with alpha = 1.
/// </summary>
internal sealed class SiLU : ActivationDefinition
{
    private static readonly ScalarHelper DerivativeHelper = new("SiluDerivative", w =>
    {
        w.WriteLine();
        w.WriteLine("/// <summary>SiLU′: σ(x)(1 + x(1 − σ(x))).</summary>");
        w.WriteLine("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        w.WriteLine("public static float SiluDerivative(float x) { float s = Sigmoid(x); return s * (1f + x * (1f - s)); }");
    });

    // σ(x) over a vector with the scalar helper's arithmetic: e = e^−|x|, x ≥ 0 ? 1/(1 + e) : e/(1 + e).
    private const string VectorSigmoid = """
        TVector e = TSimd.Exp(TSimd.Subtract(TSimd.Zero, TSimd.Abs(x)));
        TVector inverse = TSimd.Divide(TSimd.Broadcast(1f), TSimd.Add(TSimd.Broadcast(1f), e));
        TVector s = TSimd.Select(TSimd.GreaterThanOrEqual(x, TSimd.Zero), inverse, TSimd.Multiply(e, inverse));
        """;

    public override Activation Kind => Activation.SiLU;

    public override string Name => "silu";

    public override string Forward(string z, string alpha) => $"({z} * Sigmoid({z}))";

    public override string? Derivative(string z, string a, string alpha) => $"SiluDerivative({z})";

    public override IReadOnlyList<ScalarHelper> Helpers => new[] { Sigmoid.Helper, DerivativeHelper };

    public override Init DefaultInit => Init.HeUniform;

    protected override string? VectorForwardBody => VectorSigmoid + "\nreturn TSimd.Multiply(x, s);";

    protected override string? VectorDerivativeBody => VectorSigmoid + "\nreturn TSimd.Multiply(s, TSimd.MultiplyAdd(x, TSimd.Subtract(TSimd.Broadcast(1f), s), TSimd.Broadcast(1f)));";

    public override string OnnxRecipe(string alpha) => "Sigmoid(z);Mul(z,t0)";

    /// <summary>ONNX's own Swish (opset 24), x·σ(alpha·x), with alpha = 1 (its default).</summary>
    public override IReadOnlyList<string> OnnxImportAliases => new[] { "Swish(z)[alpha=f1]" };

    public override string OnnxAttributeRefusal(string attribute, string value) =>
        $"{attribute} = {value} is not supported; NetGen's SiLU is Swish with alpha = 1";
}
