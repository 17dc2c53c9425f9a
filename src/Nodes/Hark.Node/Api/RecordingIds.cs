using System.Text.RegularExpressions;

namespace Hark.Node.Api;

/// <summary>The id a recording gets when the request names none: the source's file name, made valid.</summary>
public static partial class RecordingIds
{
    public static string FromPath(string path)
    {
        var stem = System.IO.Path.GetFileNameWithoutExtension(path.TrimEnd('/'));
        var id = InvalidCharacters().Replace(stem, "-").TrimStart('-', '.', '_');
        return id.Length == 0 ? "recording" : id[..Math.Min(id.Length, 128)];
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex InvalidCharacters();
}
