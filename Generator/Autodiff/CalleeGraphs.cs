using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;

namespace NetGen.Generator.Autodiff;

/// <summary>
/// The graphs of the [Differentiate] methods a custom function calls, directly or through other
/// callees, each once: what the ONNX export inlines and the fingerprint hashes. A call cycle is
/// refused (NG0103 on the call that closes it): the generated code would recurse without end.
/// </summary>
internal static class CalleeGraphs
{
    /// <summary>The callee text a Call node holds for <paramref name="method"/> (its generated <c>…Gradient</c>).</summary>
    public static string CalleeText(IMethodSymbol method) =>
        "global::" + Identifiers.QualifiedName(method.ContainingType) + "." + method.Name + "Gradient";

    /// <summary>
    /// The callees' graphs, or null after adding the recursion diagnostic to <paramref name="diagnostics"/>.
    /// A callee that does not parse is left out: its problems are the [Differentiate] generator's to report.
    /// </summary>
    public static EquatableArray<CalleeGraph>? Collect(SemanticModel anyModel, IMethodSymbol root, CancellationToken cancellationToken, List<DiagnosticInfo> diagnostics)
    {
        var graphs = new List<CalleeGraph>();
        var done = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var path = new List<IMethodSymbol>();
        return Visit(root) ? graphs.ToEquatableArray() : null;

        bool Visit(IMethodSymbol method)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration)
            {
                return true;
            }

            SemanticModel model = declaration.SyntaxTree == anyModel.SyntaxTree ? anyModel : anyModel.Compilation.GetSemanticModel(declaration.SyntaxTree);
            path.Add(method);
            foreach (InvocationExpressionSyntax invocation in declaration.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol callee
                    || !callee.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DiffParser.AttributeName))
                {
                    continue;
                }

                callee = callee.OriginalDefinition;
                int cycle = path.FindIndex(m => SymbolEqualityComparer.Default.Equals(m, callee));
                if (cycle >= 0)
                {
                    string chain = string.Join(" → ", path.Skip(cycle).Select(m => m.Name).Concat(new[] { callee.Name }));
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DifferentiateUnsupportedCall, invocation.GetLocation(),
                        invocation.ToString(), $"a recursive call ({chain}): the generated code would never end"));
                    return false;
                }

                if (!done.Add(callee))
                {
                    continue;
                }

                if (!Visit(callee))
                {
                    return false;
                }

                if (DiffParser.ParseCallee(anyModel, callee, cancellationToken) is { } graph)
                {
                    graphs.Add(new CalleeGraph(CalleeText(callee), graph));
                }
            }

            path.RemoveAt(path.Count - 1);
            return true;
        }
    }
}
