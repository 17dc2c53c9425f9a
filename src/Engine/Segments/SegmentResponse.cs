using Hark.Storage;

namespace Hark.Engine.Segments;

/// <summary>
/// Size and media type of a segment answer, known before any sample is decoded, so an HTTP answer can carry
/// Content-Length while it streams.
/// </summary>
public static class SegmentResponse
{
    public static long ByteLength(RecordingMetadata metadata, SegmentFormat format, long count) =>
        SegmentOutput.ByteLength(metadata, format, count);

    public static string ContentType(SegmentFormat format) =>
        format == SegmentFormat.Wav ? "audio/wav" : "application/octet-stream";
}
