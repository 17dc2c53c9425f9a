namespace Hark.Node.Security;

/// <summary>
/// A path as the file system will follow it: absolute, every symbolic link among its components replaced by its final
/// target, and each <c>..</c> taken after the link before it is followed (as the kernel does: <c>link/..</c> is the
/// target's parent, not the folder holding the link). Components that do not exist are kept as written.
/// </summary>
public static class RealPath
{
    /// <summary>Links inside links inside links: beyond this a path is a loop, and refused like one.</summary>
    private const int MaxLinks = 40;

    public static string Resolve(string path) => Resolve(path, depth: 0);

    private static string Resolve(string path, int depth)
    {
        if (depth > MaxLinks)
        {
            throw new IOException("too many levels of symbolic links");
        }
        var absolute = Path.IsPathRooted(path) ? path : Path.Combine(Environment.CurrentDirectory, path);
        var resolved = Path.GetPathRoot(absolute) ?? "/";
        var components = absolute[resolved.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        foreach (var component in components)
        {
            if (component == ".")
            {
                continue;
            }
            if (component == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? resolved;
                continue;
            }
            resolved = Path.Combine(resolved, component);
            resolved = FollowLink(resolved, depth);
        }
        return resolved;
    }

    private static string FollowLink(string path, int depth)
    {
        FileSystemInfo entry = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (entry.LinkTarget is null)
        {
            return path;
        }
        // The final target, with its own components resolved too (a relative link is relative to the link's folder).
        var target = entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        return Resolve(target, depth + 1);
    }
}
