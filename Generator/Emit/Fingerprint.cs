using System.Globalization;
using System.Text;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The architecture's canonical description and its hash. Everything that gives the parameters
/// their meaning is in it (input width, the declared input scaling, every layer's width, activation and α); training settings
/// are not, since they do not change what the parameters compute. Model files store the hash and
/// refuse parameters of another architecture.
/// </summary>
internal static class Fingerprint
{
    /// <summary>e.g. "4 > Dense(16, Tanh) > Dense(3, Softmax)"; with a declared input scaling "4 > Standardize > Dense(16, Tanh) > …".</summary>
    public static string Describe(NetworkSpec spec)
    {
        var text = new StringBuilder();
        text.Append(spec.Inputs.ToString(CultureInfo.InvariantCulture));
        if (spec.ScalesInputs)
        {
            // Only for a scaling network, so every other architecture text (and saved file) is unchanged.
            text.Append(" > ").Append(spec.InputScaling == InputScaling.Standardize ? "Standardize" : "MinMax");
        }

        foreach (LayerSpec layer in spec.Layers)
        {
            text.Append(" > Dense(").Append(layer.Units.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(Catalog.Activations.ActivationCatalog.DisplayName(layer));
            if (Catalog.Activations.ActivationCatalog.Of(layer).Alpha is not null)
            {
                text.Append(", Alpha=").Append(layer.Alpha.ToString("R", CultureInfo.InvariantCulture));
            }

            if (layer.Custom is not null)
            {
                text.Append(", Graph=").Append(GraphHash(layer.Custom).ToString("X8", CultureInfo.InvariantCulture));
            }

            text.Append(')');
        }

        return text.ToString();
    }

    /// <summary>
    /// A custom activation's graph as 32 bits (FNV-1a of its canonical text, folded): another body of
    /// the same-named method computes something else with the same parameters, so a file trained with
    /// it is refused. The text is the nodes' operations, operands, constants, comparison operators,
    /// callees and guards, not their labels or names: reformatting or renaming a local changes nothing.
    /// </summary>
    public static uint GraphHash(CustomActivation custom)
    {
        var text = new StringBuilder();
        AppendGraph(text, custom.Graph);
        foreach (CalleeGraph callee in custom.Callees)
        {
            text.Append("call ").Append(callee.Callee).Append(':');
            AppendGraph(text, callee.Graph);
        }

        ulong hash = Hash(text.ToString());
        return (uint)(hash ^ (hash >> 32));
    }

    private static void AppendGraph(StringBuilder text, Autodiff.DiffSpec graph)
    {
        text.Append(graph.TypeName).Append('(').Append(graph.Parameters.Count.ToString(CultureInfo.InvariantCulture)).Append(")\n");
        var conditions = new System.Collections.Generic.Dictionary<string, string>(System.StringComparer.Ordinal);
        for (int k = 0; k < graph.Nodes.Count; k++)
        {
            Autodiff.DiffNode node = graph.Nodes[k];
            string index = k.ToString(CultureInfo.InvariantCulture);
            if (node.Op is Autodiff.DiffOp.Compare or Autodiff.DiffOp.Not or Autodiff.DiffOp.And or Autodiff.DiffOp.Or)
            {
                conditions[node.Name] = "#" + index; // guards name condition nodes: written by index
            }

            text.Append(index).Append(' ').Append(node.Op.ToString());
            foreach (int arg in node.Args)
            {
                text.Append(' ').Append(arg.ToString(CultureInfo.InvariantCulture));
            }

            if (node.Op == Autodiff.DiffOp.Constant)
            {
                text.Append(" =").Append(node.Name);
            }

            if (node.Text.Length > 0)
            {
                text.Append(" [").Append(node.Text).Append(']');
            }

            if (node.Guard.Length > 0)
            {
                text.Append(" when");
                foreach (string term in node.Guard.Split(new[] { " && " }, System.StringSplitOptions.None))
                {
                    string bare = term.TrimStart('!');
                    text.Append(' ').Append(term.Length - bare.Length == 1 ? "!" : "").Append(conditions.TryGetValue(bare, out string? c) ? c : bare);
                }
            }

            text.Append('\n');
        }

        text.Append("out ").Append(graph.Output.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    /// <summary>64-bit FNV-1a over the UTF-8 bytes: simple, stable across platforms and versions.</summary>
    public static ulong Hash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        return hash;
    }
}
