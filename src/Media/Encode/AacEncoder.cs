using System.Buffers;
using Hark.Media.Aac;

namespace Hark.Media.Encode;

/// <summary>
/// Encodes interleaved float PCM to AAC-LC with ffmpeg's native encoder, in process through libavcodec: the frames
/// are those of <c>ffmpeg -c:a aac -aac_pns 0 -b:a N</c> on the same samples, with no process, pipe or format
/// conversion between. The callback receives raw frames (no ADTS header).
/// Perceptual noise substitution is off: its decoder-side random noise would make two decodes of one frame differ.
/// </summary>
public static class AacEncoder
{
    /// <summary>ffmpeg's aac encoder delays its output by one frame.</summary>
    public const int FfmpegPrimingSamples = 1024;

    private const int FramesPerRead = 4 * AacFrameEncoder.FrameSamples;

    /// <param name="readPcm">Fills interleaved floats; returns frames (samples per channel) written, 0 at the end.</param>
    /// <param name="onRawFrame">Receives each raw AAC frame; the memory is reused after the returned task completes.</param>
    public static async Task<AacEncodeResult> EncodeAsync(
        AacEncoderSettings settings,
        Func<Memory<float>, CancellationToken, ValueTask<int>> readPcm,
        Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onRawFrame,
        CancellationToken ct)
    {
        using var encoder = new AacFrameEncoder(settings);
        int channels = settings.Channels;
        int capacity = FramesPerRead * channels;
        var samples = ArrayPool<float>.Shared.Rent(capacity);
        long input = 0;
        long output = 0;
        try
        {
            // Frames of exactly 1024 go to the encoder whatever the source's reads return; a remainder waits for the next read.
            int held = 0;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                int frames = await readPcm(samples.AsMemory(held * channels, (FramesPerRead - held) * channels), ct).ConfigureAwait(false);
                if (frames < 0 || frames > FramesPerRead - held)
                {
                    throw new InvalidOperationException($"The PCM source returned {frames} frames for a buffer of {FramesPerRead - held}.");
                }
                input += frames;
                held += frames;
                bool end = frames == 0;
                int sent = 0;
                while (held - sent >= AacFrameEncoder.FrameSamples || (end && held > sent))
                {
                    int take = Math.Min(AacFrameEncoder.FrameSamples, held - sent);
                    encoder.Send(samples.AsSpan(sent * channels, take * channels));
                    sent += take;
                    output += await DrainAsync(encoder, onRawFrame, ct).ConfigureAwait(false);
                }
                samples.AsSpan(sent * channels, (held - sent) * channels).CopyTo(samples);
                held -= sent;
                if (end)
                {
                    break;
                }
            }
            encoder.Flush();
            output += await DrainAsync(encoder, onRawFrame, ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(samples);
        }
        if (output == 0)
        {
            throw new InvalidOperationException("the AAC encode was given no samples");
        }
        return new AacEncodeResult(AacFrameEncoder.AudioSpecificConfigFor(settings), output, FfmpegPrimingSamples, AacFrameEncoder.Name, input,
            settings.EffectiveBitRate);
    }

    private static async ValueTask<long> DrainAsync(AacFrameEncoder encoder, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onRawFrame,
        CancellationToken ct)
    {
        long count = 0;
        while (encoder.TryReceive(out var frame))
        {
            await onRawFrame(frame, ct).ConfigureAwait(false);
            count++;
        }
        return count;
    }
}
