using System;
using System.Collections.Generic;
using NetGen.Generator.Emit.Activations;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit.Losses;

/// <summary>
/// One entry per loss: its formula, its batch reduction and the body of the per-sample kernel that
/// returns the sample's unreduced loss and writes d = ∂(batch loss)/∂z for the output layer.
/// Adding a loss means adding its entry here (and its member in NetGen.Loss).
/// </summary>
internal static class LossTable
{
    private static readonly Dictionary<LossKind, LossEntry> Entries = new()
    {
        [LossKind.MeanSquaredError] = new(
            "mean squared error (1/(B·K)) Σ (y − t)²",
            MeanOverOutputs: true,
            (w, output, training) => EmitElementwise(w, output,
                "float e = a[k] - t[k];",
                "loss += e * e;",
                "2f * e")),
        [LossKind.HalfSquaredError] = new(
            "half squared error (1/B) Σ_b ½ Σ_k (y − t)²",
            MeanOverOutputs: false,
            (w, output, training) => EmitElementwise(w, output,
                "float e = a[k] - t[k];",
                "loss += 0.5f * e * e;",
                "e")),
        [LossKind.Huber] = new(
            "Huber (1/(B·K)) Σ L_δ(y − t), L_δ(e) = ½e² if |e| ≤ δ else δ(|e| − ½δ)",
            MeanOverOutputs: true,
            (w, output, training) =>
            {
                string delta = Literals.Float(training.HuberDelta);
                string halfDelta = Literals.Float(0.5f * training.HuberDelta);
                EmitElementwise(w, output,
                    $"float e = a[k] - t[k]; float magnitude = global::System.MathF.Abs(e); // δ = {delta}",
                    $"loss += magnitude <= {delta} ? 0.5f * e * e : {delta} * (magnitude - {halfDelta});",
                    $"(magnitude <= {delta} ? e : (e > 0f ? {delta} : -{delta}))");
            }),
        [LossKind.BinaryCrossEntropy] = new(
            "binary cross-entropy (1/(B·K)) Σ −[t ln y + (1 − t) ln(1 − y)], fused with the sigmoid",
            MeanOverOutputs: true,
            (w, output, training) =>
            {
                w.WriteLine("// From the logits: −[t ln σ(z) + (1 − t) ln(1 − σ(z))] = max(z, 0) − z·t + ln(1 + e^−|z|),");
                w.WriteLine("// and its gradient is σ(z) − t: no log of 0, no overflow.");
                w.WriteLine("float loss = 0f;");
                using (w.Block($"for (int k = 0; k < {Literals.Int(output.Units)}; k++)"))
                {
                    w.WriteLine("loss += global::System.MathF.Max(z[k], 0f) - z[k] * t[k] + global::System.MathF.Log(1f + global::System.MathF.Exp(-global::System.MathF.Abs(z[k])));");
                    w.WriteLine("d[k] = scale * (a[k] - t[k]);");
                }

                w.WriteLine("return loss;");
            }),
        [LossKind.CrossEntropy] = new(
            "cross-entropy (1/B) Σ_b −Σ_k t_k ln softmax(z)_k, fused with the softmax",
            MeanOverOutputs: false,
            (w, output, training) =>
            {
                string n = Literals.Int(output.Units);
                w.WriteLine("// From the logits: −Σ t_k ln softmax(z)_k = Σ t_k (lse − z_k), lse = max z + ln Σ e^(z − max z).");
                w.WriteLine("// Its gradient is a·Σt − t, which is a − t for a probability vector t.");
                w.WriteLine("float max = z[0];");
                w.WriteLine($"for (int k = 1; k < {n}; k++) max = global::System.MathF.Max(max, z[k]);");
                w.WriteLine("float sum = 0f;");
                w.WriteLine($"for (int k = 0; k < {n}; k++) sum += global::System.MathF.Exp(z[k] - max);");
                w.WriteLine("float lse = max + global::System.MathF.Log(sum);");
                w.WriteLine("float loss = 0f;");
                w.WriteLine("float mass = 0f;");
                w.WriteLine($"for (int k = 0; k < {n}; k++) {{ loss += t[k] * (lse - z[k]); mass += t[k]; }}");
                w.WriteLine($"for (int k = 0; k < {n}; k++) d[k] = scale * (a[k] * mass - t[k]);");
                w.WriteLine("return loss;");
            }),
    };

    public static LossEntry Get(LossKind kind) => Entries[kind];

    /// <summary>
    /// A loss that is a sum over outputs of a function of (a, t): writes the loss sum and
    /// g = ∂loss/∂a, then chains through the output activation (element-wise, or softmax's Jacobian).
    /// </summary>
    private static void EmitElementwise(SourceWriter w, LayerSpec output, string error, string accumulate, string gradient)
    {
        string n = Literals.Int(output.Units);
        ActivationEntry activation = ActivationTable.Get(output.Activation);
        if (output.HasLearnedAlpha)
        {
            w.WriteLine($"global::System.ReadOnlySpan<float> alpha = p.Slice({output.AlphaOffset}, {n});");
            w.WriteLine($"global::System.Span<float> gAlpha = g.Slice({output.AlphaOffset}, {n});");
        }

        w.WriteLine("float loss = 0f;");
        using (w.Block($"for (int k = 0; k < {n}; k++)"))
        {
            w.WriteLine(error);
            w.WriteLine(accumulate);
            string? derivative = ActivationTable.IsElementwise(output.Activation)
                ? activation.Derivative("z[k]", "a[k]", ActivationTable.Alpha(output, "alpha", "k"))
                : null;
            w.WriteLine(derivative is null
                ? $"d[k] = scale * {gradient};"
                : $"d[k] = scale * {gradient} * {derivative}; // ∂loss/∂a ⊙ {activation.Name}′(z)");
            if (output.HasLearnedAlpha)
            {
                w.WriteLine($"gAlpha[k] += z[k] < 0f ? scale * {gradient} * z[k] : 0f; // ∂loss/∂α = ∂loss/∂a · min(z, 0)");
            }
        }

        if (output.Activation == ActivationKind.Softmax)
        {
            w.WriteLine("// Through the softmax Jacobian: d_k = a_k (g_k − Σ_j g_j a_j).");
            w.WriteLine("float dot = 0f;");
            w.WriteLine($"for (int k = 0; k < {n}; k++) dot += d[k] * a[k];");
            w.WriteLine($"for (int k = 0; k < {n}; k++) d[k] = a[k] * (d[k] - dot);");
        }
        else if (output.Activation == ActivationKind.LogSoftmax)
        {
            w.WriteLine("// Through the log-softmax Jacobian: d_k = g_k − softmax_k Σ_j g_j, softmax_k = e^(a_k).");
            w.WriteLine("float total = 0f;");
            w.WriteLine($"for (int k = 0; k < {n}; k++) total += d[k];");
            w.WriteLine($"for (int k = 0; k < {n}; k++) d[k] -= global::System.MathF.Exp(a[k]) * total;");
        }

        w.WriteLine("return loss;");
    }
}

/// <summary>One loss.</summary>
/// <param name="Description">The formula, for comments.</param>
/// <param name="MeanOverOutputs">Whether the batch reduction divides by B·K (else by B).</param>
/// <param name="EmitBody">Writes the body of <c>Loss(z, a, t, d, scale)</c>.</param>
internal sealed record LossEntry(
    string Description,
    bool MeanOverOutputs,
    Action<SourceWriter, LayerSpec, TrainingSpec> EmitBody);
