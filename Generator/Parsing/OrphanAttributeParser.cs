using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Finds [Dense] and [Training] on types that carry no [Network] (NG0002): without it they would
/// be silently ignored.
/// </summary>
internal static class OrphanAttributeParser
{
    public static EquatableArray<DiagnosticInfo> Parse(GeneratorAttributeSyntaxContext context, string attributeName, CancellationToken cancellationToken)
    {
        try
        {
            if (context.TargetSymbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == NetworkParser.NetworkAttributeName))
            {
                return EquatableArray<DiagnosticInfo>.Empty;
            }

            var diagnostics = new List<DiagnosticInfo>();
            foreach (AttributeData attribute in context.Attributes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Location? location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation();
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingNetworkAttribute, location, context.TargetSymbol.Name, attributeName));
            }

            return diagnostics.ToEquatableArray();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            Location location = context.TargetNode is TypeDeclarationSyntax type ? type.Identifier.GetLocation() : context.TargetNode.GetLocation();
            return new[] { DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, location, context.TargetSymbol.Name, ex.GetType().Name + ": " + ex.Message) }
                .ToEquatableArray();
        }
    }
}
