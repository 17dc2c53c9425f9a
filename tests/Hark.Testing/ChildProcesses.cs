using System.Globalization;
using System.Text;

namespace Hark.Testing;

/// <summary>A process started by this one, as /proc shows it.</summary>
public sealed record RunningProcess(int Id, IReadOnlyList<string> Arguments)
{
    public string CommandLine => string.Join(' ', Arguments);
}

/// <summary>
/// The live (not yet ended) direct children of the test process, read from /proc: a test can check that a tool
/// Hark started is running, and later that it is really gone, without Hark's help.
/// </summary>
public static class ChildProcesses
{
    public static IReadOnlyList<RunningProcess> Running()
    {
        int self = Environment.ProcessId;
        var children = new List<RunningProcess>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out int id)
                || TryReadStat(folder) is not { } stat || stat.Parent != self || stat.State == 'Z')
            {
                continue;
            }
            if (TryRead(Path.Combine(folder, "cmdline")) is { Length: > 0 } cmdline)
            {
                children.Add(new RunningProcess(id, Encoding.UTF8.GetString(cmdline).TrimEnd('\0').Split('\0')));
            }
        }
        return children;
    }

    /// <summary>Live children whose command line contains <paramref name="text"/> (a file path, a URL).</summary>
    public static IReadOnlyList<RunningProcess> RunningWith(string text) =>
        [.. Running().Where(c => c.Arguments.Any(a => a.Contains(text, StringComparison.Ordinal)))];

    /// <summary>State and parent from /proc/PID/stat; the name in parentheses may itself hold spaces or ')'.</summary>
    private static (char State, int Parent)? TryReadStat(string folder)
    {
        if (TryRead(Path.Combine(folder, "stat")) is not { } bytes)
        {
            return null;
        }
        string stat = Encoding.UTF8.GetString(bytes);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
    }

    private static byte[]? TryRead(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process ended while we looked.
            return null;
        }
    }
}
