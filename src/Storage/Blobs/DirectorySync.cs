using System.Runtime.InteropServices;

namespace Hark.Storage.Blobs;

/// <summary>
/// fsync of a directory, so a rename inside it survives a power loss. .NET has no API for it (it refuses to
/// open a directory as a file), so this calls libc on Linux and macOS and does nothing elsewhere.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;

    public static void Flush(string directory)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            return;
        }
        int fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            return; // best effort: the file itself is already flushed
        }
        try
        {
            _ = FSync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
