using System.ComponentModel;
using System.Diagnostics;
using Hark.Media.Errors;

namespace Hark.Media.Tools;

/// <summary>Starts ffmpeg/ffprobe with redirected streams and without Hark's secrets (<see cref="ChildEnvironment"/>),
/// and ends them reliably.</summary>
internal static class ChildProcess
{
    public static Process Start(string program, IEnumerable<string> arguments, bool redirectInput)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        ChildEnvironment.Scrub(start);
        try
        {
            return Process.Start(start) ?? throw new MediaProcessException($"{program} could not be started");
        }
        catch (Win32Exception e)
        {
            throw new MediaProcessException($"{program} could not be started: {e.Message}");
        }
    }

    /// <summary>Kills the process if it still runs and waits for it, swallowing the races of a process that just ended.</summary>
    public static async Task EndAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>"ffmpeg failed (exit 1): last line" — what every process failure reports.</summary>
    public static string Describe(string what, int exitCode, string? lastLine) =>
        lastLine is null ? $"{what} failed (exit {exitCode})" : $"{what} failed (exit {exitCode}): {lastLine}";
}
