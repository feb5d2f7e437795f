using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixes;

/// <summary>
/// NG0005 ("Softmax and LogSoftmax are for the output layer", on a hidden layer's activation). Two fixes:
/// <list type="bullet">
/// <item><b>move it to the output layer</b>, offered when the output layer has no activation (Identity,
/// written or left out) and at least two units, and the loss takes that output (no [Training], a loss that
/// needs no particular activation, or <c>Loss.CrossEntropy</c> for Softmax): the output layer gets the
/// Softmax (or LogSoftmax) and the hidden layer <c>Activation.ReLU</c>. This is the mistake of putting the
/// classifier's Softmax one layer too early; a hidden layer without activation would make the two layers
/// one linear map, so it gets ReLU rather than the output's Identity.</item>
/// <item><b>use ReLU on the hidden layer</b>, always: what the diagnostic asks for ("use another activation
/// for hidden layers"), the output layer unchanged (e.g. when it already has Softmax).</item>
/// </list>
/// Either way the rewritten layers lose <c>Alpha</c> and <c>Arguments</c>, which ReLU and Softmax do not use.
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(HiddenSoftmaxCodeFix)), Shared]
public sealed class HiddenSoftmaxCodeFix : AttributeCodeFix
{
    /// <summary>The diagnostic this fixes (Generator/Diagnostics/DiagnosticDescriptors.cs, SoftmaxOnHiddenLayer).</summary>
    public const string DiagnosticId = "NG0005";

    /// <summary>The equivalence key of "move Softmax to the output layer".</summary>
    public const string MoveKey = "NG0005.MoveToTheOutputLayer";

    /// <summary>The equivalence key of "use ReLU on the hidden layer".</summary>
    public const string UseReLUKey = "NG0005.UseReLUOnTheHiddenLayer";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticId);

    internal override IEnumerable<AttributeFix> FixesFor(SemanticModel model, SyntaxNode root, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        // NG0005 is reported on the activation, the second argument of the hidden layer's [Dense].
        if (NetworkSyntax.AttributeAt(root, diagnostic.Location.SourceSpan) is not { } hidden
            || !NetworkSyntax.Is(model, hidden, NetworkSyntax.DenseAttribute)
            || NetworkSyntax.DeclarationOf(hidden) is not { } declaration
            || NetworkSyntax.Layer(model, hidden).Activation is not { } moved
            || moved is not ("Softmax" or "LogSoftmax"))
        {
            yield break;
        }

        IReadOnlyList<AttributeSyntax> layers = NetworkSyntax.Attributes(model, declaration, NetworkSyntax.DenseAttribute);
        int index = layers.ToList().IndexOf(hidden);
        if (index < 0 || index == layers.Count - 1)
        {
            yield break;
        }

        string number = (index + 1).ToString(CultureInfo.InvariantCulture);
        var toReLU = new AttributeEdit(hidden, current => NetworkSyntax.WithActivation(current, NetworkSyntax.HiddenActivation, writtenAsEnumMember: true));
        AttributeSyntax output = layers[layers.Count - 1];
        (int? units, string? outputActivation) = NetworkSyntax.Layer(model, output);
        if (outputActivation == "Identity" && units is > 1 && LossTakes(model, declaration, moved))
        {
            bool enumMember = NetworkSyntax.Positional(output).Count >= 2;
            yield return new AttributeFix(
                $"Move Activation.{moved} to the output layer (layer {number} uses Activation.{NetworkSyntax.HiddenActivation})",
                MoveKey,
                new[] { toReLU, new AttributeEdit(output, current => NetworkSyntax.WithActivation(current, moved, enumMember)) });
        }

        yield return new AttributeFix($"Use Activation.{NetworkSyntax.HiddenActivation} on hidden layer {number}", UseReLUKey, new[] { toReLU });
    }

    /// <summary>Whether the network's loss (if trained) accepts <paramref name="activation"/> on the output layer (NG0006 otherwise).</summary>
    private static bool LossTakes(SemanticModel model, TypeDeclarationSyntax declaration, string activation)
    {
        IReadOnlyList<AttributeSyntax> trainings = NetworkSyntax.Attributes(model, declaration, NetworkSyntax.TrainingAttribute);
        if (trainings.Count == 0)
        {
            return true;
        }

        string? loss = NetworkSyntax.Loss(model, trainings[0]);
        bool custom = NetworkSyntax.Positional(trainings[0]) is { Count: > 0 } positional && positional[0].Expression is TypeOfExpressionSyntax;
        return custom || (loss is not null && (!NetworkSyntax.RequiredOutput.TryGetValue(loss, out string? required) || required == activation));
    }
}
