using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Autodiff;

/// <summary>One end of an <see cref="Interval"/>: a value (±∞ allowed) and whether it is excluded.</summary>
internal readonly struct Bound
{
    public Bound(double value, bool open)
    {
        Value = value == 0 ? 0 : value; // no -0 in messages
        Open = open || double.IsInfinity(value);
    }

    public double Value { get; }

    /// <summary>The value itself is not in the interval (always so for ±∞).</summary>
    public bool Open { get; }
}

/// <summary>
/// A set of reals from <see cref="Lo"/> to <see cref="Hi"/>, each end open or closed: what the domain
/// analysis knows about a node's value. Arithmetic is over the reals (no float rounding or overflow).
/// </summary>
internal readonly struct Interval
{
    public Interval(Bound lo, Bound hi)
    {
        Lo = lo;
        Hi = hi;
    }

    public Bound Lo { get; }

    public Bound Hi { get; }

    public static Interval All => new(new Bound(double.NegativeInfinity, true), new Bound(double.PositiveInfinity, true));

    public static Interval Empty => new(new Bound(1, false), new Bound(0, false));

    public static Interval Point(double value) => new(new Bound(value, false), new Bound(value, false));

    public static Interval Of(double lo, bool loOpen, double hi, bool hiOpen) => new(new Bound(lo, loOpen), new Bound(hi, hiOpen));

    public bool IsEmpty => double.IsNaN(Lo.Value) || double.IsNaN(Hi.Value) || Lo.Value > Hi.Value || (Lo.Value == Hi.Value && (Lo.Open || Hi.Open));

    /// <summary>Some value of the interval is below <paramref name="value"/> (or equal, when <paramref name="orEqual"/>).</summary>
    public bool MayBeBelow(double value, bool orEqual) => !IsEmpty && (Lo.Value < value || (orEqual && Lo.Value == value && !Lo.Open));

    /// <summary>Some value of the interval is above <paramref name="value"/> (or equal, when <paramref name="orEqual"/>).</summary>
    public bool MayBeAbove(double value, bool orEqual) => !IsEmpty && (Hi.Value > value || (orEqual && Hi.Value == value && !Hi.Open));

    public bool Contains(double value) => MayBeBelow(value, orEqual: true) && MayBeAbove(value, orEqual: true);

    public bool IsPoint(out double value)
    {
        value = Lo.Value;
        return !IsEmpty && Lo.Value == Hi.Value;
    }

    public Interval Intersect(Interval other)
    {
        Bound lo = Lo.Value > other.Lo.Value ? Lo : other.Lo.Value > Lo.Value ? other.Lo : new Bound(Lo.Value, Lo.Open || other.Lo.Open);
        Bound hi = Hi.Value < other.Hi.Value ? Hi : other.Hi.Value < Hi.Value ? other.Hi : new Bound(Hi.Value, Hi.Open || other.Hi.Open);
        return new Interval(lo, hi);
    }

    /// <summary>The smallest interval holding both.</summary>
    public Interval Hull(Interval other)
    {
        if (IsEmpty)
        {
            return other;
        }

        if (other.IsEmpty)
        {
            return this;
        }

        Bound lo = Lo.Value < other.Lo.Value ? Lo : other.Lo.Value < Lo.Value ? other.Lo : new Bound(Lo.Value, Lo.Open && other.Lo.Open);
        Bound hi = Hi.Value > other.Hi.Value ? Hi : other.Hi.Value > Hi.Value ? other.Hi : new Bound(Hi.Value, Hi.Open && other.Hi.Open);
        return new Interval(lo, hi);
    }

    /// <summary>e.g. "(-∞, ∞)", "[0, ∞)", "(0, 1]".</summary>
    public override string ToString()
    {
        if (IsEmpty)
        {
            return "∅";
        }

        static string Text(double v) => double.IsPositiveInfinity(v) ? "∞" : double.IsNegativeInfinity(v) ? "-∞" : v.ToString("G6", CultureInfo.InvariantCulture);
        return (Lo.Open ? "(" : "[") + Text(Lo.Value) + ", " + Text(Hi.Value) + (Hi.Open ? ")" : "]");
    }
}

/// <summary>What can go wrong at a node (docs/custom-functions.md, "NaN-prone operations").</summary>
internal enum DomainProblem
{
    /// <summary>Log or Log10 of a value that may be ≤ 0.</summary>
    LogOfNonPositive,

