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
/// NG0006 ("the loss does not fit the output activation": <c>Loss.CrossEntropy</c> needs a Softmax output
/// layer, <c>Loss.BinaryCrossEntropy</c> a Sigmoid one). Two fixes, each offered only where its result builds clean:
/// <list type="bullet">
/// <item><b>the output activation the loss needs</b>: the last [Dense] gets <c>Activation.Softmax</c> (or
/// <c>Sigmoid</c>), its <c>Alpha</c> and <c>Arguments</c> removed; not for Softmax on a one-unit output
/// (it would always be 1).</item>
/// <item><b>the loss the output activation needs</b>: a Softmax output (two units or more) gets
/// <c>Loss.CrossEntropy</c>, a Sigmoid one <c>Loss.BinaryCrossEntropy</c>; no loss needs any other
/// activation, so nothing else is offered.</item>
/// </list>
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(LossActivationCodeFix)), Shared]
public sealed class LossActivationCodeFix : AttributeCodeFix
{
    /// <summary>The diagnostic this fixes (Generator/Diagnostics/DiagnosticDescriptors.cs, LossNeedsOutputActivation).</summary>
    public const string DiagnosticId = "NG0006";

    /// <summary>The equivalence key of "change the output activation to the one the loss needs".</summary>
    public const string UseActivationKey = "NG0006.UseTheActivationTheLossNeeds";

    /// <summary>The equivalence key of "change the loss to the one the output activation needs".</summary>
    public const string UseLossKey = "NG0006.UseTheLossTheActivationNeeds";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticId);

    internal override IEnumerable<AttributeFix> FixesFor(SemanticModel model, SyntaxNode root, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        // NG0006 is reported on the loss, the first argument of [Training].
        if (NetworkSyntax.AttributeAt(root, diagnostic.Location.SourceSpan) is not { } training
            || !NetworkSyntax.Is(model, training, NetworkSyntax.TrainingAttribute)
            || NetworkSyntax.DeclarationOf(training) is not { } declaration
            || NetworkSyntax.Loss(model, training) is not { } loss
            || NetworkSyntax.Attributes(model, declaration, NetworkSyntax.DenseAttribute) is not { Count: > 0 } layers)
        {
            yield break;
        }

        AttributeSyntax output = layers[layers.Count - 1];
        (int? units, string? activation) = NetworkSyntax.Layer(model, output);
        if (NetworkSyntax.RequiredOutput.TryGetValue(loss, out string? required) && required != activation
            && !(required == "Softmax" && units is not > 1))
        {
            bool enumMember = activation is not null && NetworkSyntax.Positional(output).Count >= 2;
            yield return new AttributeFix(
                $"Use Activation.{required} on the output layer (Loss.{loss} needs it)",
                UseActivationKey,
                new[] { new AttributeEdit(output, current => NetworkSyntax.WithActivation(current, required, enumMember)) });
        }

        string? fitting = NetworkSyntax.RequiredOutput.FirstOrDefault(pair => pair.Value == activation).Key;
        if (fitting is not null && fitting != loss && !(activation == "Softmax" && units is not > 1))
        {
            yield return new AttributeFix(
                $"Use Loss.{fitting} for the {activation} output",
                UseLossKey,
                new[] { new AttributeEdit(training, current => WithLoss(current, fitting)) });
        }
    }

    private static AttributeSyntax WithLoss(AttributeSyntax training, string loss)
    {
        if (NetworkSyntax.Positional(training) is not { Count: > 0 } positional)
        {
            return training;
        }

        AttributeArgumentSyntax first = positional[0];
        return training.ReplaceNode(first, first.WithExpression(NetworkSyntax.WithEnumMember(first.Expression, "Loss", loss, oldIsEnumMember: true)));
    }
}
