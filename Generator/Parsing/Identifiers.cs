using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Parsing;

/// <summary>
/// The user's names as generated code must write them. A symbol's <see cref="ISymbol.Name"/> is the
/// identifier's value: <c>@class</c> and <c>\u0063lass</c> are both "class", which written back
/// as-is is the keyword, not the name. Every name the generator writes into code goes through
/// <see cref="Escape"/> here, at the parse step, so the model carries names ready to print.
/// </summary>
internal static class Identifiers
{
    /// <summary>
    /// The identifier as source text: prefixed with <c>@</c> when it is a keyword, reserved (<c>class</c>,
    /// <c>in</c>) or contextual (<c>var</c>, <c>record</c>, <c>file</c>, <c>required</c>…: several of
    /// them cannot name a type unescaped, and <c>var</c> or <c>nameof</c> would change meaning).
    /// <c>@</c> before any other identifier would be legal too, but is left out for readability.
    /// </summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;

    /// <summary>The namespace as a <c>namespace</c> declaration writes it (<c>@event.@class</c>), or null for the global namespace.</summary>
    public static string? Namespace(INamespaceSymbol? ns) =>
        ns is null || ns.IsGlobalNamespace ? null : string.Join(".", Parts(ns, escape: true));

    /// <summary>The type's namespace-qualified name as code writes it (<c>@event.Outer.@class</c>), without <c>global::</c>.</summary>
    public static string QualifiedName(INamedTypeSymbol type) => string.Join(".", Parts(type, escape: true));

    /// <summary>
    /// The symbol's qualified name as the user reads it (<c>event.Outer.class</c>), for comments,
    /// messages and hint names (which accept every identifier character, but not <c>@</c>).
    /// </summary>
    public static string DisplayName(ISymbol symbol) => string.Join(".", Parts(symbol, escape: false));

    /// <summary>The names from the outermost namespace in to <paramref name="symbol"/>.</summary>
    private static List<string> Parts(ISymbol symbol, bool escape)
    {
        var parts = new List<string>();
        for (ISymbol? s = symbol; s is not null && s is not INamespaceSymbol { IsGlobalNamespace: true }; s = s.ContainingSymbol)
        {
            parts.Insert(0, escape ? Escape(s.Name) : s.Name);
        }

        return parts;
    }
}
