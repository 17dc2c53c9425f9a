using System.Text.RegularExpressions;

namespace Hark.Media.Tools;

/// <summary>The ffmpeg build in use ("5.1.9-0+deb12u1"), asked once per process: recorded with every encode.</summary>
public static partial class FfmpegVersion
{
    private static readonly Lazy<Task<string>> Version = new(QueryAsync);

    public static Task<string> GetAsync() => Version.Value;

    private static async Task<string> QueryAsync()
    {
        using var process = ChildProcess.Start(MediaTools.Ffmpeg, ["-hide_banner", "-version"], redirectInput: false);
        var stderr = new StderrTail(process);
        string first = await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) ?? "";
        await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        await stderr.Completion.ConfigureAwait(false);
        var match = VersionLine().Match(first);
        return match.Success ? match.Groups[1].Value : "unknown";
    }

    [GeneratedRegex(@"^ffmpeg version (\S+)")]
    private static partial Regex VersionLine();
}
