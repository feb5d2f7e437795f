using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace NetGen.Benchmarks.Peers;

/// <summary>
/// Makes TorchSharp 0.107's native library load on Debian 12 by marking one version requirement weak
/// in the copy of <c>libLibTorchSharp.so</c> next to this program (never the one in the NuGet cache).
/// </summary>
/// <remarks>
/// <para>
/// <b>The problem.</b> <c>libLibTorchSharp.so</c> (TorchSharp 0.107.0) was linked against GCC 13's
/// libstdc++ and records in its <c>.gnu.version_r</c> section that it needs the symbol version
/// <c>GLIBCXX_3.4.32</c> of <c>libstdc++.so.6</c>. Debian 12's libstdc++ (GCC 12) stops at
/// <c>GLIBCXX_3.4.30</c>, so <c>dlopen</c> fails ("version `GLIBCXX_3.4.32' not found", which
/// <c>ldd</c> shows), and TorchSharp reports it as a missing libtorch package, which is wrong.
/// </para>
/// <para>
/// <b>Why marking it weak is safe.</b> The only symbol bound to <c>GLIBCXX_3.4.32</c> is
/// <c>_ZSt21ios_base_library_initv</c> (<c>std::ios_base_library_init()</c>): a marker that GCC 13
/// references from every translation unit including &lt;iostream&gt; so that the right libstdc++ is
/// linked; it has no relocation in the library and is never called. A version requirement whose
/// <c>vna_flags</c> has <c>VER_FLG_WEAK</c> (0x2) does not fail the load when the version is absent:
/// glibc's <c>_dl_check_map_versions</c> skips it (<c>ldd -v</c> lists it as "weak version ... not
/// found"). Every other requirement (GLIBCXX ≤ 3.4.30, CXXABI, GLIBC) is left as it is.
/// </para>
/// <para>
/// <b>What is changed.</b> One 16-bit field in the file: the <c>vna_flags</c> of the Vernaux entry
/// named <c>GLIBCXX_3.4.32</c>. The layout (ELF64, little-endian; System V gABI and the LSB's
/// "Symbol Versioning"): the section of type <c>SHT_GNU_verneed</c> (0x6ffffffe) holds a chain of
/// Verneed records (<c>vn_version</c> u16, <c>vn_cnt</c> u16, <c>vn_file</c> u32, <c>vn_aux</c> u32,
/// <c>vn_next</c> u32), one per needed library, each with <c>vn_cnt</c> Vernaux records
/// (<c>vna_hash</c> u32, <c>vna_flags</c> u16, <c>vna_other</c> u16, <c>vna_name</c> u32,
/// <c>vna_next</c> u32); names are offsets into the string table the section's <c>sh_link</c> names.
/// </para>
/// <para>
/// <b>Where.</b> BenchmarkDotNet builds and runs each benchmark in a child process from its own
/// output folder, into which MSBuild copies an unpatched library again. So <see cref="EnsureLoadable"/>
/// is called at the start of <c>Program</c> and again in every <c>[GlobalSetup]</c> that uses
/// TorchSharp, before the first call into <c>torch</c> (which is when TorchSharp loads its native
/// library); it patches every <c>libLibTorchSharp.so</c> under the folder of the running program and of
/// the loaded TorchSharp assembly, and does nothing for a file that is already patched. The file is
/// rewritten through a temporary file and an atomic rename, so a hard link into the NuGet cache is
/// never written through, and a file under the NuGet packages folder is refused outright.
/// </para>
/// </remarks>
public static class LibTorchSharpPatch
{
    /// <summary>The version requirement that Debian 12's libstdc++ cannot meet.</summary>
    public const string MissingVersion = "GLIBCXX_3.4.32";

    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;
    private static readonly object Gate = new();
    private static bool _done;

    /// <summary>What <see cref="PatchFile"/> did.</summary>
    public enum Outcome
    {
        /// <summary>The flag was set now.</summary>
        Patched,

        /// <summary>The requirement was already weak: nothing written.</summary>
        AlreadyWeak,

