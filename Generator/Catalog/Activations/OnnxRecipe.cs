using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>
/// One node of an activation's ONNX recipe (see <see cref="ActivationDefinition.OnnxRecipe"/>):
/// <c>Op(in,in)[name=value,…]</c>. The importer matches a graph against it; the exporter in the
/// runtime reads the same text from the generated network.
/// </summary>
internal sealed class OnnxRecipeNode
{
    public string Op = "";
    public readonly List<string> Inputs = new();

    /// <summary>Attributes: name → value with its type letter first (f0.01, i-1, s:none).</summary>
    public readonly Dictionary<string, string> Attributes = new(StringComparer.Ordinal);

    /// <summary>Parses a whole recipe, "Sigmoid(z);Mul(z,t0)".</summary>
    public static List<OnnxRecipeNode> Parse(string recipe)
    {
        var nodes = new List<OnnxRecipeNode>();
        foreach (string text in recipe.Split(';'))
        {
            int open = text.IndexOf('(');
            int close = text.IndexOf(')');
            var node = new OnnxRecipeNode { Op = text.Substring(0, open) };
            node.Inputs.AddRange(text.Substring(open + 1, close - open - 1).Split(','));
            int bracket = text.IndexOf('[', close);
            if (bracket >= 0)
            {
                foreach (string attribute in text.Substring(bracket + 1, text.Length - bracket - 2).Split(','))
                {
                    int equals = attribute.IndexOf('=');
                    node.Attributes[attribute.Substring(0, equals)] = attribute.Substring(equals + 1);
                }
            }

            nodes.Add(node);
        }

        return nodes;
    }

    /// <summary>The value of a constant input "c0.5".</summary>
    public static float Constant(string input) => float.Parse(input.Substring(1), NumberStyles.Float, CultureInfo.InvariantCulture);
}
