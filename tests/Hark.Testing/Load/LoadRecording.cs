using Hark.Engine.Segments;
using Hark.Storage;

namespace Hark.Testing.Load;

/// <summary>A recording under load and what every answer about it must equal: its whole decode, read from the
/// archive directly (f32, interleaved), as one sequential decode gives it.</summary>
public sealed record LoadRecording(string Id, int SampleRate, int Channels, long TotalSamples, byte[] WholeF32)
{
    public int BytesPerSample => Channels * sizeof(float);

    public static async Task<LoadRecording> DecodeAsync(ArchiveStore archive, string id)
    {
        var segments = new SegmentReader(new RecordingCache(archive));
        var meta = await segments.GetRecordingAsync(id, CancellationToken.None);
        using var bytes = new MemoryStream();
        await segments.ReadSegmentAsync(id, 0, meta.TotalSamples, SegmentFormat.F32, bytes, CancellationToken.None);
        return new LoadRecording(id, meta.SampleRate, meta.Channels, meta.TotalSamples, bytes.ToArray());
    }
}
