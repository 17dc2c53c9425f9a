using System.Globalization;
using System.Runtime.ExceptionServices;
using Hark.Codec.Ogg;
using Hark.Codec.Opus;
using Hark.Media.Errors;
using Hark.Media.Probe;
using Hark.Media.Tools;

namespace Hark.Media.Passthrough;

/// <summary>
/// Takes a source's Opus packets out of their container without decoding them: ffmpeg demuxes (Ogg, WebM,
/// Matroska, MP4, ...) and writes the packets untouched as Ogg ("-c:a copy -f ogg"), whose first packet is the
/// stream's OpusHead; the audio packets go to the caller byte for byte, each with its length from its TOC.
/// </summary>
public static class OpusPacketCopy
{
    /// <param name="onPacket">Receives each audio packet and the samples (at 48 kHz) it decodes to.</param>
    public static async Task<OpusCopyResult> CopyAsync(SourceInfo source, Func<ReadOnlyMemory<byte>, int, CancellationToken, ValueTask> onPacket, CancellationToken ct)
    {
        SourceFile.RefuseSpecial(source.Path);
        string name = Path.GetFileName(source.Path);
        string[] arguments =
        [
            "-nostdin", "-hide_banner", "-loglevel", "error",
            "-i", FileUrl.For(source.Path),
            "-map", string.Create(CultureInfo.InvariantCulture, $"0:a:{source.AudioStream}"),
            "-c:a", "copy", "-f", "ogg", "pipe:1",
        ];
        using var process = ChildProcess.Start(MediaTools.Ffmpeg, arguments, redirectInput: false);
        var stderr = new StderrTail(process);
        using var watchdog = new InactivityWatchdog(process, MediaTimeouts.Inactivity);
        var reader = Task.Run(() => ReadAsync(new ProgressStream(process.StandardOutput.BaseStream, watchdog), name, onPacket, watchdog, ct), CancellationToken.None);
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
        return reader.Result;
    }

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