    /// <summary>Sqrt of a value that may be &lt; 0.</summary>
    SqrtOfNegative,

    /// <summary>Sqrt of a value that may be exactly 0: finite, but the derivative 1/(2√u) is infinite there.</summary>
    SqrtDerivativeAtZero,

    /// <summary>A division whose divisor may be 0.</summary>
    DivisionByZero,

    /// <summary>Pow with a base that may be negative and an exponent that may not be an integer.</summary>
    PowOfNegativeBase,

    /// <summary>Pow with a base that may be 0 and an exponent that may be negative.</summary>
    PowOfZeroToNegative,

    /// <summary>Pow with a base that may be 0 and an exponent that may be in (0, 1): the derivative is infinite there.</summary>
    PowDerivativeAtZero,

    /// <summary>Asin or Acos of a value that may be outside [−1, 1].</summary>
    OutsideUnitRange,

    /// <summary>Asin or Acos of a value that may be exactly ±1: the derivative is infinite there.</summary>
    UnitRangeDerivativeAtEnd,
}

/// <summary>A node the analysis flags: the node, the problem, the operand (argument position) at fault, and the operand's interval found.</summary>
internal sealed record DomainFinding(int Node, DomainProblem Problem, int Operand, Interval Range);

/// <summary>
/// Interval analysis over a <see cref="DiffSpec"/> graph: every node's value as an interval, from the
/// parameters' ranges (an input: an activation's x is any real; a loss's prediction and target may be
/// given narrower ranges) through every operation, narrowed inside a conditional's branches by its
/// guard (comparisons of a node with another node or a constant, combined with &amp;&amp;, ||, !), and
/// the nodes whose operand may leave the operation's domain (<see cref="DomainProblem"/>). A node on a
/// branch that cannot be taken is never flagged. Sound over the reals, conservative: a flag means the
/// graph does not show the operand safe, not that it is unsafe.
/// </summary>
internal static class DomainAnalysis
{
    /// <summary>The nodes of <paramref name="graph"/> that may leave their domain, the parameters ranging over <paramref name="parameters"/> (one per parameter, in order).</summary>
    public static IReadOnlyList<DomainFinding> Analyze(DiffSpec graph, IReadOnlyList<Interval> parameters)
    {
        var nodes = graph.Nodes;
        var values = new Interval[nodes.Count];
        var conditions = new Dictionary<string, int>(StringComparer.Ordinal);
        var findings = new List<DomainFinding>();
        int parameter = 0;
        for (int k = 0; k < nodes.Count; k++)
        {
            DiffNode node = nodes[k];
            if (node.Op is DiffOp.Compare or DiffOp.Not or DiffOp.And or DiffOp.Or)
            {
                conditions[node.Name] = k;
                values[k] = Interval.All;
                continue;
            }

            // The constraints under which the node runs: its guard's conditions, asserted.
            Dictionary<int, Interval>? context = new();
            foreach (string term in node.Guard.Length == 0 ? Array.Empty<string>() : node.Guard.Split(new[] { " && " }, StringSplitOptions.None))
            {
                string name = term.TrimStart('!');
                if (context is not null && conditions.TryGetValue(name, out int condition))
                {
                    context = Narrow(nodes, values, condition, (term.Length - name.Length) % 2 == 0, context);
                }
            }

            if (context is null)
            {
                values[k] = Interval.Empty; // a branch that is never taken: the node never runs
                continue;
            }

            Interval Arg(int i) => Get(values, context, node.Args[i]);
            switch (node.Op)
            {
                case DiffOp.Parameter:
                    values[k] = parameter < parameters.Count ? parameters[parameter] : Interval.All;
                    parameter++;
                    break;
                case DiffOp.Constant:
                    values[k] = TryConstant(node.Name, out double constant) ? Interval.Point(constant) : Interval.All;
                    break;
                case DiffOp.Conditional:
                {
                    Dictionary<int, Interval>? whenTrue = Narrow(nodes, values, node.Args[0], true, context);
                    Dictionary<int, Interval>? whenFalse = Narrow(nodes, values, node.Args[0], false, context);
                    Interval result = Interval.Empty;
                    if (whenTrue is not null)
                    {
                        result = result.Hull(Get(values, whenTrue, node.Args[1]));
                    }

                    if (whenFalse is not null)
                    {
                        result = result.Hull(Get(values, whenFalse, node.Args[2]));
                    }

                    values[k] = result;
                    break;
                }

                default:
                {
                    Interval[] args = Enumerable.Range(0, node.Args.Count).Select(Arg).ToArray();
                    if (args.Any(a => a.IsEmpty))
                    {
                        values[k] = Interval.Empty;
                        break;
                    }

                    values[k] = Evaluate(node, args, findings, k);
                    break;
                }
            }
        }

        return findings;
    }

