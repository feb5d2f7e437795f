using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Autodiff;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>
/// The catalog entry of a user's activation method (<see cref="CustomActivation"/>), made per layer from
/// its graph rather than discovered: f and f′ are helper methods of the kernels class written by
/// <see cref="DiffEmitter.EmitActivationHelpers"/>, so every strategy that calls <see cref="Forward"/>
/// (unrolled, loops, SIMD's scalar loop) treats it like a built-in. It <see cref="StoresDerivative"/>:
/// the training forward calls {Helper}WithDerivative (f and, by reverse mode, f′ in one evaluation of
/// the graph) and keeps f′ in the z buffer, so the backward is one multiply; Predict calls {Helper}
/// (f only). When every node has a vector form (<see cref="DiffVectorEmitter.CanVectorise"/>), SIMD
/// layers (and PredictBatch) run the graph vectorised, f′ too; no lanes form yet (docs/custom-functions.md).
/// </summary>
internal sealed class CustomActivationDefinition : ActivationDefinition
{
    private readonly CustomActivation _custom;

    private readonly bool _vectorised;

    public CustomActivationDefinition(CustomActivation custom)
    {
        _custom = custom;
        _vectorised = DiffVectorEmitter.CanVectorise(custom.Graph);
    }

    public override Activation Kind => CustomActivation.Kind;

    public override string Name => _custom.Name;

    private string ForwardName => _custom.HelperName;

    private string WithDerivativeName => _custom.HelperName + "WithDerivative";

    public override string Forward(string z, string alpha) => $"{ForwardName}({z})";

    /// <summary>The stored f′: in training the z buffer holds f′(z) (<see cref="StoresDerivative"/>).</summary>
    public override string? Derivative(string z, string a, string alpha) => z;

    public override bool StoresDerivative => true;

    public override string ForwardWithDerivative(string z, string derivative, string alpha) => $"{WithDerivativeName}({z}, out {derivative})";

    /// <summary>d ⊙= the stored f′, vectorised whatever the graph (a plain multiply).</summary>
    public override string? VectorDerivative(LayerSpec previous) => $"{Kernels}.MultiplyDerivative(dPrev, zPrev); // the f′ the training forward kept in z";

    public override IReadOnlyList<ScalarHelper> Helpers => new[]
    {
        new ScalarHelper(ForwardName, w => DiffEmitter.EmitActivationHelpers(w, _custom.Graph, _custom.Name, ForwardName, WithDerivativeName)),
    };

    protected override string VectorStructStem => _custom.HelperName;

    protected override string? VectorForwardBody => _vectorised ? DiffVectorEmitter.Body(_custom.Graph, withDerivative: false) : null;

    protected override string? VectorWithDerivativeBody => _vectorised ? DiffVectorEmitter.Body(_custom.Graph, withDerivative: true) : null;

    /// <summary>A vectorisable graph with an expensive call (Exp, Log, Tanh) runs vectorised over one sample's layer too, as the built-in tanh does.</summary>
    public override bool VectorisePerSample => _vectorised && DiffVectorEmitter.HasTranscendental(_custom.Graph);

