using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Autodiff;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>
/// The catalog entry of a user's activation method (<see cref="CustomActivation"/>), made per layer from
/// its graph rather than discovered: f and f′ are two helper methods of the network class written by
/// <see cref="DiffEmitter.EmitActivationHelpers"/> (f′ by reverse mode over the graph), so every strategy
/// that calls <see cref="Forward"/> and <see cref="Derivative"/> (unrolled, loops, SIMD's scalar loop)
/// treats it like a built-in. No vector form and no lanes form yet (docs/custom-functions.md).
/// </summary>
internal sealed class CustomActivationDefinition : ActivationDefinition
{
    private readonly CustomActivation _custom;

    public CustomActivationDefinition(CustomActivation custom) => _custom = custom;

    public override Activation Kind => CustomActivation.Kind;

    public override string Name => _custom.Name;

    private string ForwardName => _custom.HelperName;

    private string DerivativeName => _custom.HelperName + "Derivative";

    public override string Forward(string z, string alpha) => $"{ForwardName}({z})";

    public override string? Derivative(string z, string a, string alpha) => $"{DerivativeName}({z})";

    public override IReadOnlyList<ScalarHelper> Helpers => new[]
    {
        new ScalarHelper(ForwardName, w => DiffEmitter.EmitActivationHelpers(w, _custom.Graph, _custom.Name, ForwardName, DerivativeName)),
    };

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
