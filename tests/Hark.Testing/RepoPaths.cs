namespace Hark.Testing;

/// <summary>Locates the repository (the folder holding Cluster.sln) from a test's working directory.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string HarkScript => Path.Combine(Root, "hark");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cluster.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cluster.sln not found above the test's folder.");
    }
}
