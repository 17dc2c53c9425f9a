using System.Globalization;
using System.Runtime.ExceptionServices;
using Hark.Codec.Adts;
using Hark.Media.Aac;
using Hark.Media.Errors;
using Hark.Media.Probe;
using Hark.Media.Tools;

namespace Hark.Media.Passthrough;

/// <summary>
/// Takes a source's AAC packets out of their container without decoding them: ffmpeg demuxes (MP4, MOV, Matroska,
/// ADTS, ...) and writes the packets untouched as ADTS ("-c:a copy -f adts"); the ADTS headers are dropped again,
/// so the caller receives the source's raw frames byte for byte. Runs at the speed of reading the file.
/// </summary>
public static class AacPacketCopy
{
    /// <param name="onRawFrame">Receives each raw AAC frame; the memory is reused after the returned task completes.</param>
    public static Task<AacCopyResult> CopyAsync(SourceInfo source, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onRawFrame, CancellationToken ct) =>
        CopyAsync(source, FileUrl.For(source.Path), MediaTimeouts.Inactivity, onRawFrame, ct);

    internal static async Task<AacCopyResult> CopyAsync(
        SourceInfo source, string input, TimeSpan inactivity, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onRawFrame, CancellationToken ct)
    {
        SourceFile.RefuseSpecial(source.Path);
        string name = Path.GetFileName(source.Path);
        string[] arguments =
        [
            "-nostdin", "-hide_banner", "-loglevel", "error",
            "-i", input,
            "-map", string.Create(CultureInfo.InvariantCulture, $"0:a:{source.AudioStream}"),
            "-c:a", "copy", "-f", "adts", "pipe:1",
        ];
        using var process = ChildProcess.Start(MediaTools.Ffmpeg, arguments, redirectInput: false);
        var stderr = new StderrTail(process);
        using var watchdog = new InactivityWatchdog(process, inactivity);
        var reader = Task.Run(() => AdtsFramePump.ReadAsync(new ProgressStream(process.StandardOutput.BaseStream, watchdog), onRawFrame, watchdog, ct),
            CancellationToken.None);
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
        var (format, frames) = reader.Result;
        if (format is null)
        {
            throw new UnsupportedMediaException($"{name}: the audio stream holds no AAC frames");
        }
        return new AacCopyResult(format.Value, frames);
    }
}
