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

/// <summary>
/// Where something is in source, as plain data: the path and spans of a <see cref="Location"/>.
/// Only the diagnostics branches of the pipeline carry one; nothing that feeds emission may.
/// </summary>
internal sealed record SourceSite(string? FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static SourceSite From(Location? location)
    {
        location ??= Location.None;
        return new SourceSite(location.SourceTree?.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }
}

/// <summary>
/// A diagnostic found where no location is known (the emission branch: resolving a model file, importing
/// an ONNX graph): which one and its message arguments. The diagnostics branch joins it with the
/// <see cref="SourceSite"/> of the declaration it belongs to (<see cref="At"/>).
/// </summary>
internal sealed record Problem(DiagnosticDescriptor Descriptor, EquatableArray<string> MessageArgs)
{
    public static Problem Create(DiagnosticDescriptor descriptor, params string[] messageArgs) => new(descriptor, messageArgs.ToEquatableArray());

    public DiagnosticInfo At(SourceSite site) => new(Descriptor, site.FilePath, site.Span, site.LineSpan, MessageArgs);
}

/// <summary>
/// The parser's output for one [Network] class: a model to emit (when valid), diagnostics, and where
/// the Weights argument is (for the model-file diagnostics found later, in <see cref="Weights.WeightsResolver"/>).
/// </summary>
internal sealed record ParseResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics, SourceSite? WeightsSite = null);
