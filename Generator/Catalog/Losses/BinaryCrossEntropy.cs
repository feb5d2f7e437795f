using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Losses;

/// <summary>(1/(B·K)) Σ −[t ln y + (1 − t) ln(1 − y)], fused with the sigmoid output: computed from the logits.</summary>
internal sealed class BinaryCrossEntropy : LossDefinition
{
    public override Loss Kind => Loss.BinaryCrossEntropy;

    public override string Description => "binary cross-entropy (1/(B·K)) Σ −[t ln y + (1 − t) ln(1 − y)], fused with the sigmoid";

    public override bool MeanOverOutputs => true;

    public override Activation? RequiredOutput => Activation.Sigmoid;

    public override void EmitBody(SourceWriter w, LayerSpec output, TrainingSpec training)
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
    }
}