    /// <summary>
    /// The graph as ONNX primitive nodes when every node has one (a conditional is a Where over both
    /// branches, each computed: Where picks the taken one, so a NaN in the other does not leak; Log10 is
    /// Log ÷ ln 10; != is Not(Equal); a call to another [Differentiate] method is its graph inlined, from
    /// <see cref="CustomActivation.Callees"/>); otherwise "!" and the reason, naming the first node that
    /// has none, which the exporter refuses with that message (docs/custom-functions.md, "ONNX").
    /// </summary>
    public override string OnnxRecipe(string alpha)
    {
        var nodes = new List<string>();
        var callees = new Dictionary<string, DiffSpec>(System.StringComparer.Ordinal);
        foreach (CalleeGraph callee in _custom.Callees)
        {
            callees[callee.Callee] = callee.Graph;
        }

        string Step(string step)
        {
            nodes.Add(step);
            return "t" + (nodes.Count - 1).ToString(CultureInfo.InvariantCulture);
        }

        // Appends the nodes of graph with its parameters bound to inputs; its result's name, or null and the reason.
        string? Inline(DiffSpec graph, IReadOnlyList<string> inputs, int depth, out string reason)
        {
            reason = "";
            var names = new Dictionary<int, string>();
            int parameter = 0;
            for (int k = 0; k < graph.Nodes.Count; k++)
            {
                DiffNode node = graph.Nodes[k];
                string Args() => string.Join(",", node.Args.Select(a => names[a]));
                string? step = node.Op switch
                {
                    DiffOp.Add => "Add", DiffOp.Subtract => "Sub", DiffOp.Multiply => "Mul", DiffOp.Divide => "Div",
                    DiffOp.Negate => "Neg", DiffOp.Tanh => "Tanh", DiffOp.Exp => "Exp", DiffOp.Log => "Log", DiffOp.Sqrt => "Sqrt",
                    DiffOp.Abs => "Abs", DiffOp.Sin => "Sin", DiffOp.Cos => "Cos", DiffOp.Tan => "Tan", DiffOp.Asin => "Asin",
                    DiffOp.Acos => "Acos", DiffOp.Atan => "Atan", DiffOp.Sinh => "Sinh", DiffOp.Cosh => "Cosh", DiffOp.Pow => "Pow",
                    DiffOp.Min => "Min", DiffOp.Max => "Max", DiffOp.Not => "Not", DiffOp.And => "And", DiffOp.Or => "Or",
                    DiffOp.Conditional => "Where",
                    DiffOp.Compare => node.Text switch
                    {
                        "<" => "Less", ">" => "Greater", "<=" => "LessOrEqual", ">=" => "GreaterOrEqual", "==" => "Equal",
                        _ => null,
                    },
                    _ => null,
                };
                switch (node.Op)
                {
                    case DiffOp.Parameter:
                        names[k] = parameter < inputs.Count ? inputs[parameter] : "z";
                        parameter++;
                        continue;
                    case DiffOp.Constant when TryConstant(node.Name, out float value):
                        names[k] = Constant(value);
                        continue;
                    case DiffOp.Copy:
                        names[k] = names[node.Args[0]];
                        continue;
                    case DiffOp.Log10:
                        names[k] = Step($"Div({Step($"Log({Args()})")},{Constant(2.3025851f)})");
                        continue;
                    case DiffOp.Compare when node.Text == "!=":
                        names[k] = Step($"Not({Step($"Equal({Args()})")})");
                        continue;
                    case DiffOp.Call when callees.TryGetValue(node.Text, out DiffSpec? callee) && depth < 16:
                    {
                        string? result = Inline(callee, node.Args.Select(a => names[a]).ToList(), depth + 1, out reason);
                        if (result is null)
                        {
                            return null;
                        }

                        names[k] = result;
                        continue;
                    }
                }

                if (step is null)
                {
                    reason = $"'{node.Label}' has no ONNX operator" + (node.Op == DiffOp.Call ? " (the called method's graph is not available)" : "");
                    return null;
                }

                names[k] = Step($"{step}({Args()})");
            }

            return names[graph.Output];
        }

        string? output = Inline(_custom.Graph, new[] { "z" }, 0, out string problem);
        if (output is null)
        {
            return $"!{_custom.Name}: {problem}".Replace("|", "/").Replace(";", ",");
        }

        // The last node writes the layer's output: the result's, unless it is earlier (or z itself).
        if (output != "t" + (nodes.Count - 1).ToString(CultureInfo.InvariantCulture))
        {
            nodes.Add($"Identity({output})");
        }

        return string.Join(";", nodes);
    }

    private static string Constant(float value) => "c" + value.ToString("R", CultureInfo.InvariantCulture);

    private static bool TryConstant(string text, out float value) =>
        float.TryParse(text.Trim('(', ')').TrimEnd('f', 'F', 'd', 'D', 'm', 'M'), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
