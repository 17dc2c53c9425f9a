using Hark.Codec.Index;
using Hark.Codec.Mp4;
using Hark.Storage;

namespace Hark.Engine.Export;

/// <summary>
/// Writes a stored AAC recording (or a stretch of it) as an M4A file: the stored frames, never re-encoded, with moov
/// before mdat and an edit list that makes a player output exactly the requested samples.
/// </summary>
public static class M4aExport
{
    /// <summary>Only AAC frames go into this M4A: anything else is an <see cref="ExportNotPossibleException"/>.</summary>
    public static void RequireAac(RecordingMetadata metadata)
    {
        if (metadata.Codec != AudioCodec.Aac)
        {
            string kind = metadata.Codec == AudioCodec.Lac ? "LAC (lossless)" : metadata.Codec.Name();
            throw new ExportNotPossibleException(
                $"recording {metadata.Id} is {kind}; M4A carries AAC: export it as {ExportFormat.Wav.Name()}");
        }
    }

    /// <summary>The header for [firstSample, endSample): which frames, and the edit that plays the requested samples of them.</summary>
    public static M4aHeader Header(RecordingMetadata metadata, FrameIndex index, long firstSample, long endSample)
    {
        RequireAac(metadata);
        var frames = AacExportFrames.For(metadata, index, firstSample, endSample);
        var track = new M4aTrack(
            metadata.SampleRate,
            metadata.Channels,
            Convert.FromHexString(metadata.AudioSpecificConfig!),
            index.SamplesPerFrame,
            new IndexFrameSizes(index, frames.FirstFrame, frames.FrameCount),
            MediaTime: frames.SkippedSamples,
            PlayedSamples: endSample - firstSample,
            metadata.StartTime ?? metadata.Created,
            M4aTags.For(metadata));
        return M4aHeader.For(track);
    }

    public static async Task WriteAsync(RecordingReader reader, long firstSample, long endSample, Stream destination, CancellationToken ct)
    {
        var meta = reader.Metadata;
        var header = Header(meta, reader.Index, firstSample, endSample);
        var frames = AacExportFrames.For(meta, reader.Index, firstSample, endSample);
        await destination.WriteAsync(header.Bytes, ct);
        // mdat is the frames back to back, exactly as stored: each batch is written as read.
        await foreach (var batch in StoredFrameBatches.ReadAsync(reader, frames.FirstFrame, frames.LastFrame, ct))
        {
            await destination.WriteAsync(batch.Bytes, ct);
        }
        await destination.FlushAsync(ct);
    }
}
