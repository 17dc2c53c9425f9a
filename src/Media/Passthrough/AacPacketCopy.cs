using Hark.Media.Aac;
using Hark.Media.Errors;
using Hark.Media.Tools;

namespace Hark.Media.Passthrough;

/// <summary>
/// Takes a source's AAC packets out of their container without decoding them: ffmpeg demuxes (MP4, MOV, Matroska,
/// ADTS, ...) and writes the packets untouched as ADTS ("-c:a copy -f adts"); the ADTS headers are dropped again,
/// so the caller receives the source's raw frames byte for byte. Runs at the speed of reading the file.
/// </summary>
public static class AacPacketCopy
{
    /// <param name="audioStream">Which audio stream of the file, counted from 0 (ffmpeg's 0:a:N).</param>
    /// <param name="onRawFrame">Receives each raw AAC frame; the memory is reused after the returned task completes.</param>
    public static async Task<AacCopyResult> CopyAsync(string path, int audioStream, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onRawFrame,
        CancellationToken ct)
    {
        var (format, frames) = await StreamCopyProcess.RunAsync(path, audioStream, FileUrl.For(path), "adts", MediaTimeouts.Inactivity,
            (stdout, watchdog) => AdtsFramePump.ReadAsync(stdout, onRawFrame, watchdog, ct), ct).ConfigureAwait(false);
        return format is { } found
            ? new AacCopyResult(found, frames)
            : throw new UnsupportedMediaException($"{Path.GetFileName(path)}: the audio stream holds no AAC frames");
    }
}
