using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>log softmax(z)_k = z_k − max z − ln Σ_j e^(z_j − max z), over the whole layer: output layer only.</summary>
internal sealed class LogSoftmax : SoftmaxForm
{
    public override Activation Kind => Activation.LogSoftmax;

    public override string Name => "log_softmax";

    protected override bool Log => true;

    public override string OnnxRecipe(string alpha) => "LogSoftmax(z)[axis=i-1]";

    public override void EmitJacobianProduct(SourceWriter w, string n)
    {
        w.WriteLine("// Through the log-softmax Jacobian: d_k = g_k − softmax_k Σ_j g_j, softmax_k = e^(a_k).");
        w.WriteLine("float total = 0f;");
        w.WriteLine($"for (int k = 0; k < {n}; k++) total += d[k];");
        w.WriteLine($"for (int k = 0; k < {n}; k++) d[k] -= global::System.MathF.Exp(a[k]) * total;");
    }
}
