using Hark.Engine.Segments;
using Hark.Storage;

namespace Hark.Node.Tests.Fixtures;

/// <summary>A recording read straight from the archive, bypassing every node: what a cluster's answers are checked against.</summary>
public static class ArchiveContents
{
    public static async Task<byte[]> WholeAsync(ArchiveStore archive, string id, SegmentFormat format = SegmentFormat.F32)
    {
        var segments = new SegmentReader(new RecordingCache(archive));
        var meta = await segments.GetRecordingAsync(id, CancellationToken.None);
        using var bytes = new MemoryStream();
        await segments.ReadSegmentAsync(id, 0, meta.TotalSamples, format, bytes, CancellationToken.None);
        return bytes.ToArray();
    }
}