        /// <summary>The library does not require the version at all: nothing written.</summary>
        NotRequired,
    }

    /// <summary>
    /// Patches every copy of <c>libLibTorchSharp.so</c> beside this program and TorchSharp (Linux only;
    /// idempotent; once per process). Call before anything calls into <c>TorchSharp.torch</c>.
    /// </summary>
    /// <param name="log">Receives one line per file patched (null: silent).</param>
    /// <remarks>Setting the environment variable <c>NETGEN_PEERS_NO_PATCH=1</c> skips it, to see the original failure.</remarks>
    public static void EnsureLoadable(Action<string>? log = null)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("NETGEN_PEERS_NO_PATCH") == "1")
        {
            return;
        }

        lock (Gate)
        {
            if (_done)
            {
                return;
            }

            foreach (string file in FindCopies())
            {
                Outcome outcome = PatchFile(file, MissingVersion);
                if (outcome == Outcome.Patched)
                {
                    log?.Invoke($"{file}: {MissingVersion} marked weak");
                }
            }

            _done = true;
        }
    }

    /// <summary>The copies of the library in this program's folder and TorchSharp's (and their runtimes/*/native/).</summary>
    public static IEnumerable<string> FindCopies()
    {
        // typeof(torch) loads the managed TorchSharp assembly only; its native library is loaded by
        // torch's static constructor, which this does not run.
        string? torchFolder = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location);
        var roots = new[] { AppContext.BaseDirectory, torchFolder }
            .Where(f => !string.IsNullOrEmpty(f) && Directory.Exists(f))
            .Select(f => Path.GetFullPath(f!))
            .Distinct();
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string root in roots)
        {
            // A RID-specific build puts the library beside the program; a portable one keeps it in
            // runtimes/linux-x64/native/ (resolved through the .deps.json).
            string beside = Path.Combine(root, "libLibTorchSharp.so");
            if (File.Exists(beside))
            {
                files.Add(beside);
            }

            string runtimes = Path.Combine(root, "runtimes");
            if (Directory.Exists(runtimes))
            {
                foreach (string rid in Directory.EnumerateDirectories(runtimes, "linux*"))
                {
                    string native = Path.Combine(rid, "native", "libLibTorchSharp.so");
                    if (File.Exists(native))
                    {
                        files.Add(native);
                    }
                }
            }
        }

        return files;
    }

    /// <summary>Sets VER_FLG_WEAK on the requirement of <paramref name="version"/> in one ELF64 file.</summary>
    /// <exception cref="InvalidOperationException">The file is under the NuGet packages folder.</exception>
    /// <exception cref="InvalidDataException">The file is not a little-endian ELF64 file with a well-formed .gnu.version_r.</exception>
    public static Outcome PatchFile(string path, string version)
    {
        string full = Path.GetFullPath(path);
        if (IsInNuGetCache(full))
        {
            throw new InvalidOperationException($"Refusing to patch {full}: it is in the NuGet packages folder; patch the copy in the program's output folder.");
        }

        byte[] elf = File.ReadAllBytes(full);
        int flagsOffset = FindVernauxFlags(elf, version);
        if (flagsOffset < 0)
        {
            return Outcome.NotRequired;
        }

        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(flagsOffset));
        if ((flags & VerFlgWeak) != 0)
        {
            return Outcome.AlreadyWeak;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(flagsOffset), (ushort)(flags | VerFlgWeak));

        // A new file renamed over the old one: processes that have the old one mapped keep it, and a
        // hard link (e.g. into the NuGet cache) keeps the original content.
        string temporary = $"{full}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temporary, elf);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(full));
        }

        File.Move(temporary, full, overwrite: true);
        return Outcome.Patched;
    }

    /// <summary>
    /// The file offset of <c>vna_flags</c> in the Vernaux entry named <paramref name="version"/>, or −1
    /// if the file has no such requirement.
    /// </summary>
    public static int FindVernauxFlags(ReadOnlySpan<byte> elf, string version)
    {
        // ELF header: e_ident (16 bytes: 0x7f 'E' 'L' 'F', class, data, ...), then e_shoff at 0x28,
        // e_shentsize at 0x3A, e_shnum at 0x3C.
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException("Not an ELF file.");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("Not a little-endian ELF64 file.");
        }

        ulong sectionTable = BinaryPrimitives.ReadUInt64LittleEndian(elf[0x28..]);
        int entrySize = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3A..]);
        int sectionCount = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3C..]);
        if (entrySize < 64 || sectionTable + (ulong)(entrySize * sectionCount) > (ulong)elf.Length)
        {
            throw new InvalidDataException("The section header table lies outside the file.");
        }

        for (int s = 0; s < sectionCount; s++)
        {
            // Elf64_Shdr: sh_name u32, sh_type u32, sh_flags u64, sh_addr u64, sh_offset u64 (0x18),
            // sh_size u64 (0x20), sh_link u32 (0x28), sh_info u32 (0x2C), ...
            ReadOnlySpan<byte> header = elf.Slice((int)sectionTable + s * entrySize, entrySize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != ShtGnuVerneed)
            {
                continue;
            }

            int offset = Checked(BinaryPrimitives.ReadUInt64LittleEndian(header[0x18..]), elf.Length);
            int size = Checked(BinaryPrimitives.ReadUInt64LittleEndian(header[0x20..]), elf.Length - offset);
            int link = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x28..]);
            int needCount = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x2C..]);
            if (link >= sectionCount)
            {
                throw new InvalidDataException("sh_link of .gnu.version_r names no section.");
            }

            ReadOnlySpan<byte> stringsHeader = elf.Slice((int)sectionTable + link * entrySize, entrySize);
            int stringsOffset = Checked(BinaryPrimitives.ReadUInt64LittleEndian(stringsHeader[0x18..]), elf.Length);
            int stringsSize = Checked(BinaryPrimitives.ReadUInt64LittleEndian(stringsHeader[0x20..]), elf.Length - stringsOffset);
            ReadOnlySpan<byte> strings = elf.Slice(stringsOffset, stringsSize);
            byte[] wanted = Encoding.ASCII.GetBytes(version);

            int need = 0; // offset of the current Verneed, relative to the section
            for (int n = 0; n < needCount; n++)
            {
                if (need < 0 || need + 16 > size)
                {
                    throw new InvalidDataException("A Verneed record lies outside .gnu.version_r.");
                }

                ReadOnlySpan<byte> verneed = elf.Slice(offset + need, 16);
                int auxCount = BinaryPrimitives.ReadUInt16LittleEndian(verneed[2..]);
                int aux = need + (int)BinaryPrimitives.ReadUInt32LittleEndian(verneed[8..]);
                for (int a = 0; a < auxCount; a++)
                {
                    if (aux < 0 || aux + 16 > size)
                    {
                        throw new InvalidDataException("A Vernaux record lies outside .gnu.version_r.");
                    }

                    ReadOnlySpan<byte> vernaux = elf.Slice(offset + aux, 16);
                    int name = (int)BinaryPrimitives.ReadUInt32LittleEndian(vernaux[8..]);
                    if (NameIs(strings, name, wanted))
                    {
                        return offset + aux + 4; // vna_flags
                    }

                    aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(vernaux[12..]);
                }

                need += (int)BinaryPrimitives.ReadUInt32LittleEndian(verneed[12..]);
            }
        }

        return -1;
    }

    private static bool NameIs(ReadOnlySpan<byte> strings, int offset, ReadOnlySpan<byte> wanted) =>
        offset >= 0 && offset + wanted.Length < strings.Length
        && strings.Slice(offset, wanted.Length).SequenceEqual(wanted)
        && strings[offset + wanted.Length] == 0;

    private static int Checked(ulong value, int limit) =>
        value <= (ulong)limit ? (int)value : throw new InvalidDataException("An offset or size lies outside the file.");

    private static bool IsInNuGetCache(string full)
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return full.StartsWith(Path.GetFullPath(packages).TrimEnd('/') + "/", StringComparison.Ordinal);
    }
}
