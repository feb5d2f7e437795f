using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixes;

/// <summary>
/// NG0026 ("a setting the network does not use", on the named argument: <c>Momentum = 0.9f</c> with Adam,
/// <c>Threads</c> without [Training], <c>Alpha</c> on ReLU, …): removes that argument from its attribute,
/// with the comma that separated it, the rest of the attribute's layout unchanged. The code generated does
/// not change: the setting was ignored.
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(RemoveIgnoredSettingCodeFix)), Shared]
public sealed class RemoveIgnoredSettingCodeFix : AttributeCodeFix
{
    /// <summary>The diagnostic this fixes (Generator/Diagnostics/DiagnosticDescriptors.cs, IgnoredSetting).</summary>
    public const string DiagnosticId = "NG0026";

    /// <summary>The equivalence key: Fix All removes every ignored setting in its scope.</summary>
    public const string RemoveKey = "NG0026.RemoveTheIgnoredSetting";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticId);

    internal override IEnumerable<AttributeFix> FixesFor(SemanticModel model, SyntaxNode root, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        RemoveNamedArgument(root, diagnostic, name => $"Remove {name}, which the network does not use", RemoveKey);

    /// <summary>
    /// The fix that removes the named argument the diagnostic is exactly on (nothing when it is on anything
    /// else): with the comma that separated it, the rest of the attribute's layout unchanged.
    /// </summary>
    internal static IEnumerable<AttributeFix> RemoveNamedArgument(SyntaxNode root, Diagnostic diagnostic, System.Func<string, string> title, string equivalenceKey)
    {
        AttributeArgumentSyntax? argument = NetworkSyntax.NodeAt(root, diagnostic.Location.SourceSpan)?
            .AncestorsAndSelf().OfType<AttributeArgumentSyntax>().FirstOrDefault();
        if (argument is not { NameEquals: { } nameEquals } || argument.Span != diagnostic.Location.SourceSpan
            || argument.Parent?.Parent is not AttributeSyntax attribute)
        {
            yield break;
        }

        string name = nameEquals.Name.Identifier.ValueText;
        yield return new AttributeFix(
            title(name),
            equivalenceKey,
            new[] { new AttributeEdit(attribute, current => NetworkSyntax.WithoutNamed(current, name)) });
    }
}