    private static Interval Get(Interval[] values, Dictionary<int, Interval> context, int node) =>
        context.TryGetValue(node, out Interval narrowed) ? values[node].Intersect(narrowed) : values[node];

    /// <summary>
    /// <paramref name="context"/> with condition <paramref name="condition"/> asserted <paramref name="truth"/>:
    /// the compared nodes' intervals narrowed; null when that cannot happen (a branch never taken).
    /// </summary>
    private static Dictionary<int, Interval>? Narrow(EquatableArray<DiffNode> nodes, Interval[] values, int condition, bool truth, Dictionary<int, Interval> context)
    {
        DiffNode node = nodes[condition];
        switch (node.Op)
        {
            case DiffOp.Not:
                return Narrow(nodes, values, node.Args[0], !truth, context);

            case DiffOp.And when truth:
            case DiffOp.Or when !truth:
            {
                Dictionary<int, Interval>? left = Narrow(nodes, values, node.Args[0], truth, context);
                return left is null ? null : Narrow(nodes, values, node.Args[1], truth, left);
            }

            case DiffOp.And:
            case DiffOp.Or:
            {
                // !(a && b) is !a || !b; a || b: either side may hold, so only what both imply is kept.
                Dictionary<int, Interval>? left = Narrow(nodes, values, node.Args[0], truth, context);
                Dictionary<int, Interval>? right = Narrow(nodes, values, node.Args[1], truth, context);
                if (left is null || right is null)
                {
                    return left ?? right;
                }

                var both = new Dictionary<int, Interval>();
                foreach (KeyValuePair<int, Interval> entry in left)
                {
                    if (right.TryGetValue(entry.Key, out Interval other))
                    {
                        both[entry.Key] = entry.Value.Hull(other);
                    }
                }

                return both;
            }

            case DiffOp.Compare:
            {
                string op = truth ? node.Text : node.Text switch
                {
                    "<" => ">=", "<=" => ">", ">" => "<=", ">=" => "<", "==" => "!=", _ => "==",
                };
                int a = node.Args[0], b = node.Args[1];
                Interval ia = Get(values, context, a), ib = Get(values, context, b);
                Interval na = ia, nb = ib;
                switch (op)
                {
                    case "<":
                        na = ia.Intersect(Interval.Of(double.NegativeInfinity, true, ib.Hi.Value, true));
                        nb = ib.Intersect(Interval.Of(ia.Lo.Value, true, double.PositiveInfinity, true));
                        break;
                    case "<=":
                        na = ia.Intersect(new Interval(new Bound(double.NegativeInfinity, true), ib.Hi));
                        nb = ib.Intersect(new Interval(ia.Lo, new Bound(double.PositiveInfinity, true)));
                        break;
                    case ">":
                        na = ia.Intersect(Interval.Of(ib.Lo.Value, true, double.PositiveInfinity, true));
                        nb = ib.Intersect(Interval.Of(double.NegativeInfinity, true, ia.Hi.Value, true));
                        break;
                    case ">=":
                        na = ia.Intersect(new Interval(ib.Lo, new Bound(double.PositiveInfinity, true)));
                        nb = ib.Intersect(new Interval(new Bound(double.NegativeInfinity, true), ia.Hi));
                        break;
                    case "==":
                        na = ia.Intersect(ib);
                        nb = na;
                        break;
                    default: // != : only a point excludes an end
                        if (ib.IsPoint(out double p))
                        {
                            na = Exclude(ia, p);
                        }

                        if (ia.IsPoint(out double q))
                        {
                            nb = Exclude(ib, q);
                        }

                        break;
                }

                if (na.IsEmpty || nb.IsEmpty)
                {
                    return null;
                }

                var narrowed = new Dictionary<int, Interval>(context) { [a] = na, [b] = nb };
                return narrowed;
            }

            default:
                return context;
        }
    }

