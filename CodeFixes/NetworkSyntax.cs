using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.CodeFixes;

/// <summary>
/// How a network is written, read back from its syntax for the code fixes: which attribute a diagnostic
/// sits in, the layers in order, a layer's activation, the loss. The fixes recompute these facts from the
/// attributes (a diagnostic carries only its id, span and message), with the semantic model so that
/// aliases, qualified names and casts read as the compiler reads them.
/// </summary>
internal static class NetworkSyntax
{
    public const string DenseAttribute = "NetGen.DenseAttribute";
    public const string TrainingAttribute = "NetGen.TrainingAttribute";
    public const string ActivationEnum = "NetGen.Activation";
    public const string LossEnum = "NetGen.Loss";

    /// <summary>
    /// The output activation each built-in loss needs (Generator/Catalog/Losses, <c>RequiredOutput</c>; the
    /// test <c>CodeFixTests.TheFixesKnowEveryLossThatNeedsAnOutputActivation</c> checks this table against it).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> RequiredOutput = new Dictionary<string, string>
    {
        ["CrossEntropy"] = "Softmax",
        ["BinaryCrossEntropy"] = "Sigmoid",
    };

    /// <summary>The activation a hidden layer gets in place of Softmax or LogSoftmax (NG0005's fixes).</summary>
    public const string HiddenActivation = "ReLU";

    /// <summary>The innermost attribute around <paramref name="span"/>, if any.</summary>
    public static AttributeSyntax? AttributeAt(SyntaxNode root, TextSpan span) =>
        NodeAt(root, span)?.AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();

    /// <summary>The innermost node at <paramref name="span"/>, null when the span is not in this tree (a diagnostic of an older version of the text).</summary>
    public static SyntaxNode? NodeAt(SyntaxNode root, TextSpan span) =>
        root.FullSpan.Contains(span) ? root.FindNode(span, getInnermostNodeForTie: true) : null;

    /// <summary>Whether <paramref name="attribute"/> binds to the attribute class <paramref name="metadataName"/>.</summary>
    public static bool Is(SemanticModel model, AttributeSyntax attribute, string metadataName)
    {
        SymbolInfo info = model.GetSymbolInfo(attribute);
        ISymbol? symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        return symbol?.ContainingType?.ToDisplayString() == metadataName;
    }

    /// <summary>The class declaration an attribute is applied to.</summary>
    public static TypeDeclarationSyntax? DeclarationOf(AttributeSyntax attribute) => attribute.Parent?.Parent as TypeDeclarationSyntax;

    /// <summary>The attributes of one class declaration that bind to <paramref name="metadataName"/>, in source order (for [Dense], the layers: the last is the output layer).</summary>
    public static IReadOnlyList<AttributeSyntax> Attributes(SemanticModel model, TypeDeclarationSyntax declaration, string metadataName) =>
        declaration.AttributeLists.SelectMany(list => list.Attributes).Where(attribute => Is(model, attribute, metadataName)).ToList();

    /// <summary>The constructor (positional) arguments of an attribute, in order.</summary>
    public static IReadOnlyList<AttributeArgumentSyntax> Positional(AttributeSyntax attribute) =>
        attribute.ArgumentList?.Arguments.Where(argument => argument.NameEquals is null).ToList() ?? new List<AttributeArgumentSyntax>();

    /// <summary>The member of the enum <paramref name="enumMetadataName"/> that <paramref name="expression"/> is a constant of, or null.</summary>
    public static string? EnumMember(SemanticModel model, ExpressionSyntax expression, string enumMetadataName)
    {
        ITypeSymbol? type = model.GetTypeInfo(expression).Type;
        Optional<object?> value = model.GetConstantValue(expression);
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType || type.ToDisplayString() != enumMetadataName || !value.HasValue)
        {
            return null;
        }

