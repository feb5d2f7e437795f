using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace NetGen.CodeFixes;

/// <summary>
/// NG0029 ("Dropout on the output layer", on the <c>Dropout</c> argument of the last [Dense]): removes that
/// argument. Dropout on the output would zero predictions in training; without it the network trains as
/// declared otherwise. Putting dropout on a hidden layer instead is a choice of rate and layer the fix
/// does not guess.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveOutputDropoutCodeFix)), Shared]
public sealed class RemoveOutputDropoutCodeFix : AttributeCodeFix
{
    /// <summary>The diagnostic this fixes (Generator/Diagnostics/DiagnosticDescriptors.cs, DropoutOnOutputLayer).</summary>
    public const string DiagnosticId = "NG0029";

    /// <summary>The equivalence key.</summary>
    public const string RemoveKey = "NG0029.RemoveDropoutFromTheOutputLayer";

    /// <summary>The code action's title.</summary>
    public const string Title = "Remove Dropout from the output layer";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticId);

    internal override IEnumerable<AttributeFix> FixesFor(SemanticModel model, SyntaxNode root, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        RemoveIgnoredSettingCodeFix.RemoveNamedArgument(root, diagnostic, _ => Title, RemoveKey);
}
