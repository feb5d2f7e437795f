using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Losses;

/// <summary>(1/B) Σ_b ½ Σ_k (y − t)²; ∂/∂y = (y − t)/B.</summary>
internal sealed class HalfSquaredError : LossDefinition
{
    public override Loss Kind => Loss.HalfSquaredError;

    public override string Description => "half squared error (1/B) Σ_b ½ Σ_k (y − t)²";

    public override bool MeanOverOutputs => false;

    public override void EmitBody(SourceWriter w, LayerSpec output, TrainingSpec training) =>
        EmitElementwise(w, output, "float e = a[k] - t[k];", "loss += 0.5f * e * e;", "e");

    public override bool HasLanesForm(LayerSpec output) => output.Activation == Activation.Identity;

    public override void EmitLanesBody(SourceWriter w, LayerSpec output, TrainingSpec training) =>
        EmitLanesIdentity(w, output.Units, e => $"TSimd.Multiply(TSimd.Multiply(TSimd.Broadcast(0.5f), {e}), {e})", e => e);
}
