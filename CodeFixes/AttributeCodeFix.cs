using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixes;

/// <summary>One rewrite of one attribute: applied to the attribute as the earlier edits of the same fix left it.</summary>
internal sealed class AttributeEdit(AttributeSyntax target, Func<AttributeSyntax, AttributeSyntax> apply)
{
    public AttributeSyntax Target { get; } = target;

    public Func<AttributeSyntax, AttributeSyntax> Apply { get; } = apply;
}

/// <summary>One fix offered for a diagnostic: its title, its equivalence key (what Fix All groups by) and its edits.</summary>
internal sealed class AttributeFix(string title, string equivalenceKey, IReadOnlyList<AttributeEdit> edits)
{
    public string Title { get; } = title;

    public string EquivalenceKey { get; } = equivalenceKey;

    public IReadOnlyList<AttributeEdit> Edits { get; } = edits;
}

/// <summary>
/// A code fix that rewrites NetGen's attributes. A subclass says which fixes a diagnostic gets
/// (<see cref="FixesFor"/>), read from the attributes of the document as it is; this class registers them
/// and applies them: one fix, or for Fix All every fix with the chosen equivalence key in a document at
/// once, the edits of each attribute composed in order (so two fixes that touch one attribute, such as
/// removing two ignored arguments of one [Training], both apply).
/// </summary>
public abstract class AttributeCodeFix : CodeFixProvider
{
    /// <summary>The fixes for one diagnostic, none when no fix is valid for it.</summary>
    internal abstract IEnumerable<AttributeFix> FixesFor(SemanticModel model, SyntaxNode root, Diagnostic diagnostic, CancellationToken cancellationToken);

    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            foreach (AttributeFix fix in FixesFor(model, root, diagnostic, context.CancellationToken))
            {
                Document document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(fix.Title, _ => Task.FromResult(Apply(document, root, new[] { fix })), fix.EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        List<AttributeFix> fixes = diagnostics
            .SelectMany(diagnostic => FixesFor(model, root, diagnostic, context.CancellationToken))
            .Where(fix => fix.EquivalenceKey == context.CodeActionEquivalenceKey)
            .ToList();
        return fixes.Count == 0 ? null : Apply(document, root, fixes);
    }

    private static Document Apply(Document document, SyntaxNode root, IEnumerable<AttributeFix> fixes)
    {
        ILookup<AttributeSyntax, AttributeEdit> edits = fixes.SelectMany(fix => fix.Edits).ToLookup(edit => edit.Target);
        SyntaxNode fixedRoot = root.ReplaceNodes(
            edits.Select(group => group.Key),
            (original, current) => edits[original].Aggregate(current, (attribute, edit) => edit.Apply(attribute)));
        return document.WithSyntaxRoot(fixedRoot);
    }
}
