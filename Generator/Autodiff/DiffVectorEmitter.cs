using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Generator.Autodiff;

/// <summary>
/// A custom activation's graph over the runtime's vectors (ISimd&lt;TVector&gt;, type parameters TSimd and
/// TVector): the forward pass and, for the training forward, reverse mode in the same body. Every node
/// is computed in every lane (no guards): a conditional is a lane-wise select of its two computed
/// branches, and each reverse contribution of a node inside a branch is masked by that branch's
/// condition (Select(guard, contribution, 0)), so a NaN or ∞ of the branch not taken reaches neither
/// the value nor the derivative. Nodes are named v{k} and adjoints g{k} (never the user's names, so
/// nothing clashes with x, alpha or derivative); each line is commented with the source.
/// </summary>
internal static class DiffVectorEmitter
{
    private const string Tanh = "global::NetGen.CompilerServices.ActivationKernels.Tanh<TSimd, TVector>";

    /// <summary>
    /// Whether every node has a vector form: arithmetic, negation, Sqrt, Abs, Exp, Log, Tanh, Min, Max,
    /// comparisons, !, &amp;&amp;, || and conditionals. Not: Sin, Cos, Tan, their inverses, Sinh, Cosh,
    /// Log10, Pow, calls (those graphs keep the scalar loop).
    /// </summary>
    public static bool CanVectorise(DiffSpec spec) =>
        spec.IsFloat && spec.Parameters.Count == 1 && spec.Nodes.All(n => n.Op switch
        {
            DiffOp.Parameter or DiffOp.Constant or DiffOp.Copy or DiffOp.Add or DiffOp.Subtract or DiffOp.Multiply or DiffOp.Divide
                or DiffOp.Negate or DiffOp.Sqrt or DiffOp.Abs or DiffOp.Exp or DiffOp.Log or DiffOp.Tanh or DiffOp.Min or DiffOp.Max
                or DiffOp.Conditional or DiffOp.Not or DiffOp.And or DiffOp.Or => true,
            DiffOp.Compare => n.Text is "<" or ">" or "<=" or ">=" or "==" or "!=",
            _ => false,
        }) && spec.Nodes.All(n => Guard(spec, n.Guard) is not null);

    /// <summary>Whether the graph calls an expensive function (Exp, Log, Tanh): then even one sample's layer is worth a vector pass.</summary>
    public static bool HasTranscendental(DiffSpec spec) => spec.Nodes.Any(n => n.Op is DiffOp.Exp or DiffOp.Log or DiffOp.Tanh);

