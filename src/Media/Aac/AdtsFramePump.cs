using Hark.Codec.Adts;
using Hark.Media.Errors;
using Hark.Media.Tools;

namespace Hark.Media.Aac;

/// <summary>
/// Reads the ADTS stream an ffmpeg child writes (an encode, or a copy of a source's packets) and hands each raw AAC
/// frame, header removed, to the caller: one place that checks ffmpeg's framing for both.
/// </summary>
internal static class AdtsFramePump
{
    /// <summary>Returns the stream's format (from the first header) and the frame count.</summary>
    public static async Task<(AdtsStreamFormat? Format, long Frames)> ReadAsync(
        Stream stdout, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onRawFrame, InactivityWatchdog watchdog, CancellationToken ct)
    {
        using var adts = new AdtsFrameReader(stdout, leaveOpen: true);
        AdtsStreamFormat? format = null;
        long frames = 0;
        while (adts.TryReadNext(out var frame))
        {
            if (format is null)
            {
                format = AdtsStreamFormat.From(frame.Header);
            }
            if (frame.Header.RawDataBlocks != 0)
            {
                throw new MediaProcessException($"ffmpeg wrote an ADTS frame with {frame.Header.RawDataBlocks + 1} raw blocks; Hark stores one per frame");
            }
            try
            {
                using var turn = watchdog.EnterCallerTurn();
                await onRawFrame(frame.Payload, ct).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                throw new CallbackFailure(e);
            }
            frames++;
        }
        if (adts.BytesSkipped > 0 || adts.TruncatedBytes > 0)
        {
            throw new MediaProcessException($"ffmpeg's ADTS output was damaged ({adts.BytesSkipped} bytes skipped, {adts.TruncatedBytes} truncated)");
        }
        return (format, frames);
    }
}
