using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// The declarations generated code must repeat to add members to a type: the innermost type
/// and every type containing it, outermost first ("partial class Outer"). Used by the ONNX importer and
/// [Differentiate]; the network parser reports its own, more specific diagnostics.
/// </summary>
internal static class ContainingTypes
{
    /// <summary>
    /// The declarations, or null with <paramref name="problem"/> saying which type cannot be added to
    /// and why (not partial, generic, or file-local), for the caller's message.
    /// </summary>
    public static EquatableArray<string>? Declarations(INamedTypeSymbol? innermost, CancellationToken cancellationToken, out string? problem)
    {
        var declarations = new List<string>();
        for (INamedTypeSymbol? type = innermost; type is not null; type = type.ContainingType)
        {
            bool partial = type.DeclaringSyntaxReferences.All(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));
            problem = !partial ? $"its containing type '{type.Name}' must be partial"
                : type.TypeParameters.Length > 0 ? $"its containing type '{type.Name}' must not be generic"
                : type.IsFileLocal ? $"its containing type '{type.Name}' is file-local ('file'), and generated code, in another file, cannot add to it; remove 'file'"
                : null;
            if (problem is not null)
            {
                return null;
            }

            string keyword = type.IsRecord ? (type.TypeKind == TypeKind.Struct ? "record struct" : "record")
                : type.TypeKind switch { TypeKind.Struct => "struct", TypeKind.Interface => "interface", _ => "class" };
            declarations.Insert(0, (type.IsStatic ? "static " : "") + "partial " + keyword + " " + Identifiers.Escape(type.Name));
        }

        problem = null;
        return declarations.ToEquatableArray();
    }

    /// <summary>Whether the type, a type containing it or a namespace around it has no name yet (e.g. <c>namespace" Models</c> mid-edit).</summary>
    public static bool HasMissingName(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (t.Name.Length == 0)
            {
                return true;
            }
        }

        for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (ns.Name.Length == 0)
            {
                return true;
            }
        }

        return false;
    }
}
