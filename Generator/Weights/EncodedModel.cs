using System;

namespace NetGen.Generator.Weights;

/// <summary>
/// A model file (NGMF or ONNX) as the build targets hand it to the generator: an additional text file
/// <c>NAME.b64</c> whose first line is <c>NetGen model PATH</c> (the NetGenModel item as written) and
/// whose rest is the file's bytes in base64 (see build/package/NetGen.targets). One decoder for both kinds.
/// </summary>
internal static class EncodedModel
{
    /// <summary>The first words of an encoded file.</summary>
    public const string Header = "NetGen model ";

    /// <summary>The item's path (or, before it is known, the file name) and its bytes, or why they cannot be had.</summary>
    public static (string Identity, byte[]? Bytes, string? Error) Decode(string path, string? text)
    {
        string identity = System.IO.Path.GetFileName(path);
        identity = identity.Substring(0, identity.Length - Math.Min(identity.Length, ".b64".Length));
        if (text is null)
        {
            return (identity, null, "the compiler could not read the encoded file");
        }

        int newline = text.IndexOf('\n');
        string first = (newline < 0 ? text : text.Substring(0, newline)).TrimEnd('\r');
        if (!first.StartsWith(Header, StringComparison.Ordinal))
        {
            return (identity, null, $"'{path}' was not written by the NetGen build targets (no '{Header.Trim()}' line)");
        }

        identity = first.Substring(Header.Length).Trim();
        try
        {
            return (identity, Convert.FromBase64String(newline < 0 ? string.Empty : text.Substring(newline + 1)), null);
        }
        catch (FormatException)
        {
            return (identity, null, "its encoded copy is not valid base64");
        }
    }
}