    private static Interval Exclude(Interval interval, double point) => new(
        interval.Lo.Value == point ? new Bound(point, true) : interval.Lo,
        interval.Hi.Value == point ? new Bound(point, true) : interval.Hi);

    private static Interval Evaluate(DiffNode node, Interval[] args, List<DomainFinding> findings, int k)
    {
        void Flag(DomainProblem problem, int operand) => findings.Add(new DomainFinding(k, problem, operand, args[operand]));
        Interval x = args.Length > 0 ? args[0] : Interval.All;
        switch (node.Op)
        {
            case DiffOp.Copy:
                return x;
            case DiffOp.Add:
                return new Interval(Sum(x.Lo, args[1].Lo), Sum(x.Hi, args[1].Hi));
            case DiffOp.Subtract:
                return new Interval(Sum(x.Lo, Negate(args[1].Hi)), Sum(x.Hi, Negate(args[1].Lo)));
            case DiffOp.Negate:
                return new Interval(Negate(x.Hi), Negate(x.Lo));
            case DiffOp.Multiply:
                return node.Args[0] == node.Args[1] ? Square(x) : Multiply(x, args[1]);
            case DiffOp.Divide:
            {
                Interval divisor = args[1];
                if (divisor.Contains(0))
                {
                    Flag(DomainProblem.DivisionByZero, 1);
                    return Interval.All;
                }

                // 1/d over an interval without 0: decreasing on each side; an end at 0 (open) goes to ±∞.
                Bound Reciprocal(Bound b, bool positive) =>
                    b.Value == 0 ? new Bound(positive ? double.PositiveInfinity : double.NegativeInfinity, true) : new Bound(1 / b.Value, b.Open);
                bool positiveSide = divisor.Lo.Value >= 0;
                return Multiply(x, new Interval(Reciprocal(divisor.Hi, positiveSide), Reciprocal(divisor.Lo, positiveSide)));
            }

            case DiffOp.Abs:
                return Abs(x);
            case DiffOp.Exp:
                return Monotone(x, Math.Exp);
            case DiffOp.Tanh:
                return Monotone(x, Math.Tanh);
            case DiffOp.Sinh:
                return Monotone(x, Math.Sinh);
            case DiffOp.Atan:
                return Monotone(x, Math.Atan);
            case DiffOp.Cosh:
                return Monotone(Abs(x), Math.Cosh);
            case DiffOp.Sin:
            case DiffOp.Cos:
                return Interval.Of(-1, false, 1, false);
            case DiffOp.Tan:
                return Interval.All;
            case DiffOp.Log:
            case DiffOp.Log10:
                if (x.MayBeBelow(0, orEqual: true))
                {
                    Flag(DomainProblem.LogOfNonPositive, 0);
                }

                return x.MayBeAbove(0, orEqual: false)
                    ? Monotone(x.Intersect(Interval.Of(0, false, double.PositiveInfinity, true)), node.Op == DiffOp.Log ? Math.Log : Math.Log10)
                    : Interval.All;
            case DiffOp.Sqrt:
                if (x.MayBeBelow(0, orEqual: false))
                {
                    Flag(DomainProblem.SqrtOfNegative, 0);
                }
                else if (x.Contains(0))
                {
                    Flag(DomainProblem.SqrtDerivativeAtZero, 0);
                }

                return x.MayBeAbove(0, orEqual: true) ? Monotone(x.Intersect(Interval.Of(0, false, double.PositiveInfinity, true)), Math.Sqrt) : Interval.All;
            case DiffOp.Asin:
            case DiffOp.Acos:
            {
                if (x.MayBeBelow(-1, orEqual: false) || x.MayBeAbove(1, orEqual: false))
                {
                    Flag(DomainProblem.OutsideUnitRange, 0);
                }
                else if (x.Contains(-1) || x.Contains(1))
                {
                    Flag(DomainProblem.UnitRangeDerivativeAtEnd, 0);
                }

                Interval inside = x.Intersect(Interval.Of(-1, false, 1, false));
                if (inside.IsEmpty)
                {
                    return Interval.All;
                }

                Interval asin = Monotone(inside, Math.Asin);
                return node.Op == DiffOp.Asin ? asin : new Interval(Sum(new Bound(Math.PI / 2, false), Negate(asin.Hi)), Sum(new Bound(Math.PI / 2, false), Negate(asin.Lo)));
            }

            case DiffOp.Min:
                return new Interval(Lower(x.Lo, args[1].Lo, min: true), Upper(x.Hi, args[1].Hi, max: false));
            case DiffOp.Max:
                return new Interval(Lower(x.Lo, args[1].Lo, min: false), Upper(x.Hi, args[1].Hi, max: true));
            case DiffOp.Pow:
                return Pow(x, args[1], Flag);
            default:
                return Interval.All; // a call: the callee's range is not followed
        }
    }