        return enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(field => field.HasConstantValue && Equals(field.ConstantValue, value.Value))?.Name;
    }

    /// <summary>A [Dense] layer's units (null when not a constant) and activation: the Activation member, "Identity" when left out, null for a method of your own.</summary>
    public static (int? Units, string? Activation) Layer(SemanticModel model, AttributeSyntax dense)
    {
        IReadOnlyList<AttributeArgumentSyntax> positional = Positional(dense);
        int? units = positional.Count > 0 && model.GetConstantValue(positional[0].Expression) is { HasValue: true, Value: int value } ? value : null;
        string? activation = positional.Count < 2 ? "Identity" : EnumMember(model, positional[1].Expression, ActivationEnum);
        return (units, activation);
    }

    /// <summary>The built-in loss of a [Training] attribute, null for a loss method of your own.</summary>
    public static string? Loss(SemanticModel model, AttributeSyntax training)
    {
        IReadOnlyList<AttributeArgumentSyntax> positional = Positional(training);
        return positional.Count > 0 ? EnumMember(model, positional[0].Expression, LossEnum) : null;
    }

    /// <summary>
    /// <paramref name="old"/> rewritten to the enum member <paramref name="member"/>: only the member's name
    /// when it is written <c>Activation.Tanh</c> (the qualification stays as written), else the full name,
    /// which the code action's cleanup shortens to what the file's usings allow.
    /// </summary>
    public static ExpressionSyntax WithEnumMember(ExpressionSyntax old, string enumName, string member, bool oldIsEnumMember)
    {
        if (oldIsEnumMember && old is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } access)
        {
            return access.WithName(SyntaxFactory.IdentifierName(member).WithTriviaFrom(name));
        }

        return EnumMemberExpression(enumName, member).WithTriviaFrom(old);
    }

    /// <summary><c>global::NetGen.{enumName}.{member}</c>, marked for simplification.</summary>
    public static ExpressionSyntax EnumMemberExpression(string enumName, string member) =>
        SyntaxFactory.ParseExpression($"global::NetGen.{enumName}.{member}").WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary>
    /// A [Dense] attribute with the built-in activation <paramref name="member"/>: the activation argument
    /// replaced (or added after the units), a method of your own (<c>typeof(T), nameof(T.F)</c> or
    /// <c>nameof(F)</c>) replaced by the enum member; <c>Alpha</c> and <c>Arguments</c> removed, since
    /// the activations the fixes write (ReLU, Softmax, LogSoftmax, Sigmoid) use neither and would report
    /// them as ignored (NG0026). Applying it twice gives the same attribute (Fix All may target a layer twice).
    /// </summary>
    public static AttributeSyntax WithActivation(AttributeSyntax dense, string member, bool writtenAsEnumMember)
    {
        if (dense.ArgumentList is not { } list)
        {
            return dense;
        }

        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = list.Arguments;
        List<int> positional = Enumerable.Range(0, arguments.Count).Where(i => arguments[i].NameEquals is null).ToList();
        if (positional.Count == 0)
        {
            return dense;
        }

        if (positional.Count == 1)
        {
            arguments = arguments.Insert(positional[0] + 1, SyntaxFactory.AttributeArgument(EnumMemberExpression("Activation", member)));
        }
        else
        {
            AttributeArgumentSyntax activation = arguments[positional[1]];
            bool typeofForm = positional.Count >= 3 && activation.Expression is TypeOfExpressionSyntax;
            arguments = arguments.Replace(activation, activation.WithExpression(WithEnumMember(activation.Expression, "Activation", member, writtenAsEnumMember && !typeofForm)));
            if (typeofForm)
            {
                arguments = arguments.RemoveAt(positional[2]);
            }
        }

        AttributeSyntax result = dense.WithArgumentList(list.WithArguments(arguments));
        return WithoutNamed(WithoutNamed(result, "Alpha"), "Arguments");
    }

    /// <summary>
    /// The attribute without its named argument <paramref name="name"/> (unchanged when it has none): the
    /// argument goes with the comma after it (before it, for the last one), so the rest keeps its layout;
    /// an argument list left empty goes too.
    /// </summary>
    public static AttributeSyntax WithoutNamed(AttributeSyntax attribute, string name)
    {
        if (attribute.ArgumentList is not { } list)
        {
            return attribute;
        }

        int index = list.Arguments.IndexOf(argument => argument.NameEquals?.Name.Identifier.ValueText == name);
        if (index < 0)
        {
            return attribute;
        }

        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = list.Arguments.RemoveAt(index);
        return arguments.Count == 0
            ? attribute.WithArgumentList(null).WithTrailingTrivia(list.GetTrailingTrivia())
            : attribute.WithArgumentList(list.WithArguments(arguments));
    }
}
