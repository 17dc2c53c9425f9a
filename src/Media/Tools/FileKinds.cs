using System.Runtime.InteropServices;

namespace Hark.Media.Tools;

/// <summary>
/// The kind of file a path names (symbolic links followed), from statx(2). .NET reports a named pipe or a device
/// as an existing file, and opening one to look closer blocks (a FIFO's open waits for a writer), so the kind is
/// asked of the kernel without opening anything. statx's layout is the same on every Linux architecture.
/// </summary>
internal static partial class FileKinds
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x1;
    private const int StatxSize = 256;
    private const int ModeOffset = 28;
    private const int NoSuchFile = 2;
    private const int NotADirectory = 20;

    public static FileKind Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            // No statx: a pipe or device cannot be told from a file here, so only what .NET itself can tell.
            return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
        }
        Span<byte> buffer = stackalloc byte[StatxSize];
        if (Statx(AtCurrentDirectory, path, 0, StatxType, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            return Marshal.GetLastPInvokeError() is NoSuchFile or NotADirectory ? FileKind.Missing : FileKind.Inaccessible;
        }
        int mode = BitConverter.ToUInt16(buffer.Slice(ModeOffset, 2));
        return (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.NamedPipe,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, ref byte buffer);
}
