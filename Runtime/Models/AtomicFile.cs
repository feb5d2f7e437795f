using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace NetGen.Models;

/// <summary>
/// Creates or replaces a file atomically without changing what the file is: the one save path of
/// <see cref="ModelFile"/> and <see cref="Onnx.OnnxExporter"/>. docs/model-format.md states what is
/// guaranteed.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item><description>The path is resolved: a symbolic link is followed to the file it points to
/// (which is replaced; the link stays). A target that exists and is not a regular file (a
/// directory, FIFO, device or socket) is refused with an <see cref="IOException"/>.</description></item>
/// <item><description>Stale temporaries of earlier saves in that directory are removed
/// (<see cref="RemoveStaleTemporaries"/>).</description></item>
/// <item><description>The new file is written to <c>.netgen-&lt;process id&gt;-&lt;8 hex digits&gt;.tmp</c> beside
/// the target (at most 31 characters, whatever the target's length), created exclusively, locked
/// (<see cref="FileShare.None"/>) and readable by its owner only while it is written (when it
/// replaces a file). On Linux it is first given the old file's owner and group; if the process
/// may not do that, the save is refused and the old file kept (an owner or group the new file
/// cannot have would change who may read it). After the write it gets the old file's permission
/// bits, is flushed to disk, closed and renamed over the target.</description></item>
/// <item><description>If anything fails, the temporary file is deleted and the exception propagates;
/// the target is untouched.</description></item>
/// </list>
/// </remarks>
internal static class AtomicFile
{
    /// <summary>How every temporary file's name starts.</summary>
    internal const string TemporaryPrefix = ".netgen-";

    /// <summary>How every temporary file's name ends.</summary>
    internal const string TemporarySuffix = ".tmp";

    /// <summary>
    /// A temporary whose writer process is gone is removed once it is this old: a margin for a
    /// writer this process cannot see (another PID namespace) between creating its file and locking it.
    /// </summary>
    internal static readonly TimeSpan DeadWriterAge = TimeSpan.FromSeconds(10);

    /// <summary>A temporary whose process id is in use (perhaps reused) is removed once it is this old and unlocked.</summary>
    internal static readonly TimeSpan AbandonedAge = TimeSpan.FromHours(1);

    private const int HexDigits = 8;

    private static readonly EnumerationOptions s_temporaries = new()
    {
        AttributesToSkip = 0, // the names start with '.', which makes them hidden on Unix
        IgnoreInaccessible = true,
        MatchCasing = MatchCasing.CaseSensitive,
        MatchType = MatchType.Simple,
        RecurseSubdirectories = false,
    };

