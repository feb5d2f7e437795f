using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Losses;

/// <summary>(1/B) Σ_b −Σ_k t_k ln softmax(z)_k, fused with the softmax output: computed from the logits.</summary>
internal sealed class CrossEntropy : LossDefinition
{
    public override Loss Kind => Loss.CrossEntropy;

    public override string Description => "cross-entropy (1/B) Σ_b −Σ_k t_k ln softmax(z)_k, fused with the softmax";

    public override bool MeanOverOutputs => false;

    public override Activation? RequiredOutput => Activation.Softmax;

    public override void EmitBody(SourceWriter w, LayerSpec output, TrainingSpec training)
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
    }
}
