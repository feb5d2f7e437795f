using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit.Activations;

/// <summary>
/// One entry per activation: its name in comments, the scalar forward expression and its derivative.
/// Adding an activation means adding its entry here (and its member in NetGen.Activation).
/// </summary>
internal static class ActivationTable
{
    private static readonly Dictionary<ActivationKind, ActivationEntry> Entries = new()
    {
        [ActivationKind.Identity] = new(
            "identity",
            (z, _) => z,
            (z, a, _) => null),
        [ActivationKind.BinaryStep] = new(
            "step",
            (z, _) => $"({z} < 0f ? 0f : 1f)",
            (z, a, _) => "0f"),
        [ActivationKind.Sigmoid] = new(
            "sigmoid",
            (z, _) => $"Sigmoid({z})",
            (z, a, _) => $"{a} * (1f - {a})",
            Helper: "Sigmoid"),
        [ActivationKind.Tanh] = new(
            "tanh",
            (z, _) => $"global::System.MathF.Tanh({z})",
            (z, a, _) => $"(1f - {a} * {a})"),
        [ActivationKind.ArcTan] = new(
            "atan",
            (z, _) => $"global::System.MathF.Atan({z})",
            (z, a, _) => $"1f / ({z} * {z} + 1f)"),
        [ActivationKind.ReLU] = new(
            "relu",
            (z, _) => $"({z} < 0f ? 0f : {z})",
            (z, a, _) => $"({z} >= 0f ? 1f : 0f)"),
        [ActivationKind.LeakyReLU] = new(
            "leaky_relu",
            (z, alpha) => $"({z} < 0f ? {alpha} * {z} : {z})",
            (z, a, alpha) => $"({z} >= 0f ? 1f : {alpha})"),
        [ActivationKind.PReLU] = new(
            "prelu",
            (z, alpha) => $"({z} < 0f ? {alpha} * {z} : {z})",
            (z, a, alpha) => $"({z} >= 0f ? 1f : {alpha})"),
        [ActivationKind.ELU] = new(
            "elu",
            (z, alpha) => $"({z} < 0f ? {alpha} * (global::System.MathF.Exp({z}) - 1f) : {z})",
            (z, a, alpha) => $"({z} >= 0f ? 1f : {a} + {alpha})"),
        [ActivationKind.SoftPlus] = new(
            "softplus",
            (z, _) => $"SoftPlus({z})",
            (z, a, _) => $"Sigmoid({z})",
            Helper: "SoftPlus"),

        // Softmax and LogSoftmax couple the whole layer: their forward is emitted as a block (see
        // EmitSoftmax), and their derivative only ever appears fused into the loss gradient or as the
        // Jacobian-vector product of the output layer (see Losses).
        [ActivationKind.Softmax] = new(
            "softmax",
            (z, _) => z,
            (z, a, _) => null),
        [ActivationKind.LogSoftmax] = new(
            "log_softmax",
            (z, _) => z,
            (z, a, _) => null),
    };

    public static ActivationEntry Get(ActivationKind kind) => Entries[kind];

    /// <summary>
    /// The expression for unit <paramref name="unit"/>'s α: the declared constant, or for PReLU its
    /// learned slope read from <paramref name="learned"/> (a span over the layer's α block).
    /// </summary>
    public static string Alpha(LayerSpec layer, string learned, string unit) =>
        layer.HasLearnedAlpha ? $"{learned}[{unit}]" : Literals.Float(layer.Alpha);

    public static bool IsElementwise(ActivationKind kind) => !kind.CouplesLayer();