    private static Interval Pow(Interval b, Interval e, Action<DomainProblem, int> flag)
    {
        bool integer = e.IsPoint(out double n) && Math.Floor(n) == n;
        if (b.MayBeBelow(0, orEqual: false) && !integer)
        {
            flag(DomainProblem.PowOfNegativeBase, 0);
        }
        else if (b.Contains(0) && e.MayBeBelow(0, orEqual: false))
        {
            flag(DomainProblem.PowOfZeroToNegative, 0);
        }
        else if (b.Contains(0) && !integer && e.MayBeAbove(0, orEqual: false) && e.MayBeBelow(1, orEqual: false))
        {
            flag(DomainProblem.PowDerivativeAtZero, 0);
        }

        if (integer)
        {
            if (n == 0)
            {
                return Interval.Point(1);
            }

            if (n > 0)
            {
                return n % 2 == 0 ? Monotone(Abs(b), v => Math.Pow(v, n)) : Monotone(b, v => Math.Pow(v, n));
            }
        }

        if (e.IsPoint(out double p) && p > 0 && !b.MayBeBelow(0, orEqual: false))
        {
            return Monotone(b, v => Math.Pow(v, p));
        }

        return !b.MayBeBelow(0, orEqual: true) ? Interval.Of(0, true, double.PositiveInfinity, true) : Interval.All;
    }

    private static Bound Negate(Bound b) => new(-b.Value, b.Open);

    private static Bound Sum(Bound a, Bound b)
    {
        double v = a.Value + b.Value;
        return new Bound(double.IsNaN(v) ? double.NaN : v, a.Open || b.Open);
    }

    private static Interval Monotone(Interval x, Func<double, double> f) => new(new Bound(f(x.Lo.Value), x.Lo.Open), new Bound(f(x.Hi.Value), x.Hi.Open));

    private static Interval Abs(Interval x)
    {
        if (!x.MayBeBelow(0, orEqual: false))
        {
            return x;
        }

        if (!x.MayBeAbove(0, orEqual: false))
        {
            return new Interval(Negate(x.Hi), Negate(x.Lo));
        }

        Bound hi = -x.Lo.Value > x.Hi.Value ? Negate(x.Lo) : x.Hi.Value > -x.Lo.Value ? x.Hi : new Bound(x.Hi.Value, x.Hi.Open && x.Lo.Open);
        return new Interval(new Bound(0, false), hi);
    }

    private static Interval Square(Interval x)
    {
        Interval magnitude = Abs(x);
        return new Interval(Product(magnitude.Lo, magnitude.Lo), Product(magnitude.Hi, magnitude.Hi));
    }

    /// <summary>A corner of a product: 0 times anything is 0 (reached when that 0 is), otherwise open if either end is.</summary>
    private static Bound Product(Bound a, Bound b)
    {
        if (a.Value == 0 || b.Value == 0)
        {
            return new Bound(0, (a.Value != 0 || a.Open) && (b.Value != 0 || b.Open));
        }

        return new Bound(a.Value * b.Value, a.Open || b.Open);
    }

    private static Interval Multiply(Interval x, Interval y)
    {
        Bound[] corners = { Product(x.Lo, y.Lo), Product(x.Lo, y.Hi), Product(x.Hi, y.Lo), Product(x.Hi, y.Hi) };
        Bound lo = corners[0], hi = corners[0];
        foreach (Bound c in corners.Skip(1))
        {
            lo = Lower(lo, c, min: true);
            hi = Upper(hi, c, max: true);
        }

        return new Interval(lo, hi);
    }

    /// <summary>The lower end of a min (<paramref name="min"/>) or max of two values with these lower ends.</summary>
    private static Bound Lower(Bound a, Bound b, bool min)
    {
        if (a.Value != b.Value)
        {
            return (a.Value < b.Value) == min ? a : b;
        }

        return new Bound(a.Value, min ? a.Open && b.Open : a.Open || b.Open);
    }

