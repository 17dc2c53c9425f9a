using Hark.Codec.Ogg;
using Hark.Codec.Opus;
using Hark.Media.Errors;
using Hark.Media.Tools;

namespace Hark.Media.Passthrough;

/// <summary>
/// Takes a source's Opus packets out of their container without decoding them: ffmpeg demuxes (Ogg, WebM,
/// Matroska, MP4, ...) and writes the packets untouched as Ogg ("-c:a copy -f ogg"), whose first packet is the
/// stream's OpusHead; the audio packets go to the caller byte for byte, each with its length from its TOC.
/// </summary>
public static class OpusPacketCopy
{
    /// <param name="audioStream">Which audio stream of the file, counted from 0 (ffmpeg's 0:a:N).</param>
    /// <param name="onPacket">Receives each audio packet and the samples (at 48 kHz) it decodes to.</param>
    public static Task<OpusCopyResult> CopyAsync(string path, int audioStream, Func<ReadOnlyMemory<byte>, int, CancellationToken, ValueTask> onPacket,
        CancellationToken ct) =>
        StreamCopyProcess.RunAsync(path, audioStream, FileUrl.For(path), "ogg", MediaTimeouts.Inactivity,
            (stdout, watchdog) => ReadAsync(stdout, Path.GetFileName(path), onPacket, watchdog, ct), ct);

    private static async Task<OpusCopyResult> ReadAsync(Stream stdout, string name, Func<ReadOnlyMemory<byte>, int, CancellationToken, ValueTask> onPacket,
        InactivityWatchdog watchdog, CancellationToken ct)
    {
        var ogg = new OggPacketReader(stdout);
        OpusHead head;
        try
        {
            head = ogg.ReadPacket() is { } first && OpusHead.TryParse(first.Bytes, out var parsed)
                ? parsed
                : throw new UnsupportedMediaException($"{name}: the copied stream does not start with an OpusHead");
            _ = ogg.ReadPacket(); // OpusTags
        }
        catch (InvalidDataException e)
        {
            throw new MediaProcessException($"ffmpeg's Ogg output for {name} was damaged: {e.Message}");
        }
        long packets = 0, samples = 0;
        while (true)
        {
            OggPacket? packet;
            try
            {
                packet = ogg.ReadPacket();
            }
            catch (InvalidDataException e)
            {
                throw new MediaProcessException($"ffmpeg's Ogg output for {name} was damaged: {e.Message}");
            }
            if (packet is null)
            {
                break;
            }
            int duration = OpusToc.SamplesPerPacket(packet.Bytes);
            if (duration == 0)
            {
                throw new UnsupportedMediaException($"{name}: Opus packet {packets} is malformed (its TOC gives no length)");
            }
            try
            {
                using var turn = watchdog.EnterCallerTurn();
                await onPacket(packet.Bytes, duration, ct).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                throw new CallbackFailure(e);
            }
            packets++;
            samples += duration;
        }
        if (packets == 0)
        {
            throw new UnsupportedMediaException($"{name}: the audio stream holds no Opus packets");
        }
        return new OpusCopyResult(head, packets, samples);
    }
}
