using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Autodiff;

/// <summary>
/// Turns a [Differentiate] method into its computational graph (<see cref="DiffSpec"/>): the only code
/// that sees its syntax and symbols. Every construct it does not know is a diagnostic on that exact
/// syntax (NG0100–NG0103), never a guess.
/// </summary>
internal sealed class DiffParser
{
    public const string AttributeName = "NetGen.DifferentiateAttribute";

    /// <summary>The NG0100 reason particular to a network's activation (the one [Differentiate] itself never reports).</summary>
    public const string ActivationSignatureProblem = "an activation must be a static float F(float x), any further parameters float constants";

    /// <summary>The NG0100 reason particular to a network's loss (the one [Differentiate] itself never reports).</summary>
    public const string LossSignatureProblem = "a loss must be a static float L(float prediction, float target)";

    private static readonly Dictionary<string, (DiffOp Op, int Arity)> MathFunctions = new(StringComparer.Ordinal)
    {
        ["Sin"] = (DiffOp.Sin, 1), ["Cos"] = (DiffOp.Cos, 1), ["Tan"] = (DiffOp.Tan, 1),
        ["Asin"] = (DiffOp.Asin, 1), ["Acos"] = (DiffOp.Acos, 1), ["Atan"] = (DiffOp.Atan, 1),
        ["Sinh"] = (DiffOp.Sinh, 1), ["Cosh"] = (DiffOp.Cosh, 1), ["Tanh"] = (DiffOp.Tanh, 1),
        ["Exp"] = (DiffOp.Exp, 1), ["Log"] = (DiffOp.Log, 1), ["Log10"] = (DiffOp.Log10, 1),
        ["Sqrt"] = (DiffOp.Sqrt, 1), ["Pow"] = (DiffOp.Pow, 2), ["Abs"] = (DiffOp.Abs, 1),
        ["Min"] = (DiffOp.Min, 2), ["Max"] = (DiffOp.Max, 2),
    };

    private readonly SemanticModel _model;
    private readonly CancellationToken _cancellationToken;
    private readonly List<DiffNode> _nodes = new();
    private readonly List<DiffLocal> _locals = new();
    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Dictionary<ISymbol, int> _symbols = new(SymbolEqualityComparer.Default);
    private readonly Stack<string> _guards = new();
    private readonly HashSet<ISymbol> _failed = new(SymbolEqualityComparer.Default);

    // The syntax of each division and Math call node, for NG0105's location (the graph keeps none).
    private readonly Dictionary<int, SyntaxNode> _syntaxOf = new();
    private ITypeSymbol _type = null!;
    private string _prefix = "";
    private int _temps;

    // A network's activation (float x, then float constants bound to _constants) or loss (two float
    // parameters, prediction and target) needs no partial containing type: nothing is added to it.
    private DiffMode _mode = DiffMode.Differentiate;
    private IReadOnlyList<float> _constants = Array.Empty<float>();

    private DiffParser(SemanticModel model, CancellationToken cancellationToken)
    {
        _model = model;
        _cancellationToken = cancellationToken;
    }

