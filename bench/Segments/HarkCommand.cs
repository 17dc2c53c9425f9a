namespace Hark.Bench.Segments;

/// <summary>The repository's <c>hark</c> launcher, found by walking up from this program's directory.</summary>
internal static class HarkCommand
{
    public static string Locate(string? given)
    {
        if (given is not null)
        {
            return Path.GetFullPath(given);
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "hark");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Cluster.sln")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("the hark launcher was not found above this program; pass --hark PATH");
    }
}
