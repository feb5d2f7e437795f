using System;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NetGen.Models;

/// <summary>
/// The few C library calls a safe save needs on Linux that .NET does not offer: a file's type,
/// owner and group (<c>statx</c>, one layout on every architecture), changing the owner of an open
/// file (<c>fchown</c>) and whether a process exists (<c>kill</c> with signal 0). <c>LibraryImport</c>
/// (source-generated marshalling, no reflection) keeps them trimming- and NativeAOT-safe; "libc"
/// is the name .NET maps to the system's C library (libc.so.6 with glibc) both under the JIT and
/// NativeAOT. Call only when <see cref="OperatingSystem.IsLinux"/>; a C library without
/// <c>statx</c> (glibc before 2.28, musl before 1.2.5) makes <see cref="TryStat"/> report
/// "unavailable" instead of throwing.
/// </summary>
internal static partial class LinuxFiles
{
    private const string Libc = "libc";
    private const int AtCurrentDirectory = -100; // AT_FDCWD
    private const int AtSymlinkNoFollow = 0x100; // AT_SYMLINK_NOFOLLOW
    private const uint StatxType = 0x1, StatxMode = 0x2, StatxUid = 0x8, StatxGid = 0x10;
    private const int NoSuchFile = 2, NotADirectory = 20, NoSuchProcess = 3, NotPermitted = 1;

    private static bool s_statxMissing;

    /// <summary>What <see cref="TryStat"/> found.</summary>
    internal enum StatResult
    {
        /// <summary>The file exists; the out values hold its facts.</summary>
        Found,

        /// <summary>Nothing is at the path (ENOENT, ENOTDIR).</summary>
        Missing,

        /// <summary>The call failed otherwise (for example EACCES), or the C library has no <c>statx</c>.</summary>
        Unknown,
    }

    /// <summary>
    /// The file's type and permission bits (<c>st_mode</c>), owner and group; of the link itself
    /// when <paramref name="followLinks"/> is false.
    /// </summary>
    internal static StatResult TryStat(string path, bool followLinks, out uint mode, out uint owner, out uint group)
    {
        mode = owner = group = 0;
        if (s_statxMissing)
        {
            return StatResult.Unknown;
        }

        int result;
        StatxBuffer buffer;
        try
        {
            result = StatX(AtCurrentDirectory, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType | StatxMode | StatxUid | StatxGid, out buffer);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            s_statxMissing = true;
            return StatResult.Unknown;
        }

        if (result != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            return error is NoSuchFile or NotADirectory ? StatResult.Missing : StatResult.Unknown;
        }

        const uint needed = StatxType | StatxMode | StatxUid | StatxGid;
        if ((buffer.Mask & needed) != needed)
        {
            return StatResult.Unknown;
        }

        mode = buffer.Mode;
        owner = buffer.Uid;
        group = buffer.Gid;
        return StatResult.Found;
    }

    /// <summary>
    /// Gives the open file <paramref name="file"/> an owner and group (<see cref="uint.MaxValue"/>
    /// leaves one unchanged); 0 on success, otherwise the C library's error number.
    /// </summary>
    internal static int ChangeOwner(SafeFileHandle file, uint owner, uint group)
    {
        bool added = false;
        try
        {
            file.DangerousAddRef(ref added);
            return FChOwn((int)file.DangerousGetHandle(), owner, group) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Whether a process with id <paramref name="processId"/> exists (it may belong to another
    /// user); true when that cannot be told.
    /// </summary>
    internal static bool ProcessExists(int processId)
    {
        try
        {
            return Kill(processId, 0) == 0 || Marshal.GetLastPInvokeError() != NoSuchProcess;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return true;
        }
    }

    /// <summary>The error number EPERM: the process may not do this (for example give a file to another user).</summary>
    internal static bool IsNotPermitted(int error) => error == NotPermitted;

    [LibraryImport(Libc, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatX(int directory, string path, int flags, uint mask, out StatxBuffer buffer);

    [LibraryImport(Libc, EntryPoint = "fchown", SetLastError = true)]
    private static partial int FChOwn(int descriptor, uint owner, uint group);

    [LibraryImport(Libc, EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int processId, int signal);

    /// <summary>struct statx (linux/stat.h): 256 bytes, the same on every architecture; only the fields read here.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(0)]
        public uint Mask;

        [FieldOffset(20)]
        public uint Uid;

        [FieldOffset(24)]
        public uint Gid;

        [FieldOffset(28)]
        public ushort Mode;
    }
}
