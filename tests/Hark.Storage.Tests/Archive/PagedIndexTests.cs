using System.Buffers.Binary;
using Hark.Storage.Blobs;
using Hark.Storage.Tests.Fixtures;
using Hark.Storage.Zarr;
using Hark.Testing;

namespace Hark.Storage.Tests.Archive;

/// <summary>
/// The frame index loaded by pages: opening a recording and reading a few frames fetches the index's top level and the
/// one page those frames lie in, whatever the recording's length; a recording written without page offsets (as before
/// them) loads whole and reads the same; page offsets that disagree with their page are corruption, named.
/// </summary>
public sealed class PagedIndexTests : IDisposable
{
    private const int PageFrames = 1000;
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _root = new("hark-paged-index");

    public void Dispose() => _root.Dispose();

    private ArchiveStore Archive(IBlobStore blobs, bool paged = true) =>
        new(blobs, new ArchiveOptions { IndexChunkFrames = PageFrames, PagedIndex = paged });

    private static async Task WriteAsync(ArchiveStore archive, string id, List<byte[]> frames)
    {
        await using var writer = await archive.CreateRecordingAsync(FrameSource.Metadata(id), replace: false, None);
        foreach (var frame in frames)
        {
            await writer.AppendFrameAsync(frame, None);
        }
        await writer.CommitAsync(FrameSource.Metadata(id, FrameSource.TotalSamplesFor(frames.Count)), None);
    }

    private static async Task<byte[]> ReadAsync(RecordingReader reader, int first, int count)
    {
        await reader.Index.EnsureAsync(first, count, None);
        var bytes = new byte[reader.FrameBytes(first, count)];
        await reader.ReadFramesAsync(first, count, bytes, None);
        return bytes;
    }

    private static IEnumerable<string> IndexGets(RecordingBlobStore blobs) => blobs.Gets.Where(k => k.Contains("/index/", StringComparison.Ordinal));

    [Fact]
    public async Task A_long_recording_opens_and_reads_with_the_index_gets_of_a_short_one()
    {
        var local = new LocalDirectoryBlobStore(_root.Path, durable: false);
        var longFrames = FrameSource.Frames(100_000, seed: 1);
        await WriteAsync(Archive(local), "long", longFrames);
        await WriteAsync(Archive(local), "short", FrameSource.Frames(900, seed: 2));

        var counted = new RecordingBlobStore(local);
        var reader = await Archive(counted).OpenRecordingAsync("long", None);
        Assert.Equal(100, reader.Index.PageCount);
        Assert.Equal(0, reader.Index.PagesLoaded);
        var read = await ReadAsync(reader, 55_500, 3);
        Assert.Equal(longFrames.Skip(55_500).Take(3).SelectMany(f => f), read);
        var longGets = IndexGets(counted).ToList();
        Assert.Equal(1, reader.Index.PagesLoaded);
        Assert.Single(longGets, k => k.Contains("frame_sizes/c/", StringComparison.Ordinal));
        Assert.Contains(longGets, k => k.EndsWith("frame_sizes/c/55", StringComparison.Ordinal));

        var countedShort = new RecordingBlobStore(local);
        var shortReader = await Archive(countedShort).OpenRecordingAsync("short", None);
        await ReadAsync(shortReader, 400, 3);
        Assert.Equal(IndexGets(countedShort).Count(), longGets.Count);
        Assert.Equal(countedShort.Gets.Count, counted.Gets.Count);
    }

    [Fact]
    public async Task A_range_across_pages_loads_both_and_ends_exactly_at_a_page_boundary()
    {
        var local = new LocalDirectoryBlobStore(_root.Path, durable: false);
        var frames = FrameSource.Frames(5_000, seed: 3);
        await WriteAsync(Archive(local), "across", frames);
        var reader = await Archive(local).OpenRecordingAsync("across", None);

        Assert.Equal(frames.Skip(1_990).Take(20).SelectMany(f => f), await ReadAsync(reader, 1_990, 20));
        Assert.Equal(2, reader.Index.PagesLoaded);
        // Frames [2990, 3000) lie in page 2, loaded already; their end is where page 3 begins, which needs no page 3.
        Assert.Equal(frames.Skip(2_990).Take(10).SelectMany(f => f), await ReadAsync(reader, 2_990, 10));
        Assert.Equal(2, reader.Index.PagesLoaded);
    }

    [Fact]
    public async Task A_recording_without_page_offsets_loads_whole_and_reads_the_same()
    {
        var local = new LocalDirectoryBlobStore(_root.Path, durable: false);
        var frames = FrameSource.Frames(5_000, seed: 4);
        await WriteAsync(Archive(local, paged: false), "older", frames);
        Assert.False(await local.ExistsAsync($"recordings/older/{(await Archive(local).OpenRecordingAsync("older", None)).Generation}/index/page_offsets/zarr.json", None));

        var counted = new RecordingBlobStore(local);
        var reader = await Archive(counted).OpenRecordingAsync("older", None);
        Assert.Equal(5, IndexGets(counted).Count(k => k.Contains("frame_sizes/c/", StringComparison.Ordinal)));
        Assert.Equal(frames.Skip(3_333).Take(5).SelectMany(f => f), await ReadAsync(reader, 3_333, 5));
        Assert.True((await Archive(local).VerifyRecordingAsync("older", null, None)).Valid);
    }

    [Fact]
    public async Task Page_offsets_that_disagree_with_their_page_fail_its_reads_and_verify_by_name()
    {
        var local = new LocalDirectoryBlobStore(_root.Path, durable: false);
        await WriteAsync(Archive(local), "shifted", FrameSource.Frames(5_000, seed: 5));
        var generation = (await Archive(local).OpenRecordingAsync("shifted", None)).Generation;
        // Rewritten with a valid checksum: page 3 said to start 7 bytes late, so page 2 would read 7 bytes too many.
        var offsets = await ZarrArray.OpenAsync(local, $"recordings/shifted/{generation}/index/page_offsets/", None);
        var values = await offsets.ReadAllAsync(None);
        BinaryPrimitives.WriteUInt64LittleEndian(values.AsSpan(3 * 8), BinaryPrimitives.ReadUInt64LittleEndian(values.AsSpan(3 * 8)) + 7);
        await offsets.WriteChunkAsync(0, values, None);

        var reader = await Archive(local).OpenRecordingAsync("shifted", None);
        var e = await Assert.ThrowsAsync<CorruptRecordingException>(async () => await ReadAsync(reader, 2_500, 1));
        Assert.Contains("index page 2 add up to", e.Message);
        Assert.NotEmpty(await ReadAsync(reader, 500, 1));
        var report = await Archive(local).VerifyRecordingAsync("shifted", null, None);
        Assert.False(report.Valid);
        Assert.Contains(report.Problems, p => p.Contains("index page 2", StringComparison.Ordinal));
    }
}
