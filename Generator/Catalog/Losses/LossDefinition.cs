using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Catalog.Activations;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Losses;

/// <summary>
/// Everything the compiler knows about one loss, in one type: its formula, its batch reduction, the
/// output activation it needs (NG diagnostic when another is declared), its settings, and the body of
/// the per-sample kernel <c>Loss(z, a, t, d, scale)</c> that returns the sample's unreduced loss and
/// writes d = ∂(batch loss)/∂z for the output layer. One sealed subclass per member of NetGen.Loss,
/// listed in <see cref="LossCatalog"/>.
/// </summary>
internal abstract class LossDefinition
{
    /// <summary>The member of NetGen.Loss this entry defines.</summary>
    public abstract Loss Kind { get; }

    /// <summary>The formula, for comments.</summary>
    public abstract string Description { get; }

    /// <summary>Whether the batch reduction divides by B·K (else by B).</summary>
    public abstract bool MeanOverOutputs { get; }

    /// <summary>The output activation it is fused with, or null when any will do.</summary>
    public virtual Activation? RequiredOutput => null;

    /// <summary>Whether it reads [Training] HuberDelta (else setting it is reported as ignored).</summary>
    public virtual bool UsesHuberDelta => false;

    /// <summary>Writes the body of <c>Loss(z, a, t, d, scale)</c>.</summary>
    public abstract void EmitBody(SourceWriter w, LayerSpec output, TrainingSpec training);

    /// <summary>
    /// A loss that is a sum over outputs of a function of (a, t): writes the loss sum and
    /// g = ∂loss/∂a, then chains through the output activation (element-wise, or its Jacobian).
    /// </summary>
    protected static void EmitElementwise(SourceWriter w, LayerSpec output, string error, string accumulate, string gradient)
    {
        string n = Literals.Int(output.Units);
        ActivationDefinition activation = ActivationCatalog.Get(output.Activation);
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
            string? derivative = activation.CouplesLayer
                ? null
                : activation.Derivative("z[k]", "a[k]", ActivationCatalog.Alpha(output, "alpha", "k"));
            w.WriteLine(derivative is null
                ? $"d[k] = scale * {gradient};"
                : $"d[k] = scale * {gradient} * {derivative}; // ∂loss/∂a ⊙ {activation.Name}′(z)");
            if (output.HasLearnedAlpha)
            {
                w.WriteLine($"gAlpha[k] += z[k] < 0f ? scale * {gradient} * z[k] : 0f; // ∂loss/∂α = ∂loss/∂a · min(z, 0)");
            }
        }

        activation.EmitJacobianProduct(w, n);
        w.WriteLine("return loss;");
    }
}

/// <summary>Every loss the generator knows, one entry per member of NetGen.Loss (a test fails when a member has none).</summary>
internal static class LossCatalog
{
    /// <summary>All entries, in the order of their enum values: every concrete <see cref="LossDefinition"/> in this assembly.</summary>
    public static readonly IReadOnlyList<LossDefinition> All = typeof(LossDefinition).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(LossDefinition).IsAssignableFrom(t))
        .Select(t => (LossDefinition)System.Activator.CreateInstance(t)!)
        .OrderBy(l => (int)l.Kind)
        .ToArray();

    private static readonly Dictionary<Loss, LossDefinition> ByKind = All.ToDictionary(l => l.Kind);

    /// <summary>The entry of <paramref name="kind"/>; null for a value with no entry (an undefined enum value).</summary>
    public static LossDefinition? Find(Loss kind) => ByKind.TryGetValue(kind, out LossDefinition? entry) ? entry : null;

    /// <summary>The entry of <paramref name="kind"/>, which must be defined.</summary>
    public static LossDefinition Get(Loss kind) => ByKind[kind];

    /// <summary>"Loss.Huber": the entries that read HuberDelta.</summary>
    public static string WithHuberDelta() => string.Join(" and ", All.Where(l => l.UsesHuberDelta).Select(l => $"Loss.{l.Kind}"));
}
