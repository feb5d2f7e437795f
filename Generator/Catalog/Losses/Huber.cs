using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Losses;

/// <summary>(1/(B·K)) Σ L_δ(y − t), L_δ(e) = ½e² for |e| ≤ δ, else δ(|e| − ½δ); δ from [Training] HuberDelta.</summary>
internal sealed class Huber : LossDefinition
{
    public override Loss Kind => Loss.Huber;

    public override string Description => "Huber (1/(B·K)) Σ L_δ(y − t), L_δ(e) = ½e² if |e| ≤ δ else δ(|e| − ½δ)";

    public override bool MeanOverOutputs => true;

    public override bool UsesHuberDelta => true;

    public override void EmitBody(SourceWriter w, LayerSpec output, TrainingSpec training)
    {
        string delta = Literals.Float(training.HuberDelta);
        string halfDelta = Literals.Float(0.5f * training.HuberDelta);
        EmitElementwise(w, output,
            $"float e = a[k] - t[k]; float magnitude = global::System.MathF.Abs(e); // δ = {delta}",
            $"loss += magnitude <= {delta} ? 0.5f * e * e : {delta} * (magnitude - {halfDelta});",
            $"(magnitude <= {delta} ? e : (e > 0f ? {delta} : -{delta}))");
    }
}
