using System.Globalization;
using System.Runtime.ExceptionServices;
using Hark.Media.Errors;
using Hark.Media.Tools;

namespace Hark.Media.Passthrough;

/// <summary>
/// One ffmpeg that copies audio stream <c>audioStream</c> of the file at <c>path</c> into <c>muxer</c>'s framing on its stdout ("-c:a copy"), read by
/// the caller's <c>read</c>; ffmpeg is killed when it stalls, and its failure, or the reader's, is one clear error.
/// </summary>
internal static class StreamCopyProcess
{
    public static async Task<T> RunAsync<T>(string path, int audioStream, string input, string muxer, TimeSpan inactivity,
        Func<Stream, InactivityWatchdog, Task<T>> read, CancellationToken ct)
    {
        SourceFile.RefuseSpecial(path);
        string name = Path.GetFileName(path);
        string[] arguments =
        [
            "-nostdin", "-hide_banner", "-loglevel", "error",
            "-i", input,
            "-map", string.Create(CultureInfo.InvariantCulture, $"0:a:{audioStream}"),
            "-c:a", "copy", "-f", muxer, "pipe:1",
        ];
        using var process = ChildProcess.Start(MediaTools.Ffmpeg, arguments, redirectInput: false);
        var stderr = new StderrTail(process);
        using var watchdog = new InactivityWatchdog(process, inactivity);
        var reader = Task.Run(() => read(new ProgressStream(process.StandardOutput.BaseStream, watchdog), watchdog), CancellationToken.None);
        try
        {
            await reader.ConfigureAwait(false);
        }
        catch
        {
            // Judged below, once ffmpeg has ended and its stderr is in.
            await ChildProcess.EndAsync(process).ConfigureAwait(false);
        }
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await stderr.Completion.ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        if (watchdog.Fired)
        {
            throw new MediaProcessException($"ffmpeg timed out after {MediaTimeouts.Describe(watchdog.Bound)} without progress copying the audio of {name}");
        }
        // A callback's own failure is the real cause; a broken pipe only means ffmpeg went away, and ffmpeg says why.
        if (reader.Exception?.InnerException is CallbackFailure failure)
        {
            ExceptionDispatchInfo.Throw(failure.InnerException!);
        }
        if (process.ExitCode != 0)
        {
            throw new MediaProcessException(ChildProcess.Describe($"ffmpeg copying the audio of {name}", process.ExitCode, stderr.LastLine), process.ExitCode);
        }
        if (reader.Exception?.InnerException is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }
        return reader.Result;
    }
}