    /// <summary>The upper end of a max (<paramref name="max"/>) or min of two values with these upper ends.</summary>
    private static Bound Upper(Bound a, Bound b, bool max)
    {
        if (a.Value != b.Value)
        {
            return (a.Value > b.Value) == max ? a : b;
        }

        return new Bound(a.Value, max ? a.Open && b.Open : a.Open || b.Open);
    }

    /// <summary>A Constant node's value from its literal text ("1f", "(1.5f)", "1e-6f", "2").</summary>
    public static bool TryConstant(string text, out double value) =>
        double.TryParse(text.Trim('(', ')').Replace("_", "").TrimEnd('f', 'F', 'd', 'D', 'm', 'M', 'u', 'U', 'l', 'L'), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}

/// <summary>
/// NG0105 from <see cref="DomainAnalysis"/>'s findings, located on the offending syntax (the parse step
/// keeps the node ↔ syntax mapping; the graph itself has no locations, so it stays equatable).
/// </summary>
internal static class DomainWarnings
{
    public static IEnumerable<DiagnosticInfo> For(DiffSpec graph, IReadOnlyList<Interval> parameters, IReadOnlyDictionary<int, Microsoft.CodeAnalysis.SyntaxNode> syntaxOf)
    {
        foreach (DomainFinding finding in DomainAnalysis.Analyze(graph, parameters))
        {
            if (!syntaxOf.TryGetValue(finding.Node, out Microsoft.CodeAnalysis.SyntaxNode? syntax))
            {
                continue;
            }

            Microsoft.CodeAnalysis.SyntaxNode? operandSyntax = syntax switch
            {
                Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax invocation when finding.Operand < invocation.ArgumentList.Arguments.Count => invocation.ArgumentList.Arguments[finding.Operand].Expression,
                Microsoft.CodeAnalysis.CSharp.Syntax.BinaryExpressionSyntax binary => finding.Operand == 0 ? binary.Left : binary.Right,
                _ => null,
            };
            if (operandSyntax is null)
            {
                continue;
            }

            string call = Text(syntax);
            string operand = Text(operandSyntax);
            string guard = $"guard it with a conditional, e.g. {operand} > 0f ? {call} : 0f, or add a positive constant";
            (string what, string where, string fix) = finding.Problem switch
            {
                DomainProblem.LogOfNonPositive => ("is NaN or infinite", "is ≤ 0", guard),
                DomainProblem.SqrtOfNegative => ("is NaN", "is < 0", guard),
                DomainProblem.SqrtDerivativeAtZero => ("is finite but its derivative is infinite (the gradient is NaN)", "is 0",
                    $"add a positive constant, e.g. {Text(((Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax)syntax).Expression)}({operand} + 1e-6f), or guard it with a conditional"),
                DomainProblem.DivisionByZero => ("is infinite or NaN", "is 0",
                    $"guard it with a conditional, e.g. {operand} != 0f ? {call} : 0f, or keep the divisor away from 0 (add a positive constant to a divisor that is ≥ 0)"),
                DomainProblem.PowOfNegativeBase => ("is NaN (a power that may not be an integer)", "is < 0", guard),
                DomainProblem.PowOfZeroToNegative => ("is infinite (a negative power)", "is 0", guard),
                DomainProblem.PowDerivativeAtZero => ("is finite but its derivative is infinite (the gradient is NaN)", "is 0", guard),
                DomainProblem.OutsideUnitRange => ("is NaN", "is outside [-1, 1]", $"guard it with a conditional, e.g. {operand} > -1f && {operand} < 1f ? {call} : 0f"),
                _ => ("is finite but its derivative is infinite (the gradient is NaN)", "is -1 or 1", $"guard it with a conditional, e.g. {operand} > -1f && {operand} < 1f ? {call} : 0f"),
            };
            yield return DiagnosticInfo.Create(Diagnostics.DiagnosticDescriptors.NaNProneOperation, syntax.GetLocation(), call, what, operand, where, finding.Range.ToString(), fix);
        }
    }

    private static string Text(Microsoft.CodeAnalysis.SyntaxNode node)
    {
        string text = string.Join(" ", node.ToString().Split(new[] { '\r', '\n', '\t', ' ' }, StringSplitOptions.RemoveEmptyEntries));
        return text.Length > 60 ? text.Substring(0, 57) + "..." : text;
    }
}
