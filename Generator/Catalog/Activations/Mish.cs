using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>
/// Mish: f(z) = z·tanh(softplus(z)), softplus the stable SoftPlus helper; with t = tanh(softplus(z)),
/// f′(z) = t + z(1 − t²)σ(z). He initialisation. Vectorised in SIMD layers with
/// tanh(softplus(z)) = n/(n + 2), n = e^z(e^z + 2) (exactly 1 in float beyond z = 15); ONNX:
/// Mul(z, Tanh(Softplus(z))), valid at opset 17 (opset 18's Mish would raise the file's opset);
/// import also reads a Mish node.
/// </summary>
internal sealed class Mish : ActivationDefinition
{
    private static readonly ScalarHelper DerivativeHelper = new("MishDerivative", w =>
    {
        w.WriteLine();
        w.WriteLine("/// <summary>Mish′: t + x(1 − t²)σ(x), t = tanh(softplus(x)).</summary>");
        w.WriteLine("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        w.WriteLine("public static float MishDerivative(float x) { float t = global::System.MathF.Tanh(SoftPlus(x)); return t + x * (1f - t * t) * Sigmoid(x); }");
    });

    // t = tanh(softplus(x)) = n/(n + 2), n = e^x(e^x + 2), and 1 from x = 15 on (where n overflows later).
    private const string VectorTanhSoftPlus = """
        TVector ex = TSimd.Exp(x);
        TVector n = TSimd.Multiply(ex, TSimd.Add(ex, TSimd.Broadcast(2f)));
        TVector t = TSimd.Select(TSimd.LessThan(x, TSimd.Broadcast(15f)), TSimd.Divide(n, TSimd.Add(n, TSimd.Broadcast(2f))), TSimd.Broadcast(1f));
        """;

    public override Activation Kind => Activation.Mish;

    public override string Name => "mish";

    public override string Forward(string z, string alpha) => $"({z} * global::System.MathF.Tanh(SoftPlus({z})))";

    public override string? Derivative(string z, string a, string alpha) => $"MishDerivative({z})";

    public override IReadOnlyList<ScalarHelper> Helpers => new[] { Sigmoid.Helper, SoftPlus.Helper, DerivativeHelper };

    public override Init DefaultInit => Init.HeUniform;

    protected override string? VectorForwardBody => VectorTanhSoftPlus + "\nreturn TSimd.Multiply(x, t);";

    // σ(x) = e^x/(1 + e^x) = 1 − 1/(1 + e^x), from the e^x above: 0 for large negative x, 1 once e^x overflows.
    protected override string? VectorDerivativeBody => VectorTanhSoftPlus + """

        TVector s = TSimd.Subtract(TSimd.Broadcast(1f), TSimd.Divide(TSimd.Broadcast(1f), TSimd.Add(TSimd.Broadcast(1f), ex)));
        return TSimd.MultiplyAdd(TSimd.Multiply(x, TSimd.Subtract(TSimd.Broadcast(1f), TSimd.Multiply(t, t))), s, t);
        """;

    public override string OnnxRecipe(string alpha) => "Softplus(z);Tanh(t0);Mul(z,t1)";

    /// <summary>ONNX's own Mish (opset 18).</summary>
    public override IReadOnlyList<string> OnnxImportAliases => new[] { "Mish(z)" };
}
