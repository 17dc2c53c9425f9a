namespace Hark.Testing;

/// <summary>
/// The system's chromium (scripts/setup.sh installs Debian's), found on PATH: browser tests drive it headless and never
/// download a browser of their own.
/// </summary>
public static class Chromium
{
    public static string ExecutablePath { get; } = Find();

    private static string Find()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new InvalidOperationException("no chromium on PATH: scripts/setup.sh tests installs it");
    }
}
