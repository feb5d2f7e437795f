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

    /// <summary>Writes the scalar helpers <see cref="EmitBody"/> calls into the kernels class (a custom loss's L and ∂L/∂p); none for a built-in.</summary>
    public virtual void EmitHelpers(SourceWriter w)
    {
    }

    /// <summary>
    /// Whether <see cref="EmitLanesBody"/> computes this loss, with <paramref name="output"/>'s
    /// activation, in the lanes strategy (one sample per vector lane). Otherwise the lanes pass
    /// moves the output layer's z back to rows and runs the activation and the per-sample
    /// <c>Loss</c> as the other strategies do.
    /// </summary>
    public virtual bool HasLanesForm(LayerSpec output) => false;

    /// <summary>
    /// The loss over one vector of samples, as C# statements over the runtime's ISimd (type parameters
    /// TSimd and TVector): in scope are the output layer's z0…z{K−1}, the targets t0…t{K−1} (zero in
    /// lanes past the batch) and scale (the batch reduction); the body declares d0…d{K−1} =
    /// scale·∂loss/∂z and loss (each lane's unreduced loss). Lanes past the batch are dropped afterwards.
    /// </summary>
    public virtual void EmitLanesBody(SourceWriter w, LayerSpec output, TrainingSpec training) =>
        throw new System.NotSupportedException($"{Kind} has no lanes form.");

    /// <summary>The lanes body of an element-wise loss of the identity output (a = z): e = z − t per output.</summary>
    /// <param name="w">The writer.</param>
    /// <param name="units">K.</param>
    /// <param name="square">The lane's loss term from e_k ("TSimd.Multiply(e0, e0)").</param>
    /// <param name="gradient">∂loss/∂z_k before the scale, from e_k.</param>
    protected static void EmitLanesIdentity(SourceWriter w, int units, System.Func<string, string> square, System.Func<string, string> gradient)
    {
        for (int k = 0; k < units; k++)
        {
            string e = $"e{Literals.Int(k)}";
            w.WriteLine($"TVector {e} = TSimd.Subtract(z{Literals.Int(k)}, t{Literals.Int(k)});");
        }

        w.WriteLine("TVector loss = " + string.Join(" ", Enumerable.Range(0, units).Select(k => $"TSimd.Add({square($"e{Literals.Int(k)}")},")) + " TSimd.Zero" + new string(')', units) + ";");
        for (int k = 0; k < units; k++)
        {
            w.WriteLine($"TVector d{Literals.Int(k)} = TSimd.Multiply(scale, {gradient($"e{Literals.Int(k)}")});");
        }
    }

    /// <summary>
    /// A loss that is a sum over outputs of a function of (a, t): writes the loss sum and
    /// g = ∂loss/∂a, then chains through the output activation (element-wise, or its Jacobian).
    /// </summary>
    protected static void EmitElementwise(SourceWriter w, LayerSpec output, string error, string accumulate, string gradient)
    {
        string n = Literals.Int(output.Units);
        ActivationDefinition activation = ActivationCatalog.Of(output);
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
        .Where(t => !t.IsAbstract && typeof(LossDefinition).IsAssignableFrom(t) && t != typeof(CustomLossDefinition))
        .Select(t => (LossDefinition)System.Activator.CreateInstance(t)!)
        .OrderBy(l => (int)l.Kind)
        .ToArray();

    private static readonly Dictionary<Loss, LossDefinition> ByKind = All.ToDictionary(l => l.Kind);

    /// <summary>The entry of <paramref name="kind"/>; null for a value with no entry (an undefined enum value).</summary>
    public static LossDefinition? Find(Loss kind) => ByKind.TryGetValue(kind, out LossDefinition? entry) ? entry : null;

    /// <summary>The entry of <paramref name="kind"/>, which must be defined.</summary>
    public static LossDefinition Get(Loss kind) => ByKind[kind];

    /// <summary>The entry of a network's loss: its built-in entry, or one made from its custom method.</summary>
    public static LossDefinition Of(TrainingSpec training) =>
        training.CustomLoss is { } custom ? new CustomLossDefinition(custom) : ByKind[training.Loss];

    /// <summary>The loss as the remarks and comments name it: the enum member ("MeanSquaredError") or the custom method ("MyLosses.Pinball").</summary>
    public static string DisplayName(TrainingSpec training) => training.CustomLoss?.Name ?? training.Loss.ToString();

    /// <summary>"Loss.Huber": the entries that read HuberDelta.</summary>
    public static string WithHuberDelta() => string.Join(" and ", All.Where(l => l.UsesHuberDelta).Select(l => $"Loss.{l.Kind}"));
}
