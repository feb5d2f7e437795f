using System.Linq;
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

    public override bool HasLanesForm(LayerSpec output) => output.Activation == Activation.Softmax;

    public override void EmitLanesBody(SourceWriter w, LayerSpec output, TrainingSpec training)
    {
        int n = output.Units;
        string[] k = Enumerable.Range(0, n).Select(i => Literals.Int(i)).ToArray();
        w.WriteLine("// Per lane: loss = Σ t_k (lse − z_k) = mass·(max + ln Σ e^(z − max)) − Σ t_k z_k, mass = Σ t_k;");
        w.WriteLine("// d = scale·(softmax(z)·mass − t).");
        w.WriteLine("TVector max = z0;");
        for (int i = 1; i < n; i++)
        {
            w.WriteLine($"max = TSimd.Select(TSimd.LessThan(max, z{k[i]}), z{k[i]}, max);");
        }

        foreach (string i in k)
        {
            w.WriteLine($"TVector e{i} = TSimd.Exp(TSimd.Subtract(z{i}, max));");
        }

        w.WriteLine("TVector sum = e0;");
        w.WriteLine("TVector mass = t0;");
        w.WriteLine("TVector tz = TSimd.Multiply(t0, z0);");
        for (int i = 1; i < n; i++)
        {
            w.WriteLine($"sum = TSimd.Add(sum, e{k[i]}); mass = TSimd.Add(mass, t{k[i]}); tz = TSimd.MultiplyAdd(t{k[i]}, z{k[i]}, tz);");
        }

        w.WriteLine("TVector inverse = TSimd.Divide(TSimd.Broadcast(1f), sum);");
        w.WriteLine("TVector loss = TSimd.MultiplyAdd(mass, TSimd.Add(max, TSimd.Log(sum)), TSimd.Subtract(TSimd.Zero, tz));");
        foreach (string i in k)
        {
            w.WriteLine($"TVector d{i} = TSimd.Multiply(scale, TSimd.Subtract(TSimd.Multiply(TSimd.Multiply(e{i}, inverse), mass), t{i}));");
        }
    }
}
