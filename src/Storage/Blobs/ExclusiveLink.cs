using System.Runtime.InteropServices;

namespace Hark.Storage.Blobs;

/// <summary>
/// Publishes a finished temp file under its final name only if that name is free, atomically. File.Move without
/// overwrite is not atomic on every Unix file system (where it cannot ask the kernel for no-replace it checks for the
/// target, then renames), so two racing writers can both "win": a concurrent put-if-absent test saw two winners on
/// a loaded machine. link(2) fails with EEXIST instead, in one step, on every POSIX file system with hard links.
/// </summary>
internal static partial class ExclusiveLink
{
    private const int AlreadyExists = 17; // EEXIST on Linux and macOS

    /// <summary>True when <paramref name="temp"/> now also lives at <paramref name="path"/>; false when the name was taken.</summary>
    public static bool TryPublish(string temp, string path)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            // Windows' MoveFileEx without MOVEFILE_REPLACE_EXISTING fails atomically when the target exists.
            try
            {
                File.Move(temp, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }
        if (Link(temp, path) == 0)
        {
            File.Delete(temp);
            return true;
        }
        int error = Marshal.GetLastPInvokeError();
        if (error == AlreadyExists)
        {
            return false;
        }
        throw new IOException($"cannot publish {path}: {Marshal.GetPInvokeErrorMessage(error)} (the archive directory needs hard links)");
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string oldPath, string newPath);
}