    /// <summary>The scalar helpers (in the kernels class) that the network's activations call.</summary>
    public static void EmitHelpers(SourceWriter w, IEnumerable<LayerSpec> layers)
    {
        bool sigmoid = false;
        bool softPlus = false;
        foreach (LayerSpec layer in layers)
        {
            sigmoid |= layer.Activation is ActivationKind.Sigmoid or ActivationKind.SoftPlus;
            softPlus |= layer.Activation == ActivationKind.SoftPlus;
        }

        if (sigmoid)
        {
            w.WriteLine();
            w.WriteLine("/// <summary>The logistic function 1/(1+e^−x), evaluated so that e^x never overflows.</summary>");
            w.WriteLine("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            using (w.Block("public static float Sigmoid(float x)"))
            {
                w.WriteLine("float e = global::System.MathF.Exp(-global::System.MathF.Abs(x));");
                w.WriteLine("return x >= 0f ? 1f / (1f + e) : e / (1f + e);");
            }
        }

        if (softPlus)
        {
            w.WriteLine();
            w.WriteLine("/// <summary>ln(1 + e^x), evaluated stably as max(x, 0) + ln(1 + e^−|x|).</summary>");
            w.WriteLine("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
            using (w.Block("public static float SoftPlus(float x)"))
            {
                w.WriteLine("return global::System.MathF.Max(x, 0f) + global::System.MathF.Log(1f + global::System.MathF.Exp(-global::System.MathF.Abs(x)));");
            }
        }
    }

    /// <summary>
    /// Writes a = softmax(z), or a = log softmax(z) when <paramref name="kind"/> is LogSoftmax, from the
    /// locals z0, z1, … of an unrolled layer, with no loop.
    /// </summary>
    public static void EmitSoftmaxUnrolled(SourceWriter w, int units, ActivationKind kind)
    {
        bool log = kind == ActivationKind.LogSoftmax;
        w.WriteLine(log
            ? "// a = log softmax(z) = z − max z − ln Σ e^(z − max z)"
            : "// a = softmax(z) = e^(z − max z) / Σ e^(z − max z)");
        w.WriteLine("float max = z0;");
        for (int k = 1; k < units; k++)
        {
            w.WriteLine($"max = global::System.MathF.Max(max, z{k});");
        }

        for (int k = 0; k < units; k++)
        {
            w.WriteLine($"float e{k} = global::System.MathF.Exp(z{k} - max);");
        }

        var terms = new System.Collections.Generic.List<string>();
        for (int k = 0; k < units; k++)
        {
            terms.Add($"e{k}");
        }

        if (log)
        {
            w.WriteLine($"float shift = max + global::System.MathF.Log({string.Join(" + ", terms)});");
            for (int k = 0; k < units; k++)
            {
                w.WriteLine($"a[{k}] = z{k} - shift;");
            }

            return;
        }

        w.WriteLine($"float inverse = 1f / ({string.Join(" + ", terms)});");
        for (int k = 0; k < units; k++)
        {
            w.WriteLine($"a[{k}] = e{k} * inverse;");
        }
    }

    /// <summary>
    /// Writes a = softmax(z), or a = log softmax(z) when <paramref name="kind"/> is LogSoftmax, over
    /// <paramref name="units"/> values, shifted by max z so that no exponential overflows.
    /// </summary>
    public static void EmitSoftmax(SourceWriter w, int units, ActivationKind kind)
    {
        string n = Literals.Int(units);
        bool log = kind == ActivationKind.LogSoftmax;
        w.WriteLine(log
            ? "// a = log softmax(z) = z − max z − ln Σ e^(z − max z)"
            : "// a = softmax(z) = e^(z − max z) / Σ e^(z − max z)");
        w.WriteLine("float max = z[0];");
        w.WriteLine($"for (int k = 1; k < {n}; k++) max = global::System.MathF.Max(max, z[k]);");
        w.WriteLine("float sum = 0f;");
        if (log)
        {
            w.WriteLine($"for (int k = 0; k < {n}; k++) sum += global::System.MathF.Exp(z[k] - max);");
            w.WriteLine("float shift = max + global::System.MathF.Log(sum);");
            w.WriteLine($"for (int k = 0; k < {n}; k++) a[k] = z[k] - shift;");
            return;
        }

        w.WriteLine($"for (int k = 0; k < {n}; k++) {{ float e = global::System.MathF.Exp(z[k] - max); a[k] = e; sum += e; }}");
        w.WriteLine("float inverse = 1f / sum;");
        w.WriteLine($"for (int k = 0; k < {n}; k++) a[k] *= inverse;");
    }
}

/// <summary>One activation: how to write f(z) and f′ (from z and a = f(z)) as C# expressions.</summary>
/// <param name="Name">The name used in comments ("tanh").</param>
/// <param name="Forward">f(z) given the expressions for z and α.</param>
/// <param name="Derivative">f′ given the expressions for z, a and α; null means the constant 1 (no multiply).</param>
/// <param name="Helper">The kernels-class helper it calls, if any.</param>
internal sealed record ActivationEntry(
    string Name,
    System.Func<string, string, string> Forward,
    System.Func<string, string, string, string?> Derivative,
    string? Helper = null);
