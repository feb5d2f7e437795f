// Checks what a user's debugger needs to step into NetGen.Runtime (issue 20): the DLL carries an
// embedded portable PDB (or has one next to it), every source document of the PDB has its text
// embedded, a given kernel file's embedded text equals the repository's file byte for byte, and its
// methods have sequence points in that document (so a breakpoint or a step lands on its lines).
// Usage: dotnet run -- <NetGen.Runtime.dll> <repository root> <kernel file, relative to the root>
// Run by build/check-package.sh from a copy outside the repository. Exit code 0 when all hold.
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: CheckSymbols <dll> <repository root> <kernel file relative to the root>");
    return 2;
}
string dll = args[0], root = args[1], kernel = args[2];
// The GUID of the EmbeddedSource custom debug information (Portable PDB specification).
var embeddedSourceKind = new Guid("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

using var peStream = File.OpenRead(dll);
using var pe = new PEReader(peStream);
MetadataReaderProvider? provider = null;
string where;
DebugDirectoryEntry embedded = pe.ReadDebugDirectory().FirstOrDefault(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
if (embedded.DataSize > 0)
{
    provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded);
    where = "embedded in the DLL";
}
else if (pe.TryOpenAssociatedPortablePdb(dll, path => File.Exists(path) ? File.OpenRead(path) : null, out provider, out string? pdbPath) && provider is not null)
{
    where = pdbPath ?? "next to the DLL";
}
else
{
    Console.WriteLine($"no portable PDB: neither embedded in {dll} nor next to it");
    return 1;
}

using (provider)
{
    MetadataReader pdb = provider.GetMetadataReader();
    int documents = 0, withSource = 0;
    DocumentHandle kernelDocument = default;
    string kernelPath = "";
    byte[]? kernelText = null;
    string suffix = "/" + kernel.Replace('\\', '/');
    foreach (DocumentHandle handle in pdb.Documents)
    {
        documents++;
        Document document = pdb.GetDocument(handle);
        string name = pdb.GetString(document.Name).Replace('\\', '/');
        byte[]? text = EmbeddedSource(pdb, handle, embeddedSourceKind);
        if (text is not null) withSource++;
        if (name.EndsWith(suffix, StringComparison.Ordinal))
        {
            kernelDocument = handle;
            kernelPath = name;
            kernelText = text;
        }
    }
    Console.WriteLine($"PDB {where}: {documents} source documents, {withSource} with their text embedded");
    if (documents == 0 || withSource != documents)
    {
        Console.WriteLine("every source document must have its text embedded (EmbedAllSources)");
        return 1;
    }
    if (kernelDocument.IsNil || kernelText is null)
    {
        Console.WriteLine($"the PDB has no document ending in {suffix}");
        return 1;
    }
    byte[] expected = File.ReadAllBytes(Path.Combine(root, kernel));
    // The compiler embeds the text as it read it; a UTF-8 byte order mark may be its only difference.
    if (!Utf8Text(kernelText).SequenceEqual(Utf8Text(expected)))
    {
        Console.WriteLine($"the embedded {kernel} differs from the repository's ({kernelText.Length} vs {expected.Length} bytes)");
        return 1;
    }
    int methods = 0, lines = 0;
    foreach (MethodDebugInformationHandle handle in pdb.MethodDebugInformation)
    {
        MethodDebugInformation method = pdb.GetMethodDebugInformation(handle);
        if (method.SequencePointsBlob.IsNil) continue;
        bool inKernel = false;
        foreach (SequencePoint point in method.GetSequencePoints())
        {
            if (point.Document == kernelDocument && !point.IsHidden)
            {
                inKernel = true;
                lines++;
            }
        }
        if (inKernel) methods++;
    }
    Console.WriteLine($"{kernelPath}: {kernelText.Length} bytes embedded, equal to the repository's; {methods} methods with {lines} sequence points in it");
    if (methods == 0)
    {
        Console.WriteLine($"no method has sequence points in {kernel}: the debugger could not step into it");
        return 1;
    }
}
return 0;

static byte[]? EmbeddedSource(MetadataReader pdb, DocumentHandle document, Guid kind)
{
    foreach (CustomDebugInformationHandle handle in pdb.GetCustomDebugInformation(document))
    {
        CustomDebugInformation information = pdb.GetCustomDebugInformation(handle);
        if (pdb.GetGuid(information.Kind) != kind) continue;
        byte[] blob = pdb.GetBlobBytes(information.Value);
        // A 4-byte uncompressed size, then the text: raw when the size is 0, else deflated.
        int size = BitConverter.ToInt32(blob, 0);
        if (size == 0) return blob[4..];
        using var deflate = new DeflateStream(new MemoryStream(blob, 4, blob.Length - 4), CompressionMode.Decompress);
        var text = new MemoryStream(size);
        deflate.CopyTo(text);
        return text.ToArray();
    }
    return null;
}

static byte[] Utf8Text(byte[] bytes) =>
    bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? bytes[3..] : bytes;
