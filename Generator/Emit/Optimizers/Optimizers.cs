using System;
using System.Collections.Generic;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit.Optimizers;

/// <summary>
/// One entry per optimizer: the state buffers it keeps (each as long as the parameters, zeroed at
/// construction), the per-step scalars it computes once, and the body of its per-parameter update.
/// The update sees <c>p</c> (parameters), <c>g</c> (this parameter's gradient, L2 decay already
/// added), <c>learningRate</c>, the index <c>i</c> and a span per state buffer. Adding an optimizer
/// means adding its entry here (and its member in NetGen.Optimizer).
/// </summary>
internal static class OptimizerTable
{
    private static readonly Dictionary<OptimizerKind, OptimizerEntry> Entries = new()
    {
        [OptimizerKind.Sgd] = new(
            "θ ← θ − α·g",
            Array.Empty<string>(),
            Prologue: null,
            (w, t) => w.WriteLine("p[i] -= learningRate * g;")),
        [OptimizerKind.Momentum] = new(
            "Δ ← η·Δ − α·g; θ ← θ + Δ",
            new[] { "velocity" },
            Prologue: null,
            (w, t) =>
            {
                w.WriteLine($"float delta = {F(t.Momentum)} * velocity[i] - learningRate * g; // η = {F(t.Momentum)}");
                w.WriteLine("velocity[i] = delta;");
                w.WriteLine("p[i] += delta;");
            }),
        [OptimizerKind.Nesterov] = new(
            "v ← η·v + g; θ ← θ − α·(g + η·v)",
            new[] { "velocity" },
            Prologue: null,
            (w, t) =>
            {
                w.WriteLine($"float v = {F(t.Momentum)} * velocity[i] + g; // η = {F(t.Momentum)}");
                w.WriteLine("velocity[i] = v;");
                w.WriteLine($"p[i] -= learningRate * (g + {F(t.Momentum)} * v);");
            }),
        [OptimizerKind.RmsProp] = new(
            "ν ← ρ·ν + (1 − ρ)·g²; θ ← θ − α·g/√(ν + ε)",
            new[] { "meanSquare" },
            Prologue: null,
            (w, t) =>
            {
                w.WriteLine($"float nu = {F(t.Rho)} * meanSquare[i] + {F(1f - t.Rho)} * g * g; // ρ = {F(t.Rho)}");
                w.WriteLine("meanSquare[i] = nu;");
                w.WriteLine($"p[i] -= learningRate * g / global::System.MathF.Sqrt(nu + {F(t.Epsilon)}); // ε = {F(t.Epsilon)}");
            }),
        [OptimizerKind.Adam] = new(
            "μ ← β₁·μ + (1 − β₁)·g; ν ← β₂·ν + (1 − β₂)·g²; θ ← θ − α·μ̂/(√ν̂ + ε), μ̂ = μ/(1 − β₁ᵗ), ν̂ = ν/(1 − β₂ᵗ)",
            new[] { "firstMoment", "secondMoment" },
            EmitBiasCorrections,
            (w, t) => EmitAdamUpdate(w, t, decoupledDecay: false)),
        [OptimizerKind.AdamW] = new(
            "as Adam, with decoupled decay first: θ ← θ·(1 − α·λ) − α·μ̂/(√ν̂ + ε)",
            new[] { "firstMoment", "secondMoment" },
            (w, t) =>
            {
                EmitBiasCorrections(w, t);
                w.WriteLine($"float decay = 1f - learningRate * {F(t.WeightDecay)}; // decoupled weight decay, λ = {F(t.WeightDecay)}");
            },
            (w, t) => EmitAdamUpdate(w, t, decoupledDecay: true)),
        [OptimizerKind.AdaGrad] = new(
            "G ← G + g²; θ ← θ − α·g/(√G + ε)",
            new[] { "sumSquares" },
            Prologue: null,
            (w, t) =>
            {
                w.WriteLine("float sum = sumSquares[i] + g * g;");
                w.WriteLine("sumSquares[i] = sum;");
                w.WriteLine($"p[i] -= learningRate * g / (global::System.MathF.Sqrt(sum) + {F(t.Epsilon)}); // ε = {F(t.Epsilon)}");
            }),
        [OptimizerKind.AdaDelta] = new(
            "E_g ← ρ·E_g + (1 − ρ)·g²; Δ = −√(E_Δ + ε)/√(E_g + ε)·g; E_Δ ← ρ·E_Δ + (1 − ρ)·Δ²; θ ← θ + α·Δ",
            new[] { "meanSquareGradient", "meanSquareDelta" },
            Prologue: null,
            (w, t) =>
            {
                w.WriteLine($"float eg = {F(t.Rho)} * meanSquareGradient[i] + {F(1f - t.Rho)} * g * g; // ρ = {F(t.Rho)}");
                w.WriteLine("meanSquareGradient[i] = eg;");
                w.WriteLine($"float delta = -global::System.MathF.Sqrt(meanSquareDelta[i] + {F(t.Epsilon)}) / global::System.MathF.Sqrt(eg + {F(t.Epsilon)}) * g; // ε = {F(t.Epsilon)}");
                w.WriteLine($"meanSquareDelta[i] = {F(t.Rho)} * meanSquareDelta[i] + {F(1f - t.Rho)} * delta * delta;");
                w.WriteLine("p[i] += learningRate * delta;");
            }),
    };

    public static OptimizerEntry Get(OptimizerKind kind) => Entries[kind];

    private static string F(float value) => Literals.Float(value);

    /// <summary>Adam's bias corrections for this step t (already incremented), computed once in double.</summary>
    private static void EmitBiasCorrections(SourceWriter w, TrainingSpec t)
    {
        w.WriteLine($"// Bias corrections 1/(1 − βᵗ) for this step (β₁ = {F(t.Beta1)}, β₂ = {F(t.Beta2)}).");
        w.WriteLine($"float correction1 = (float)(1.0 / (1.0 - global::System.Math.Pow({F(t.Beta1)}, step)));");
        w.WriteLine($"float correction2 = (float)(1.0 / (1.0 - global::System.Math.Pow({F(t.Beta2)}, step)));");
    }

    private static void EmitAdamUpdate(SourceWriter w, TrainingSpec t, bool decoupledDecay)
    {
        w.WriteLine($"float m = {F(t.Beta1)} * firstMoment[i] + {F(1f - t.Beta1)} * g;");
        w.WriteLine($"float v = {F(t.Beta2)} * secondMoment[i] + {F(1f - t.Beta2)} * g * g;");
        w.WriteLine("firstMoment[i] = m;");
        w.WriteLine("secondMoment[i] = v;");
        string update = $"learningRate * (m * correction1) / (global::System.MathF.Sqrt(v * correction2) + {F(t.Epsilon)})";
        w.WriteLine(decoupledDecay
            ? $"p[i] = p[i] * decay - {update}; // ε = {F(t.Epsilon)}"
            : $"p[i] -= {update}; // ε = {F(t.Epsilon)}");
    }
}

/// <summary>One optimizer.</summary>
/// <param name="Formula">The update, for comments.</param>
/// <param name="State">The names of its state buffers (one float per parameter each).</param>
/// <param name="Prologue">Writes the per-step scalars (after <c>step</c> is incremented), if any.</param>
/// <param name="EmitUpdate">Writes the update of parameter i.</param>
internal sealed record OptimizerEntry(
    string Formula,
    string[] State,
    Action<SourceWriter, TrainingSpec>? Prologue,
    Action<SourceWriter, TrainingSpec> EmitUpdate);
