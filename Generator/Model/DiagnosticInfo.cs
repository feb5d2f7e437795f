using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Model;

/// <summary>
/// A diagnostic as plain data, so that it can travel through the incremental pipeline and be
/// compared by value (a <see cref="Location"/> holds a syntax tree; this holds only its path and spans).
/// </summary>
internal sealed record DiagnosticInfo(
    DiagnosticDescriptor Descriptor,
    string? FilePath,
    TextSpan Span,
    LinePositionSpan LineSpan,
    EquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] messageArgs)
    {
        location ??= Location.None;
        return new DiagnosticInfo(
            descriptor,
            location.SourceTree?.FilePath,
            location.SourceSpan,
            location.GetLineSpan().Span,
            messageArgs.ToEquatableArray());
    }

    public Diagnostic ToDiagnostic()
    {
        Location location = FilePath is null ? Location.None : Location.Create(FilePath, Span, LineSpan);
        return Diagnostic.Create(Descriptor, location, MessageArgs.ToArrayOfObjects());
    }
}

internal static class DiagnosticInfoExtensions
{
    public static object[] ToArrayOfObjects(this EquatableArray<string> args)
    {
        var result = new object[args.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = args[i];
        }

        return result;
    }
}

/// <summary>The parser's output for one [Network] class: a model to emit (when valid) and diagnostics.</summary>
internal sealed record ParseResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
