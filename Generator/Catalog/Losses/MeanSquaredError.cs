using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Losses;

/// <summary>(1/(B·K)) Σ (y − t)²; ∂/∂y = 2(y − t)/(B·K).</summary>
internal sealed class MeanSquaredError : LossDefinition
{
    public override Loss Kind => Loss.MeanSquaredError;

    public override string Description => "mean squared error (1/(B·K)) Σ (y − t)²";

    public override bool MeanOverOutputs => true;

    public override void EmitBody(SourceWriter w, LayerSpec output, TrainingSpec training) =>
        EmitElementwise(w, output, "float e = a[k] - t[k];", "loss += e * e;", "2f * e");

    public override bool HasLanesForm(LayerSpec output) => output.Activation == Activation.Identity;

    public override void EmitLanesBody(SourceWriter w, LayerSpec output, TrainingSpec training) =>
        EmitLanesIdentity(w, output.Units, e => $"TSimd.Multiply({e}, {e})", e => $"TSimd.Multiply(TSimd.Broadcast(2f), {e})");
}
