using Hark.Codec.Adts;
using Hark.Storage;

namespace Hark.Engine.Export;

/// <summary>Writes a stored AAC recording (or a stretch of it) as an ADTS stream: the stored frames, re-wrapped, no re-encoding.</summary>
public static class AdtsExport
{
    /// <summary>The frames <see cref="ExportFrames"/> chooses for [firstSample, endSample), each with its ADTS header.</summary>
    public static async Task WriteAsync(RecordingReader reader, long firstSample, long endSample, Stream destination, CancellationToken ct)
    {
        var meta = reader.Metadata;
        PacketExport.Require(meta, ExportFormat.Adts);
        var index = reader.Index;
        var frames = ExportFrames.For(meta, index, firstSample, endSample);
        // Frames are wrapped into a batch in memory and the batch written asynchronously: an HTTP answer refuses
        // synchronous writes, and one write per batch is cheaper than one per frame.
        using var batch = new MemoryStream();
        var writer = new AdtsWriter(batch, AdtsStreamFormat.FromAudioSpecificConfig(Convert.FromHexString(meta.AudioSpecificConfig!)));
        await foreach (var read in StoredFrameBatches.ReadAsync(reader, frames.FirstFrame, frames.LastFrame, ct))
        {
            int position = 0;
            for (int i = 0; i < read.FrameCount; i++)
            {
                int size = index.FrameSize(read.FirstFrame + i);
                writer.Write(read.Bytes.Span.Slice(position, size));
                position += size;
            }
            await destination.WriteAsync(batch.GetBuffer().AsMemory(0, (int)batch.Length), ct);
            batch.SetLength(0);
        }
        await destination.FlushAsync(ct);
    }
}