    /// <summary>
    /// Creates or replaces the file at <paramref name="path"/> with what <paramref name="write"/>
    /// writes, atomically; see the class remarks.
    /// </summary>
    /// <exception cref="IOException">
    /// The target is not a regular file, the owner could not be kept for a reason other than
    /// permission, or the file system failed; the target is intact.
    /// </exception>
    /// <exception cref="UnauthorizedAccessException">
    /// The process may not write the directory, or may not give the new file the old file's owner
    /// and group; the target is intact.
    /// </exception>
    internal static void Write(string path, Action<Stream> write)
    {
        string target = ResolveTarget(path, out bool viaLink);
        FileFacts? existing = FileFacts.Of(target);
        if (existing is { Kind: not FileKind.Regular } other)
        {
            throw NotRegular(path, target, viaLink, other.Kind);
        }

        string directory = Path.GetDirectoryName(target) ?? throw NotRegular(path, target, viaLink, FileKind.Directory);
        RemoveStaleTemporaries(directory);
        (FileStream file, string temporary) = CreateTemporary(directory, replacing: existing is not null);
        try
        {
            using (file)
            {
                if (existing is { } facts)
                {
                    KeepOwner(file, temporary, facts, path);
                }

                write(file);
                if (existing is { Mode: UnixFileMode mode } && !OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(file.SafeFileHandle, mode);
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Removes the temporaries of earlier saves in <paramref name="directory"/> that are stale: a
    /// regular file (not a link, FIFO or directory) named exactly as <see cref="Write"/> names them,
    /// which no process holds locked (a save holds its temporary locked until it is complete), and
    /// either whose writer process is gone and which is at least <see cref="DeadWriterAge"/> old, or
    /// which is at least <see cref="AbandonedAge"/> old (its process id now belongs to another
    /// process). Never throws; a file that cannot be checked or deleted is left.
    /// </summary>
    /// <remarks>
    /// Runs on Linux (where <c>statx</c> tells a regular file from a FIFO, which must never be
    /// opened: that would block) and Windows; elsewhere nothing is removed.
    /// </remarks>
    internal static void RemoveStaleTemporaries(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            foreach (string candidate in Directory.EnumerateFiles(directory, TemporaryPrefix + "*" + TemporarySuffix, s_temporaries))
            {
                TryRemoveStale(candidate);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The directory cannot be listed: the save itself will report what is wrong.
        }
    }

    /// <summary>The process id in a temporary's name, if <paramref name="name"/> is exactly one.</summary>
    internal static bool TryParseTemporaryName(string name, out int processId)
    {
        processId = 0;
        if (!name.StartsWith(TemporaryPrefix, StringComparison.Ordinal) || !name.EndsWith(TemporarySuffix, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> middle = name.AsSpan(TemporaryPrefix.Length, name.Length - TemporaryPrefix.Length - TemporarySuffix.Length);
        int dash = middle.IndexOf('-');
        if (dash < 1 || middle.Length - dash - 1 != HexDigits)
        {
            return false;
        }

        foreach (char c in middle[(dash + 1)..])
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return int.TryParse(middle[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out processId) && processId > 0;
    }

    private static string ResolveTarget(string path, out bool viaLink)
    {
        string full = Path.GetFullPath(path);
        viaLink = new FileInfo(full).LinkTarget is not null;
        if (!viaLink)
        {
            return full;
        }

        // The final target, through every link in a chain; it need not exist (it is then created).
        // A loop of links is an IOException ("Too many levels of symbolic links").
        FileSystemInfo? final = File.ResolveLinkTarget(full, returnFinalTarget: true);
        return final?.FullName ?? full;
    }

    private static (FileStream File, string Path) CreateTemporary(string directory, bool replacing)
    {
        for (int attempt = 0; ; attempt++)
        {
            string name = string.Create(CultureInfo.InvariantCulture,
                $"{TemporaryPrefix}{Environment.ProcessId}-{(uint)Random.Shared.NextInt64(1L << 32):x8}{TemporarySuffix}");
            string temporary = Path.Combine(directory, name);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (replacing && !OperatingSystem.IsWindows())
            {
                // Owner only while it is written; the old file's mode is applied once the data is in.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                return (new FileStream(temporary, options), temporary);
            }
            catch (IOException) when (attempt < 3 && Path.Exists(temporary))
            {
                // The name is taken (by another save of this process, 1 in 2³² per save): draw another.
            }
        }
    }

    /// <summary>
    /// On Linux, gives the temporary the target's owner and group, or refuses the save when the
    /// process may not (only root may give a file to another user, and an owner only groups it
    /// belongs to).
    /// </summary>
    private static void KeepOwner(FileStream file, string temporary, FileFacts target, string path)
    {
        if (target.Owner is not uint owner || target.Group is not uint group || !OperatingSystem.IsLinux())
        {
            return;
        }

        uint newOwner = owner, newGroup = group;
        bool known = LinuxFiles.TryStat(temporary, followLinks: false, out _, out uint mine, out uint myGroup) == LinuxFiles.StatResult.Found;
        if (known)
        {
            newOwner = mine == owner ? uint.MaxValue : owner;
            newGroup = myGroup == group ? uint.MaxValue : group;
            if (newOwner == uint.MaxValue && newGroup == uint.MaxValue)
            {
                return;
            }
        }

        int error = LinuxFiles.ChangeOwner(file.SafeFileHandle, newOwner, newGroup);
        if (error == 0)
        {
            return;
        }

        string process = known ? string.Create(CultureInfo.InvariantCulture, $" (user {mine}, group {myGroup})") : "";
        string message = string.Create(CultureInfo.InvariantCulture,
            $"Cannot save over '{path}': it belongs to user {owner} and group {group}, and this process{process} cannot give the new file that owner and group ({System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(error)}). The save would change who owns the file and who may read it, so the file is left as it was: save as its owner, save to another path, or delete the file first.");
        throw LinuxFiles.IsNotPermitted(error) ? new UnauthorizedAccessException(message) : new IOException(message);
    }

    private static void TryRemoveStale(string candidate)
    {
        if (!TryParseTemporaryName(Path.GetFileName(candidate), out int processId))
        {
            return;
        }

        try
        {
            if (OperatingSystem.IsLinux())
            {
                if (LinuxFiles.TryStat(candidate, followLinks: false, out uint mode, out _, out _) != LinuxFiles.StatResult.Found
                    || FileFacts.KindOf(mode) != FileKind.Regular)
                {
                    return;
                }
            }
            else if ((File.GetAttributes(candidate) & (FileAttributes.Directory | FileAttributes.ReparsePoint | FileAttributes.Device)) != 0)
            {
                return;
            }

            TimeSpan age = DateTime.UtcNow - File.GetLastWriteTimeUtc(candidate);
            if (age < DeadWriterAge || (age < AbandonedAge && ProcessExists(processId)))
            {
                return;
            }

            // The exclusive lock fails while the writer holds its own (a live save); with it held,
            // nobody else can be writing the file when it is deleted. Windows deletes a file
            // opened this way when it is closed; Unix may delete it while it is open.
            bool windows = OperatingSystem.IsWindows();
            using var probe = new FileStream(candidate, FileMode.Open, FileAccess.Write, FileShare.None, 1, windows ? FileOptions.DeleteOnClose : FileOptions.None);
            if (!windows)
            {
                File.Delete(candidate);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Locked (a live save), gone meanwhile, or not ours to delete: leave it.
        }
    }

    private static bool ProcessExists(int processId)
    {
        if (processId == Environment.ProcessId)
        {
            return true;
        }

        if (OperatingSystem.IsLinux())
        {
            return LinuxFiles.ProcessExists(processId);
        }

        try
        {
            using Process process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return true; // cannot tell: keep the file
        }
    }

    private static IOException NotRegular(string path, string target, bool viaLink, FileKind kind)
    {
        string what = viaLink
            ? string.Create(CultureInfo.InvariantCulture, $"it is a symbolic link to '{target}', which is {Describe(kind)}")
            : "it is " + Describe(kind);
        return new IOException(string.Create(CultureInfo.InvariantCulture,
            $"Cannot save to '{path}': {what}, not a regular file, and a save would replace it with one. Choose another path, or remove it first."));
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a directory",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.SymbolicLink => "a symbolic link",
        _ => "a file of an unknown type",
    };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original exception is the one worth reporting.
        }
    }

    /// <summary>What a path is.</summary>
    private enum FileKind
    {
        Regular,
        Directory,
        Fifo,
        CharacterDevice,
        BlockDevice,
        Socket,
        SymbolicLink,
        Other,
    }

    /// <summary>
    /// An existing target: its kind, permission bits (null on Windows) and, on Linux, its owner and
    /// group (null elsewhere).
    /// </summary>
    private readonly record struct FileFacts(FileKind Kind, UnixFileMode? Mode, uint? Owner, uint? Group)
    {
        /// <summary>The facts of the file at <paramref name="path"/> (links followed), or null if nothing is there.</summary>
        public static FileFacts? Of(string path)
        {
            if (OperatingSystem.IsLinux())
            {
                switch (LinuxFiles.TryStat(path, followLinks: true, out uint mode, out uint owner, out uint group))
                {
                    case LinuxFiles.StatResult.Found:
                        return new FileFacts(KindOf(mode), (UnixFileMode)(mode & 0xFFF), owner, group);
                    case LinuxFiles.StatResult.Missing:
                        return null;
                }
            }

            // Without statx: a directory is recognised, anything else that exists is taken for a
            // file (a FIFO or device cannot be told apart here), and the owner is not known.
            if (Directory.Exists(path))
            {
                return new FileFacts(FileKind.Directory, null, null, null);
            }

            if (!File.Exists(path))
            {
                return null;
            }

            UnixFileMode? permissions = OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(path);
            return new FileFacts(FileKind.Regular, permissions, null, null);
        }

        /// <summary>The kind from st_mode's S_IFMT bits.</summary>
        public static FileKind KindOf(uint mode) => (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            0xA000 => FileKind.SymbolicLink,
            _ => FileKind.Other,
        };
    }
}
