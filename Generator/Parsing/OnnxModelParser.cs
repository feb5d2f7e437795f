using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;
using NetGen.Generator.Onnx;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Reads one [OnnxModel("…")] class into an <see cref="OnnxRequest"/> (no location: it feeds emission) and,
/// for the diagnostics branch, where the file argument is and NG0023 when the class cannot receive a network.
/// </summary>
internal static class OnnxModelParser
{
    public static OnnxParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        AttributeData attribute = context.Attributes[0];
        string path = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string p ? p : "";
        Location location = (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax)?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation()
            ?? attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? Location.None;
        string? problem = null;
        EquatableArray<string>? containing = null;
        bool incomplete = (context.TargetNode as TypeDeclarationSyntax)?.Identifier.IsMissing == true || ContainingTypes.HasMissingName(type);
        if (incomplete)
        {
            // Nothing to check: generated code would repeat the missing name ("namespace ;").
        }
        else if (context.TargetNode is TypeDeclarationSyntax other and not ClassDeclarationSyntax)
        {
            problem = $"it must be a class, not {NetworkParser.KindOf(other)}";
        }
        else if (context.TargetNode is not ClassDeclarationSyntax declaration || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            problem = "the class must be partial";
        }
        else if (type.TypeParameters.Length > 0)
        {
            problem = "the class must not be generic";
        }
        else if (type.IsStatic)
        {
            problem = "it is static, and a network is an instance with its own parameters; remove 'static'";
        }
        else if (type.IsFileLocal)
        {
            problem = NetworkParser.FileLocalReason;
        }
        else
        {
            containing = ContainingTypes.Declarations(type.ContainingType, cancellationToken, out problem);
        }

        DiagnosticInfo? diagnostic = problem is null ? null
            : DiagnosticInfo.Create(DiagnosticDescriptors.OnnxUnsupportedClass, (context.TargetNode as TypeDeclarationSyntax)?.Identifier.GetLocation() ?? location, type.Name, problem);
        var request = new OnnxRequest(
            Identifiers.Namespace(type.ContainingNamespace),
            containing ?? default,
            Identifiers.Escape(type.Name),
            Identifiers.DisplayName(type),
            path,
            incomplete || diagnostic is not null);
        return new OnnxParseResult(request, SourceSite.From(location), diagnostic);
    }
}
