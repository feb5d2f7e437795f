using System.Collections.Generic;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>
/// GELU, exact: f(z) = z·Φ(z) = ½z(1 + erf(z/√2)); f′(z) = Φ(z) + z·φ(z), φ(z) = e^(−z²/2)/√(2π).
/// erf is the runtime's VectorMath.Erf (within 1e-6), scalar and vectorised. He initialisation.
/// ONNX: the primitive form ½·(z·(1 + Erf(z/√2))) of opset 13+, which is also how PyTorch exports it
/// below opset 20, so files stay at opset 17. Import also reads opset 20's Gelu node with
/// approximate = "none" (or absent) and refuses its tanh approximation.
/// </summary>
internal sealed class GELU : ActivationDefinition
{
    private const string Math = "global::NetGen.CompilerServices.VectorMath";

    private static readonly ScalarHelper ForwardHelper = new("Gelu", w =>
    {
        w.WriteLine();
        w.WriteLine("/// <summary>GELU: ½x(1 + erf(x/√2)).</summary>");
        w.WriteLine("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        w.WriteLine($"public static float Gelu(float x) => 0.5f * x * (1f + {Math}.Erf(x * 0.70710677f));");
    });

    private static readonly ScalarHelper DerivativeHelper = new("GeluDerivative", w =>
    {
        w.WriteLine();
        w.WriteLine("/// <summary>GELU′: Φ(x) + x·φ(x) = ½(1 + erf(x/√2)) + x·e^(−x²/2)/√(2π).</summary>");
        w.WriteLine("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
        w.WriteLine($"public static float GeluDerivative(float x) => 0.5f * (1f + {Math}.Erf(x * 0.70710677f)) + x * 0.3989423f * global::System.MathF.Exp(-0.5f * x * x);");
    });

    public override Activation Kind => Activation.GELU;

    public override string Name => "gelu";

    public override string Forward(string z, string alpha) => $"Gelu({z})";

    public override string? Derivative(string z, string a, string alpha) => $"GeluDerivative({z})";

    public override IReadOnlyList<ScalarHelper> Helpers => new[] { ForwardHelper, DerivativeHelper };

    public override Init DefaultInit => Init.HeUniform;

    protected override string? VectorForwardBody => $$"""
        TVector phi = TSimd.MultiplyAdd(TSimd.Broadcast(0.5f), {{Math}}.Erf<TSimd, TVector>(TSimd.Multiply(x, TSimd.Broadcast(0.70710677f))), TSimd.Broadcast(0.5f));
        return TSimd.Multiply(x, phi);
        """;

    protected override string? VectorDerivativeBody => $$"""
        TVector phi = TSimd.MultiplyAdd(TSimd.Broadcast(0.5f), {{Math}}.Erf<TSimd, TVector>(TSimd.Multiply(x, TSimd.Broadcast(0.70710677f))), TSimd.Broadcast(0.5f));
        TVector density = TSimd.Multiply(TSimd.Broadcast(0.3989423f), TSimd.Exp(TSimd.Multiply(TSimd.Broadcast(-0.5f), TSimd.Multiply(x, x))));
        return TSimd.MultiplyAdd(x, density, phi);
        """;

    public override string OnnxRecipe(string alpha) => "Div(z,c1.4142135);Erf(t0);Add(t1,c1);Mul(z,t2);Mul(t3,c0.5)";

    /// <summary>ONNX's own Gelu (opset 20) with approximate = "none", its default; "tanh" is another function.</summary>
    public override IReadOnlyList<string> OnnxImportAliases => new[] { "Gelu(z)[approximate=s:none]" };

    public override string OnnxAttributeRefusal(string attribute, string value) =>
        $"{attribute} = {value} is not supported; NetGen's GELU is the exact erf form ½z(1 + erf(z/√2)) (approximate = \"none\")";
}
