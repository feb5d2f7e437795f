using NetGen.Generator.Autodiff;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Losses;

/// <summary>
/// The catalog entry of a user's loss method (<see cref="CustomLoss"/>), made per network from its graph
/// rather than discovered: element-wise, (1/(B·K)) Σ L(y, t) like MeanSquaredError, with L and ∂L/∂y two
/// helper methods of the kernels class written by <see cref="DiffEmitter.EmitLossHelpers"/> (the
/// derivative by reverse mode over the graph, with respect to the prediction only). No required output
/// activation and no fused shortcut: the gradient goes through the output activation's f′ (or its
/// Jacobian product for softmax-like outputs), which is right for every activation. No lanes form: the
/// lanes pass runs the per-sample kernel for the loss.
/// </summary>
internal sealed class CustomLossDefinition : LossDefinition
{
    private readonly CustomLoss _custom;

    public CustomLossDefinition(CustomLoss custom) => _custom = custom;

    public override Loss Kind => CustomLoss.Kind;

    public override string Description => $"custom loss (1/(B·K)) Σ {_custom.Name}(y, t)";

    public override bool MeanOverOutputs => true;

    private string ValueName => _custom.HelperName;

    private string DerivativeName => _custom.HelperName + "Derivative";

    public override void EmitBody(SourceWriter w, LayerSpec output, TrainingSpec training) =>
        EmitElementwise(w, output,
            $"float gradient = {DerivativeName}(a[k], t[k]); // ∂{_custom.Name}/∂prediction",
            $"loss += {ValueName}(a[k], t[k]);",
            "gradient");

    public override void EmitHelpers(SourceWriter w) =>
        DiffEmitter.EmitLossHelpers(w, _custom.Graph, _custom.Name, ValueName, DerivativeName);
}
