using Hark.Actors.Contracts;
using Hark.Node.Configuration;

namespace Hark.Node.Security;

/// <summary>
/// The folders an HTTP import may read from (HARK_IMPORT_ROOTS). A source is admitted when its real path (links and
/// <c>..</c> resolved, <see cref="RealPath"/>) lies inside a root's real path; the import then reads that real path,
/// so a link changed after the check cannot lead it elsewhere. With no roots the API imports nothing. The CLI's own
/// imports in its process read what its user can read and never come here.
/// </summary>
public sealed class ImportRoots(NodeOptions options)
{
    private readonly IReadOnlyList<string> _roots = options.ImportRoots;

    private readonly IReadOnlyList<string> _containers = [.. options.ImportContainers.Select(c => "az://" + c.Trim('/') + "/")];

    /// <summary>
    /// The real path of <paramref name="path"/> when it lies inside a root; a blob (<c>az://...</c>) as it is when it
    /// lies in one of the import containers (no <c>..</c> segments); else an <see cref="ImportPathRefusedException"/>.
    /// </summary>
    public string Admit(string path)
    {
        if (path.StartsWith("az://", StringComparison.OrdinalIgnoreCase))
        {
            bool climbs = path.Split('/').Any(segment => segment is "." or "..");
            return !climbs && _containers.Any(c => path.StartsWith(c, StringComparison.Ordinal) || path + "/" == c)
                ? path
                : throw new ImportPathRefusedException(_containers.Count == 0
                    ? $"this node imports no blobs over HTTP: it has no import containers ({NodeSettingNames.ImportContainers.Variable})"
                    : $"\"path\" is not inside the node's import containers ({NodeSettingNames.ImportContainers.Variable})");
        }
        string real;
        try
        {
            real = RealPath.Resolve(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw Refused();
        }
        foreach (var root in _roots)
        {
            var realRoot = RealPath.Resolve(root);
            var inside = realRoot.EndsWith(Path.DirectorySeparatorChar) ? realRoot : realRoot + Path.DirectorySeparatorChar;
            if (real == realRoot || real.StartsWith(inside, StringComparison.Ordinal))
            {
                return real;
            }
        }
        throw Refused();
    }

    /// <summary>Names neither the path nor whether it exists: only what would admit it.</summary>
    private ImportPathRefusedException Refused() => new(_roots.Count == 0
        ? $"this node imports no files over HTTP: it has no import roots ({NodeSettingNames.ImportRoots.Variable})"
        : $"\"path\" is not inside the node's import roots ({NodeSettingNames.ImportRoots.Variable})");
}