    public static DiffParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            var parser = new DiffParser(context.SemanticModel, cancellationToken);
            DiffSpec? spec = parser.ParseMethod((MethodDeclarationSyntax)context.TargetNode, (IMethodSymbol)context.TargetSymbol);
            return new DiffParseResult(parser._diagnostics.Count == 0 ? spec : null, parser._diagnostics.ToEquatableArray());
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            var internalError = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, context.TargetNode.GetLocation(), context.TargetSymbol.Name, ex.GetType().Name + ": " + ex.Message);
            return new DiffParseResult(null, new[] { internalError }.ToEquatableArray());
        }
    }

    /// <summary>
    /// The graph of a method a network uses as its activation (<c>static float F(float x)</c>), or
    /// diagnostics: the same subset and the same NG0100–NG0103 as [Differentiate], located in the
    /// method. Its type need not be partial: nothing is added to it. Parameters after x are bound to
    /// <paramref name="constants"/> (one value each, checked by the caller): each becomes a Constant node,
    /// so the graph, and f and f′, are specialised to those values.
    /// </summary>
    public static DiffParseResult ParseActivation(SemanticModel anyModel, IMethodSymbol method, IReadOnlyList<float> constants, CancellationToken cancellationToken) =>
        ParseIn(DiffMode.Activation, constants, anyModel, method, cancellationToken);

    /// <summary>
    /// The graph of a [Differentiate] method a custom function calls (for its ONNX export and
    /// fingerprint), or null: its problems are reported by the [Differentiate] generator, not here.
    /// </summary>
    public static DiffSpec? ParseCallee(SemanticModel anyModel, IMethodSymbol method, CancellationToken cancellationToken) =>
        ParseIn(DiffMode.Differentiate, Array.Empty<float>(), anyModel, method, cancellationToken).Spec;

    /// <summary>
    /// The graph of a method a network uses as its loss (<c>static float L(float prediction, float target)</c>),
    /// or diagnostics: the same subset and the same NG0100–NG0103 as [Differentiate], located in the method.
    /// Its type need not be partial: nothing is added to it.
    /// </summary>
    public static DiffParseResult ParseLoss(SemanticModel anyModel, IMethodSymbol method, CancellationToken cancellationToken) =>
        ParseIn(DiffMode.Loss, Array.Empty<float>(), anyModel, method, cancellationToken);

    /// <summary>
    /// Parses <paramref name="method"/>, found through a network (not a [Differentiate] syntax context),
    /// in <paramref name="mode"/>: its declaration, in that declaration's own syntax tree's semantic model.
    /// The graph only when nothing is wrong (no diagnostics); a network's activation or loss then also gets
    /// its NaN-prone operations (NG0105, warnings), its parameters ranging over every real. A method with no
    /// declaration (metadata, mid-edit) is neither a graph nor a diagnostic.
    /// </summary>
    private static DiffParseResult ParseIn(DiffMode mode, IReadOnlyList<float> constants, SemanticModel anyModel, IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration)
        {
            return new DiffParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        SemanticModel model = declaration.SyntaxTree == anyModel.SyntaxTree ? anyModel : anyModel.Compilation.GetSemanticModel(declaration.SyntaxTree);
        var parser = new DiffParser(model, cancellationToken) { _mode = mode, _constants = constants };
        DiffSpec? spec = parser.ParseMethod(declaration, method);
        if (spec is null || parser._diagnostics.Count > 0)
        {
            return new DiffParseResult(null, parser._diagnostics.ToEquatableArray());
        }

        if (mode != DiffMode.Differentiate)
        {
            parser._diagnostics.AddRange(DomainWarnings.For(spec, spec.Parameters.Select(_ => Interval.All).ToList(), parser._syntaxOf));
        }

        return new DiffParseResult(spec, parser._diagnostics.ToEquatableArray());
    }

    private void Report(DiagnosticDescriptor descriptor, SyntaxNode node, params string[] args) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, node.GetLocation(), args));

    private DiffSpec? ParseMethod(MethodDeclarationSyntax declaration, IMethodSymbol method)
    {
        SyntaxNode where = declaration.Identifier.Parent ?? declaration;
        Location nameLocation = declaration.Identifier.GetLocation();
        if (declaration.Identifier.IsMissing || method.ContainingType is null || ContainingTypes.HasMissingName(method.ContainingType))
        {
            return null; // Mid-edit: a method, class or namespace with no name yet. The compiler says so.
        }

        string? problem = null;
        if (!method.IsStatic)
        {
            problem = "it must be static";
        }
        else if (method.IsGenericMethod)
        {
            problem = "it must not be generic";
        }
        else if (method.Parameters.Length == 0)
        {
            problem = "it needs at least one parameter to differentiate with respect to";
        }
        else if (method.ReturnType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single))
        {
            problem = "it must return double or float";
        }
        else if (method.Parameters.FirstOrDefault(p => !SymbolEqualityComparer.Default.Equals(p.Type, method.ReturnType) || p.RefKind != RefKind.None || p.IsParams) is { } odd)
        {
            problem = _mode == DiffMode.Activation
                ? $"parameter '{odd.Name}' is not a plain float: {ActivationSignatureProblem}"
                : $"every parameter must be a plain {method.ReturnType.ToDisplayString()}, the type it returns";
        }
        else if (_mode == DiffMode.Activation && (method.ReturnType.SpecialType != SpecialType.System_Single || method.Parameters.Length != 1 + _constants.Count))
        {
            problem = ActivationSignatureProblem;
        }
        else if (_mode == DiffMode.Loss && (method.ReturnType.SpecialType != SpecialType.System_Single || method.Parameters.Length != 2))
        {
            problem = LossSignatureProblem;
        }
        else if (declaration.Body is null && declaration.ExpressionBody is null)
        {
            problem = "it needs a body (an expression or straight-line code)";
        }

        EquatableArray<string>? containing = null;
        if (problem is null && _mode != DiffMode.Differentiate)
        {
            containing = EquatableArray<string>.Empty;
        }
        else if (problem is null)
        {
            containing = ContainingTypes.Declarations(method.ContainingType, _cancellationToken, out string? reason);
            if (containing is null)
            {
                problem = reason + ", so that the gradient can be added to it";
            }
        }

        if (problem is not null)
        {
            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DifferentiateUnsupportedMethod, nameLocation, method.Name, problem));
            return null;
        }

        _type = method.ReturnType;
        // Names go into the model as code writes them: a parameter or local named @in is "@in".
        var parameters = method.Parameters.Take(_mode == DiffMode.Activation ? 1 : method.Parameters.Length).Select(p => Identifiers.Escape(p.Name)).ToList();
        var userNames = new HashSet<string>(method.Parameters.Select(p => p.Name), StringComparer.Ordinal);
        foreach (VariableDeclaratorSyntax local in declaration.DescendantNodes().OfType<VariableDeclaratorSyntax>())
        {
            userNames.Add(local.Identifier.ValueText);
        }

        // Generated names (t1, c1, p1_0, d_x) must not collide with the user's: prefix them with '_' if any could.
        if (userNames.Any(n => n.StartsWith("d_", StringComparison.Ordinal) || (n.Length > 1 && (n[0] is 't' or 'c' or 'p') && char.IsDigit(n[1]))))
        {
            _prefix = "_";
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            _symbols[parameter] = parameter.Ordinal == 0 || _mode != DiffMode.Activation
                ? Add(DiffOp.Parameter, Array.Empty<int>(), Identifiers.Escape(parameter.Name), parameter.Name, "")
                : Add(DiffOp.Constant, Array.Empty<int>(), "(" + Literal(_constants[parameter.Ordinal - 1]) + ")",
                    parameter.Name + " = " + _constants[parameter.Ordinal - 1].ToString("R", CultureInfo.InvariantCulture), ""); // a constant parameter, bound
        }

        int output = -1;
        if (declaration.ExpressionBody is { } arrow)
        {
            output = Lower(arrow.Expression);
        }
        else
        {
            SyntaxList<StatementSyntax> statements = declaration.Body!.Statements;
            for (int i = 0; i < statements.Count; i++)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                StatementSyntax statement = statements[i];
                if (statement is LocalDeclarationStatementSyntax local && !local.IsConst && local.UsingKeyword == default)
                {
                    foreach (VariableDeclaratorSyntax variable in local.Declaration.Variables)
                    {
                        if (variable.Initializer is null)
                        {
                            Report(DiagnosticDescriptors.DifferentiateUnsupportedStatement, variable, "a local without an initializer (declare each local with its value)");
                            continue;
                        }

                        ISymbol? declared = _model.GetDeclaredSymbol(variable, _cancellationToken);
                        if (declared is not ILocalSymbol symbol || !SymbolEqualityComparer.Default.Equals(symbol.Type, _type))
                        {
                            Report(DiagnosticDescriptors.DifferentiateUnsupportedStatement, variable, $"a local that is not a {_type.ToDisplayString()}");
                            if (declared is not null)
                            {
                                _failed.Add(declared); // its uses are not reported again
                            }

                            continue;
                        }

                        int value = Lower(variable.Initializer.Value);
                        if (value < 0)
                        {
                            _failed.Add(symbol);
                            continue;
                        }

                        string name = variable.Identifier.ValueText;
                        string label = name + " = " + Label(variable.Initializer.Value);
                        int node;
                        if (value == _nodes.Count - 1 && _nodes[value].Op is not (DiffOp.Parameter or DiffOp.Constant or DiffOp.Copy))
                        {
                            // The initializer's own node (nothing refers to it yet) takes the local's name.
                            _nodes[value] = _nodes[value] with { Name = Identifiers.Escape(name), Label = label };
                            node = value;
                        }
                        else
                        {
                            node = Add(DiffOp.Copy, new[] { value }, Identifiers.Escape(name), label, "");
                        }

                        _symbols[symbol] = node;
                        _locals.Add(new DiffLocal(name, node));
                    }
                }
                else if (statement is ReturnStatementSyntax { Expression: { } returned } && i == statements.Count - 1)
                {
                    output = Lower(returned);
                }
                else
                {
                    Report(DiagnosticDescriptors.DifferentiateUnsupportedStatement, statement, Describe(statement) + " (only local declarations and a final return are straight-line code)");
                }
            }

            if (output < 0 && _diagnostics.Count == 0)
            {
                Report(DiagnosticDescriptors.DifferentiateUnsupportedStatement, declaration.Body, "a body without a final return statement");
            }
        }

        if (_diagnostics.Count > 0 || output < 0)
        {
            return null;
        }

        // The output needs a name of its own (the adjoint seed), even when it is a parameter or a constant.
        if (_nodes[output].Op is DiffOp.Parameter or DiffOp.Constant)
        {
            output = Add(DiffOp.Copy, new[] { output }, Temp(), "the result", "");
        }

        return new DiffSpec(
            Identifiers.Namespace(method.ContainingNamespace),
            containing!.Value,
            AccessibilityText(method.DeclaredAccessibility),
            method.Name,
            _type.SpecialType == SpecialType.System_Single ? "float" : "double",
            parameters.ToEquatableArray(),
            _nodes.ToEquatableArray(),
            _locals.ToEquatableArray(),
            output,
            Identifiers.DisplayName(method));
    }

    private int Add(DiffOp op, int[] args, string name, string label, string text)
    {
        _nodes.Add(new DiffNode(op, args.ToEquatableArray(), name, label, Guard(), text));
        return _nodes.Count - 1;
    }

    private string Guard() => _guards.Count == 0 ? "" : string.Join(" && ", _guards.Reverse());

    private string Temp() => _prefix + "t" + (++_temps).ToString(CultureInfo.InvariantCulture);

    private string Label(SyntaxNode node)
    {
        string text = string.Join(" ", node.ToString().Split(new[] { '\r', '\n', '\t', ' ' }, StringSplitOptions.RemoveEmptyEntries));
        return text.Length > 60 ? text.Substring(0, 57) + "..." : text;
    }

    /// <summary>Lowers a value expression to a node; -1 (with a diagnostic) if it is not supported.</summary>
    private int Lower(ExpressionSyntax expression)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Lower(parenthesized.Expression);

            case CastExpressionSyntax cast when _model.GetTypeInfo(cast.Type, _cancellationToken).Type?.SpecialType is SpecialType.System_Double or SpecialType.System_Single:
                return Lower(cast.Expression);

            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryPlusExpression } plus:
                return Lower(plus.Operand);

            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } minus:
            {
                int operand = Lower(minus.Operand);
                return operand < 0 ? -1 : Add(DiffOp.Negate, new[] { operand }, Temp(), Label(minus), "");
            }

            case BinaryExpressionSyntax binary when binary.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression or SyntaxKind.DivideExpression:
            {
                if (!IsNumeric(binary))
                {
                    Report(DiagnosticDescriptors.DifferentiateUnsupportedExpression, binary, Label(binary), "an operation on a value that is not a number");
                    return -1;
                }

                int left = Lower(binary.Left);
                int right = Lower(binary.Right);
                if (left < 0 || right < 0)
                {
                    return -1;
                }

                DiffOp op = binary.Kind() switch
                {
                    SyntaxKind.AddExpression => DiffOp.Add,
                    SyntaxKind.SubtractExpression => DiffOp.Subtract,
                    SyntaxKind.MultiplyExpression => DiffOp.Multiply,
                    _ => DiffOp.Divide,
                };
                int result = Add(op, new[] { left, right }, Temp(), Label(binary), "");
                _syntaxOf[result] = binary;
                return result;
            }

            case ConditionalExpressionSyntax conditional:
            {
                int condition = LowerCondition(conditional.Condition);
                if (condition < 0)
                {
                    return -1;
                }

                string c = _nodes[condition].Name;
                _guards.Push(c);
                int whenTrue = Lower(conditional.WhenTrue);
                _guards.Pop();
                _guards.Push("!" + c);
                int whenFalse = Lower(conditional.WhenFalse);
                _guards.Pop();
                return whenTrue < 0 || whenFalse < 0 ? -1 : Add(DiffOp.Conditional, new[] { condition, whenTrue, whenFalse }, Temp(), Label(conditional), "");
            }

            case InvocationExpressionSyntax invocation:
                return LowerCall(invocation);

            case IdentifierNameSyntax or MemberAccessExpressionSyntax or LiteralExpressionSyntax:
            {
                Optional<object?> constant = _model.GetConstantValue(expression, _cancellationToken);
                if (constant.HasValue && constant.Value is double or float or int or long or short or byte or decimal or uint or ulong)
                {
                    string text = expression is LiteralExpressionSyntax literal ? literal.Token.Text : "(" + Literal(Convert.ToDouble(constant.Value, CultureInfo.InvariantCulture)) + ")";
                    return Add(DiffOp.Constant, Array.Empty<int>(), text, Label(expression), "");
                }

                ISymbol? symbol = _model.GetSymbolInfo(expression, _cancellationToken).Symbol;
                if (symbol is not null && _symbols.TryGetValue(symbol, out int node))
                {
                    return node;
                }

                if (symbol is not null && _failed.Contains(symbol))
                {
                    return -1;
                }

                Report(DiagnosticDescriptors.DifferentiateUnsupportedExpression, expression, Label(expression),
                    symbol is null ? "not a parameter, local or constant" : $"a {symbol.Kind.ToString().ToLowerInvariant()} that is not a constant (only parameters, locals and constants can be read)");
                return -1;
            }

            default:
                Report(DiagnosticDescriptors.DifferentiateUnsupportedExpression, expression, Label(expression), Describe(expression));
                return -1;
        }
    }

    private bool IsNumeric(ExpressionSyntax expression) =>
        _model.GetTypeInfo(expression, _cancellationToken).Type?.SpecialType is SpecialType.System_Double or SpecialType.System_Single
            or SpecialType.System_Int32 or SpecialType.System_Int64;

    private string Literal(double value)
    {
        string text = _type.SpecialType == SpecialType.System_Single
            ? ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f"
            : value.ToString("R", CultureInfo.InvariantCulture) + "d";
        return text.Replace("E", "e");
    }

    private int LowerCondition(ExpressionSyntax condition)
    {
        switch (condition)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return LowerCondition(parenthesized.Expression);

            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
            {
                int operand = LowerCondition(not.Operand);
                return operand < 0 ? -1 : Add(DiffOp.Not, new[] { operand }, _prefix + "c" + (++_temps).ToString(CultureInfo.InvariantCulture), Label(not), "");
            }

            case BinaryExpressionSyntax logical when logical.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression:
            {
                int left = LowerCondition(logical.Left);
                int right = LowerCondition(logical.Right);
                return left < 0 || right < 0 ? -1 : Add(logical.Kind() == SyntaxKind.LogicalAndExpression ? DiffOp.And : DiffOp.Or, new[] { left, right },
                    _prefix + "c" + (++_temps).ToString(CultureInfo.InvariantCulture), Label(logical), "");
            }

            case BinaryExpressionSyntax comparison when comparison.Kind() is SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression
                or SyntaxKind.GreaterThanExpression or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression
                && IsNumeric(comparison.Left) && IsNumeric(comparison.Right):
            {
                int left = Lower(comparison.Left);
                int right = Lower(comparison.Right);
                return left < 0 || right < 0 ? -1 : Add(DiffOp.Compare, new[] { left, right },
                    _prefix + "c" + (++_temps).ToString(CultureInfo.InvariantCulture), Label(comparison), comparison.OperatorToken.Text);
            }

            default:
                Report(DiagnosticDescriptors.DifferentiateUnsupportedExpression, condition, Label(condition), "a condition other than a comparison of numbers, !, && or ||");
                return -1;
        }
    }

    private int LowerCall(InvocationExpressionSyntax invocation)
    {
        if (_model.GetSymbolInfo(invocation, _cancellationToken).Symbol is not IMethodSymbol method)
        {
            Report(DiagnosticDescriptors.DifferentiateUnsupportedCall, invocation, Label(invocation), "the call does not resolve to a method");
            return -1;
        }

        string containing = method.ContainingType?.ToDisplayString() ?? "";
        if ((containing == "System.Math" || containing == "System.MathF") && MathFunctions.TryGetValue(method.Name, out var function))
        {
            if (invocation.ArgumentList.Arguments.Count != function.Arity)
            {
                Report(DiagnosticDescriptors.DifferentiateUnsupportedCall, invocation, Label(invocation), $"{containing}.{method.Name} with {invocation.ArgumentList.Arguments.Count} arguments (supported: {function.Arity})");
                return -1;
            }

            if (method.ReturnType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single))
            {
                Report(DiagnosticDescriptors.DifferentiateUnsupportedCall, invocation, Label(invocation), $"{containing}.{method.Name} on a type other than double or float");
                return -1;
            }

            int[] args = invocation.ArgumentList.Arguments.Select(a => Lower(a.Expression)).ToArray();
            if (args.Any(a => a < 0))
            {
                return -1;
            }

            int result = Add(function.Op, args, Temp(), Label(invocation), "");
            _syntaxOf[result] = invocation;
            return result;
        }

        bool differentiable = method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeName);
        if (differentiable && method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ReturnType, _type)
            && method.Parameters.All(p => SymbolEqualityComparer.Default.Equals(p.Type, _type)))
        {
            int[] args = invocation.ArgumentList.Arguments.Select(a => Lower(a.Expression)).ToArray();
            if (args.Any(a => a < 0))
            {
                return -1;
            }

            string callee = "global::" + Identifiers.QualifiedName(method.ContainingType!) + "." + method.Name + "Gradient";
            return Add(DiffOp.Call, args, Temp(), Label(invocation), callee);
        }

        Report(DiagnosticDescriptors.DifferentiateUnsupportedCall, invocation, Label(invocation),
            differentiable
                ? $"'{method.Name}' is [Differentiate] but works on {method.ReturnType.ToDisplayString()}, not {_type.ToDisplayString()}"
                : $"'{containing}.{method.Name}' is neither a supported Math function nor a [Differentiate] method");
        return -1;
    }

    private static string Describe(SyntaxNode node) => node switch
    {
        IfStatementSyntax => "an if statement (use a conditional expression: c ? a : b)",
        ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax => "a loop",
        ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax } => "an assignment (each local is declared once with its value)",
        ExpressionStatementSyntax => "an expression statement",
        ReturnStatementSyntax => "a return before the end",
        AssignmentExpressionSyntax => "an assignment inside an expression",
        PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax => "an increment, decrement or other unary operator",
        BinaryExpressionSyntax binary => $"the operator '{binary.OperatorToken.Text}'",
        ElementAccessExpressionSyntax => "an array or indexer access",
        ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax => "an object creation",
        LambdaExpressionSyntax => "a lambda",
        _ => "a " + node.Kind().ToString(),
    };

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };
}