    /// <summary>
    /// The body over the vector x: the forward pass, then (when <paramref name="withDerivative"/>) the
    /// reverse pass assigning the out parameter <c>derivative</c>; returns f(x). Only for a graph that
    /// <see cref="CanVectorise"/>.
    /// </summary>
    public static string Body(DiffSpec spec, bool withDerivative)
    {
        var nodes = spec.Nodes;
        var names = new string[nodes.Count];
        var lines = new List<(string Code, string Comment)>();
        bool usesOnes = false;
        string Ones()
        {
            usesOnes = true;
            return "ones";
        }

        string V(int k) => names[k];
        for (int k = 0; k < nodes.Count; k++)
        {
            DiffNode node = nodes[k];
            string A(int i) => V(node.Args[i]);
            if (node.Op == DiffOp.Parameter)
            {
                names[k] = "x";
                continue;
            }

            if (node.Op == DiffOp.Copy)
            {
                names[k] = A(0);
                continue;
            }

            names[k] = "v" + k.ToString(CultureInfo.InvariantCulture);
            string value = node.Op switch
            {
                DiffOp.Constant => $"TSimd.Broadcast({FloatConstant(node.Name)})",
                DiffOp.Add => $"TSimd.Add({A(0)}, {A(1)})",
                DiffOp.Subtract => $"TSimd.Subtract({A(0)}, {A(1)})",
                DiffOp.Multiply => $"TSimd.Multiply({A(0)}, {A(1)})",
                DiffOp.Divide => $"TSimd.Divide({A(0)}, {A(1)})",
                DiffOp.Negate => Negate(A(0)),
                DiffOp.Sqrt => $"TSimd.Sqrt({A(0)})",
                DiffOp.Abs => $"TSimd.Abs({A(0)})",
                DiffOp.Exp => $"TSimd.Exp({A(0)})",
                DiffOp.Log => $"TSimd.Log({A(0)})",
                DiffOp.Tanh => $"{Tanh}({A(0)})",

                // MathF.Min/Max: the smaller (larger) of two ordered values, NaN when either is NaN (a + b).
                DiffOp.Min => $"TSimd.Select(TSimd.GreaterThanOrEqual({A(1)}, {A(0)}), {A(0)}, TSimd.Select(TSimd.LessThan({A(1)}, {A(0)}), {A(1)}, TSimd.Add({A(0)}, {A(1)})))",
                DiffOp.Max => $"TSimd.Select(TSimd.GreaterThanOrEqual({A(0)}, {A(1)}), {A(0)}, TSimd.Select(TSimd.LessThan({A(0)}, {A(1)}), {A(1)}, TSimd.Add({A(0)}, {A(1)})))",
                DiffOp.Conditional => $"TSimd.Select({A(0)}, {A(1)}, {A(2)})",
                DiffOp.Compare => node.Text switch
                {
                    "<" => $"TSimd.LessThan({A(0)}, {A(1)})",
                    ">" => $"TSimd.LessThan({A(1)}, {A(0)})",
                    "<=" => $"TSimd.GreaterThanOrEqual({A(1)}, {A(0)})",
                    ">=" => $"TSimd.GreaterThanOrEqual({A(0)}, {A(1)})",
                    "==" => $"TSimd.Select(TSimd.GreaterThanOrEqual({A(0)}, {A(1)}), TSimd.GreaterThanOrEqual({A(1)}, {A(0)}), TSimd.Zero)",
                    _ => $"TSimd.Select(TSimd.Select(TSimd.GreaterThanOrEqual({A(0)}, {A(1)}), TSimd.GreaterThanOrEqual({A(1)}, {A(0)}), TSimd.Zero), TSimd.Zero, {Ones()})",
                },
                DiffOp.Not => $"TSimd.Select({A(0)}, TSimd.Zero, {Ones()})",
                DiffOp.And => $"TSimd.Select({A(0)}, {A(1)}, TSimd.Zero)",
                DiffOp.Or => $"TSimd.Select({A(0)}, {Ones()}, {A(1)})",
                _ => throw new System.InvalidOperationException($"{node.Op} has no vector form."),
            };
            lines.Add(($"TVector {names[k]} = {value};", node.Label + (node.Guard.Length > 0 ? $"   [all lanes; used when {node.Guard}]" : "")));
        }

        var reverse = new List<(string Code, string Comment)>();
        string derivative = "TSimd.Zero";
        if (withDerivative)
        {
            // Adjoints: null = zero so far, "1" = exactly one (the seed, multiplied away), else g{k}.
            var adjoint = new string?[nodes.Count];
            var masks = new Dictionary<string, string>();
            adjoint[spec.Output] = "1";
            string Guarded(DiffNode node, string amount)
            {
                if (node.Guard.Length == 0)
                {
                    return amount;
                }

                if (!masks.TryGetValue(node.Guard, out string? mask))
                {
                    mask = "m" + masks.Count.ToString(CultureInfo.InvariantCulture);
                    masks.Add(node.Guard, mask);
                    lines.Add(($"TVector {mask} = {Guard(spec, node.Guard, V, Ones)};", $"the lanes where {node.Guard}"));
                }

                return $"TSimd.Select({mask}, {amount}, TSimd.Zero)";
            }

            for (int k = spec.Output; k >= 0; k--)
            {
                DiffNode node = nodes[k];
                string? g = adjoint[k];
                if (g is null || node.Op == DiffOp.Parameter || !HasAdjoint(node))
                {
                    continue;
                }

                string v = V(k);
                string Times(string factor) => g == "1" ? factor : $"TSimd.Multiply({g}, {factor})";
                string Over(string divisor) => $"TSimd.Divide({(g == "1" ? "TSimd.Broadcast(1f)" : g)}, {divisor})";
                string G() => g == "1" ? "TSimd.Broadcast(1f)" : g;
                var parts = new List<string>();
                void To(int i, bool subtract, string amount)
                {
                    int arg = node.Args[i];
                    if (!HasAdjoint(nodes[arg]))
                    {
                        return;
                    }

                    amount = Guarded(node, amount);
                    string target = "g" + arg.ToString(CultureInfo.InvariantCulture);
                    if (adjoint[arg] is null)
                    {
                        adjoint[arg] = target;
                        parts.Add($"TVector {target} = {(subtract ? $"TSimd.Subtract(TSimd.Zero, {amount})" : amount)};");
                    }
                    else
                    {
                        parts.Add($"{target} = TSimd.{(subtract ? "Subtract" : "Add")}({target}, {amount});");
                    }
                }

                switch (node.Op)
                {
                    case DiffOp.Copy: To(0, false, G()); break;
                    case DiffOp.Add: To(0, false, G()); To(1, false, G()); break;
                    case DiffOp.Subtract: To(0, false, G()); To(1, true, G()); break;
                    case DiffOp.Multiply: To(0, false, Times(V(node.Args[1]))); To(1, false, Times(V(node.Args[0]))); break;
                    case DiffOp.Divide:
                        To(0, false, Over(V(node.Args[1])));
                        To(1, true, $"TSimd.Divide({Times(v)}, {V(node.Args[1])})");
                        break;
                    case DiffOp.Negate: To(0, true, G()); break;
                    case DiffOp.Tanh: To(0, false, Times($"TSimd.Subtract(TSimd.Broadcast(1f), TSimd.Multiply({v}, {v}))")); break;
                    case DiffOp.Exp: To(0, false, Times(v)); break;
                    case DiffOp.Log: To(0, false, Over(V(node.Args[0]))); break;
                    case DiffOp.Sqrt: To(0, false, Over($"TSimd.Multiply(TSimd.Broadcast(2f), {v})")); break;
                    case DiffOp.Abs:
                    {
                        string a = V(node.Args[0]);
                        To(0, false, $"TSimd.Select(TSimd.LessThan(TSimd.Zero, {a}), {G()}, TSimd.Select(TSimd.LessThan({a}, TSimd.Zero), {Negate(G())}, TSimd.Zero))");
                        break;
                    }

                    case DiffOp.Min:
                    case DiffOp.Max:
                    case DiffOp.Conditional:
                    {
                        // The scalar code's branch: Min takes a when a ≤ b, Max when a ≥ b, a conditional its condition.
                        int first = node.Op == DiffOp.Conditional ? 1 : 0;
                        string a = V(node.Args[first]), b = V(node.Args[first + 1]);
                        string condition = node.Op switch
                        {
                            DiffOp.Min => $"TSimd.GreaterThanOrEqual({b}, {a})",
                            DiffOp.Max => $"TSimd.GreaterThanOrEqual({a}, {b})",
                            _ => V(node.Args[0]),
                        };
                        string c = "s" + k.ToString(CultureInfo.InvariantCulture);
                        if (node.Op != DiffOp.Conditional)
                        {
                            parts.Add($"TVector {c} = {condition};");
                        }
                        else
                        {
                            c = condition;
                        }

                        To(first, false, $"TSimd.Select({c}, {G()}, TSimd.Zero)");
                        To(first + 1, false, $"TSimd.Select({c}, TSimd.Zero, {G()})");
                        break;
                    }
                }

                if (parts.Count > 0)
                {
                    reverse.Add((string.Join(" ", parts), node.Label));
                }
            }

            derivative = adjoint[0] switch
            {
                null => "TSimd.Zero",
                "1" => "TSimd.Broadcast(1f)",
                string name => name,
            };
        }

        var w = new System.Text.StringBuilder();
        if (usesOnes)
        {
            w.Append("TVector ones = TSimd.GreaterThanOrEqual(TSimd.Zero, TSimd.Zero); // a mask with every bit set\n");
        }

        Append(w, lines);
        if (withDerivative)
        {
            w.Append("// reverse mode, g_k = ∂f/∂v_k, in every lane (a branch's contributions masked by its condition)\n");
            Append(w, reverse);
            w.Append($"derivative = {derivative};\n");
        }

        w.Append($"return {V(spec.Output)};");
        return w.ToString();
    }

