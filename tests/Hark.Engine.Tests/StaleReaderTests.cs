using System.Runtime.InteropServices;
using Hark.Engine.Import;
using Hark.Engine.Segments;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Engine.Tests;

/// <summary>
/// A node keeps open recordings in memory; another node may replace or delete one meanwhile, and the news of it may
/// arrive late. A read through the stale reader must answer from what the archive holds now, never call the
/// archive damaged, and a deleted recording is simply not found.
/// </summary>
public sealed class StaleReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-stale");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_recording_replaced_elsewhere_is_read_as_it_is_now_and_one_deleted_elsewhere_is_not_found()
    {
        // Noise barely compresses, so 40 s span several 1-MiB chunks: the second read needs a chunk not yet cached.
        var first = await AudioGenerator.GenerateAsync("anoisesrc=d=40:c=white:r=32000:a=0.5:s=1", _dir.File("first.wav"), "-c:a", "pcm_s16le");
        var second = await AudioGenerator.GenerateAsync("anoisesrc=d=40:c=pink:r=32000:a=0.5:s=2", _dir.File("second.wav"), "-c:a", "pcm_s16le");
        var here = ArchiveStore.Open(_dir.File("archive"));
        await here.EnsureCreatedAsync(CancellationToken.None);
        var request = new ImportRequest { Id = "owl", SourcePath = first, Codec = AudioCodec.Lac };
        await new LocalImporter(new ImportSteps(here)).ImportAsync(request, 2, null, CancellationToken.None);
        var segments = new SegmentReader(new RecordingCache(here));
        Assert.Equal((await SourceAsync(first))[..100], await ReadS16Async(segments, 0, 100));

        var elsewhere = ArchiveStore.Open(_dir.File("archive"));
        await new LocalImporter(new ImportSteps(elsewhere)).ImportAsync(request with { SourcePath = second, Replace = true }, 2, null, CancellationToken.None);
        long late = 35 * 32000;
        Assert.Equal((await SourceAsync(second))[(int)late..(int)(late + 3200)], await ReadS16Async(segments, late, 3200));

        await elsewhere.DeleteRecordingAsync("owl", CancellationToken.None);
        await Assert.ThrowsAsync<RecordingNotFoundException>(() => ReadS16Async(segments, 20 * 32000, 3200));
    }

    /// <summary>The source's samples as ffmpeg decodes them.</summary>
    private static async Task<short[]> SourceAsync(string path)
    {
        var decoded = await ProcessRunner.RunCheckedAsync("ffmpeg", "-nostdin", "-v", "error", "-i", path, "-f", "s16le", "-");
        return MemoryMarshal.Cast<byte, short>(decoded.StandardOutput).ToArray();
    }

    private static async Task<short[]> ReadS16Async(SegmentReader segments, long start, int count)
    {
        using var sink = new MemoryStream();
        await segments.ReadSegmentAsync("owl", start, count, SegmentFormat.S16, sink, CancellationToken.None);
        return MemoryMarshal.Cast<byte, short>(sink.ToArray()).ToArray();
    }
}
