using System.Buffers;
using Hark.Codec.Adts;
using Hark.Storage;

namespace Hark.Engine.Export;

/// <summary>Writes a stored AAC recording (or a stretch of it) as an ADTS stream: the stored frames, re-wrapped, no re-encoding.</summary>
public static class AdtsExport
{
    private const int FramesPerRead = 256;

    /// <summary>
    /// ADTS cuts at frames: a stretch starts one frame early (the decoder's pre-roll) and ends with the frame holding
    /// its last sample, so a player decodes every requested sample. A whole export starts at frame 0, priming included.
    /// </summary>
    /// <summary>Only AAC frames can be wrapped as ADTS: anything else is an <see cref="ExportNotPossibleException"/>.</summary>
    public static void RequireAac(RecordingMetadata metadata)
    {
        if (metadata.Codec != AudioCodec.Aac)
        {
            throw new ExportNotPossibleException(
                $"recording {metadata.Id} is {metadata.Codec.Name()}; ADTS carries AAC only: export it as {ExportFormat.Wav.Name()}");
        }
    }

    public static async Task WriteAsync(RecordingReader reader, long firstSample, long endSample, Stream destination, CancellationToken ct)
    {
        var meta = reader.Metadata;
        RequireAac(meta);
        var index = reader.Index;
        int firstFrame = firstSample == 0 ? 0 : (int)Math.Max(0, (firstSample + meta.PrimingSamples) / index.SamplesPerFrame - 1);
        int lastFrame = endSample >= meta.TotalSamples
            ? index.FrameCount - 1
            : (int)Math.Min(index.FrameCount - 1, (endSample - 1 + meta.PrimingSamples) / index.SamplesPerFrame);
        // Frames are wrapped into a batch in memory and the batch written asynchronously: an HTTP answer refuses
        // synchronous writes, and one write per batch is cheaper than one per frame.
        using var batch = new MemoryStream();
        var writer = new AdtsWriter(batch, AdtsStreamFormat.FromAudioSpecificConfig(Convert.FromHexString(meta.AudioSpecificConfig!)));
        var buffer = ArrayPool<byte>.Shared.Rent(FramesPerRead * 2048);
        try
        {
            for (int frame = firstFrame; frame <= lastFrame; frame += FramesPerRead)
            {
                int count = Math.Min(FramesPerRead, lastFrame - frame + 1);
                int bytes = reader.FrameBytes(frame, count);
                if (bytes > buffer.Length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(bytes);
                }
                await reader.ReadFramesAsync(frame, count, buffer.AsMemory(0, bytes), ct);
                int position = 0;
                for (int i = 0; i < count; i++)
                {
                    int size = index.FrameSize(frame + i);
                    writer.Write(buffer.AsSpan(position, size));
                    position += size;
                }
                await destination.WriteAsync(batch.GetBuffer().AsMemory(0, (int)batch.Length), ct);
                batch.SetLength(0);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        await destination.FlushAsync(ct);
    }
}