    private static bool HasAdjoint(DiffNode node) => node.Op is not (DiffOp.Constant or DiffOp.Compare or DiffOp.Not or DiffOp.And or DiffOp.Or);

    private static string Negate(string value) => $"TSimd.Multiply({value}, TSimd.Broadcast(-1f))";

    /// <summary>A constant's source text as a float expression: a literal with an f suffix, else a cast.</summary>
    private static string FloatConstant(string text)
    {
        string bare = text.Trim('(', ')');
        return float.TryParse(bare.TrimEnd('f', 'F'), NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !bare.EndsWith("d", System.StringComparison.OrdinalIgnoreCase) && !bare.EndsWith("m", System.StringComparison.OrdinalIgnoreCase)
            ? (bare.EndsWith("f", System.StringComparison.OrdinalIgnoreCase) ? bare : $"(float){bare}")
            : $"(float)({text})";
    }

    /// <summary>Whether a guard's terms all name condition nodes (the parser writes "c2 &amp;&amp; !c6").</summary>
    private static string? Guard(DiffSpec spec, string guard) =>
        guard.Length == 0 ? "" : Guard(spec, guard, k => "v" + k.ToString(CultureInfo.InvariantCulture), () => "ones");

    /// <summary>A guard as a mask expression over the condition nodes' vectors; null if a term names no condition node.</summary>
    private static string? Guard(DiffSpec spec, string guard, System.Func<int, string> name, System.Func<string> ones)
    {
        string? mask = null;
        foreach (string term in guard.Split(new[] { " && " }, System.StringSplitOptions.None))
        {
            bool not = term.StartsWith("!", System.StringComparison.Ordinal);
            string conditionName = not ? term.Substring(1) : term;
            int k = -1;
            for (int i = 0; i < spec.Nodes.Count; i++)
            {
                if (spec.Nodes[i].Name == conditionName && spec.Nodes[i].Op is DiffOp.Compare or DiffOp.Not or DiffOp.And or DiffOp.Or)
                {
                    k = i;
                }
            }

            if (k < 0)
            {
                return null;
            }

            string value = not ? $"TSimd.Select({name(k)}, TSimd.Zero, {ones()})" : name(k);
            mask = mask is null ? value : $"TSimd.Select({mask}, {value}, TSimd.Zero)";
        }

        return mask;
    }

    private static void Append(System.Text.StringBuilder w, List<(string Code, string Comment)> lines)
    {
        foreach ((string code, string comment) in lines)
        {
            w.Append(code).Append("   // ").Append(comment.Replace("\r", " ").Replace("\n", " ")).Append('\n');
        }
    }
}
