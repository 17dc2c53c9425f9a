using System.Text.RegularExpressions;
using Hark.Media.Errors;

namespace Hark.Media.Tools;

/// <summary>The ffmpeg build in use ("5.1.9-0+deb12u1"), asked once per process: recorded with every encode.</summary>
public static partial class FfmpegVersion
{
    private static Task<string>? _version;

    /// <summary>The cached answer; a failed or timed-out question is asked again on the next call.</summary>
    public static Task<string> GetAsync()
    {
        var version = _version;
        if (version is null || version.IsFaulted)
        {
            version = QueryAsync(MediaTimeouts.Version);
            _version = version;
        }
        return version;
    }

    private static async Task<string> QueryAsync(TimeSpan bound)
    {
        using var process = ChildProcess.Start(MediaTools.Ffmpeg, ["-hide_banner", "-version"], redirectInput: false);
        var stderr = new StderrTail(process);
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            string first = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) ?? "";
            await process.StandardOutput.ReadToEndAsync(timeout.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            await stderr.Completion.ConfigureAwait(false);
            var match = VersionLine().Match(first);
            return match.Success ? match.Groups[1].Value : "unknown";
        }
        catch (OperationCanceledException)
        {
            throw new MediaProcessException($"{MediaTools.Ffmpeg} -version timed out after {MediaTimeouts.Describe(bound)}");
        }
        finally
        {
            await ChildProcess.EndAsync(process).ConfigureAwait(false);
        }
    }

    [GeneratedRegex(@"^ffmpeg version (\S+)")]
    private static partial Regex VersionLine();
}
