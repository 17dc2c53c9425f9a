using Hark.Codec.Mp4;
using Hark.Storage;

namespace Hark.Engine.Export;

/// <summary>
/// Writes a stored AAC or Opus recording (or a stretch of it) as an M4A file: the stored frames, never re-encoded, with moov
/// before mdat and an edit list that makes a player output exactly the requested samples.
/// </summary>
public static class M4aExport
{
    /// <summary>Refused before the first byte for a LAC recording (<see cref="PacketExport"/>).</summary>
    public static async Task WriteAsync(RecordingReader reader, long firstSample, long endSample, Stream destination, CancellationToken ct)
    {
        var file = await OpenAsync(reader, firstSample, endSample, ct);
        await file.WriteAsync(0, file.Length, destination, ct);
    }

    /// <summary>The export laid out (its length known, no audio read yet), to write whole or by byte ranges; the index pages of its frames are loaded.</summary>
    public static async Task<M4aExportFile> OpenAsync(RecordingReader reader, long firstSample, long endSample, CancellationToken ct)
    {
        PacketExport.Require(reader.Metadata, ExportFormat.M4a);
        var needed = ExportFrames.For(reader.Metadata, reader.Index, firstSample, endSample);
        await reader.Index.EnsureAsync(needed.FirstFrame, needed.FrameCount, ct);
        var (header, frames) = Plan(reader.Metadata, reader.Index, firstSample, endSample);
        return new M4aExportFile(reader, header, frames, firstSample, endSample);
    }

    /// <summary>Which frames [firstSample, endSample) needs, and the header whose edit plays exactly those samples of them.</summary>
    private static (M4aHeader Header, ExportFrames Frames) Plan(RecordingMetadata metadata, RecordingIndex index, long firstSample, long endSample)
    {
        PacketExport.Require(metadata, ExportFormat.M4a);
        var frames = ExportFrames.For(metadata, index, firstSample, endSample);
        var track = new M4aTrack(
            metadata.SampleRate,
            metadata.Channels,
            metadata.AudioSpecificConfig is { } config ? Convert.FromHexString(config) : [],
            index.SamplesPerFrame,
            new IndexFrameSizes(index, frames.FirstFrame, frames.FrameCount),
            MediaTime: frames.SkippedSamples,
            PlayedSamples: endSample - firstSample,
            metadata.StartTime ?? metadata.Created,
            M4aTags.For(metadata))
        {
            Timecode = TimecodeOf(metadata, firstSample),
            Opus = metadata.Codec == AudioCodec.Opus ? OpusDops.For(metadata) : null,
        };
        return (M4aHeader.For(track), frames);
    }

    /// <summary>The time of day of the first exported sample, when the recording's start is known (else no timecode track).</summary>
    private static Mp4Timecode? TimecodeOf(RecordingMetadata metadata, long firstSample) =>
        metadata.StartTime is { } start && Mp4Timecode.RateFor(metadata.SampleRate) is { } framesPerSecond
            ? Mp4Timecode.At(start, firstSample, metadata.SampleRate, framesPerSecond)
            : null;
}
