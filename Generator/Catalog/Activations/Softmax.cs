using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>softmax(z)_k = e^(z_k − max z) / Σ_j e^(z_j − max z), over the whole layer: output layer only.</summary>
internal sealed class Softmax : SoftmaxForm
{
    public override Activation Kind => Activation.Softmax;

    public override string Name => "softmax";

    protected override bool Log => false;

    public override string OnnxRecipe(string alpha) => "Softmax(z)[axis=i-1]";

    public override void EmitJacobianProduct(SourceWriter w, string n)
    {
        w.WriteLine("// Through the softmax Jacobian: d_k = a_k (g_k − Σ_j g_j a_j).");
        w.WriteLine("float dot = 0f;");
        w.WriteLine($"for (int k = 0; k < {n}; k++) dot += d[k] * a[k];");
        w.WriteLine($"for (int k = 0; k < {n}; k++) d[k] = a[k] * (d[k] - dot);");
    }
}
