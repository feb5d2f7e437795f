using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>f(z) = z &lt; 0 ? 0 : 1; f′ = 0, so a trained network cannot learn through it.</summary>
internal sealed class BinaryStep : ActivationDefinition
{
    public override Activation Kind => Activation.BinaryStep;

    public override string Name => "step";

    public override string Forward(string z, string alpha) => $"({z} < 0f ? 0f : 1f)";

    public override string? Derivative(string z, string a, string alpha) => "0f";

    public override bool CannotLearn => true;

    public override string? VectorForward(LayerSpec layer) => $"{Kernels}.BinaryStep(z, a); // vectorised, branch-free";

    // step(z) = Cast(Not(Less(z, 0))) to float (ONNX TensorProto.FLOAT = 1).
    public override string OnnxRecipe(string alpha) => "Less(z,c0);Not(t0);Cast(t1)[to=i1]";
}
