using Hark.Storage.Blobs;
using Hark.Storage.Tests.Fixtures;
using Hark.Testing;

namespace Hark.Storage.Tests.Archive;

/// <summary>
/// Audio stored as shards of inner chunks (sharding_indexed): a cold read of a few frames fetches the one inner chunk
/// they lie in by range, never the whole shard; a damaged inner chunk fails only the reads it serves and is named by
/// shard and inner chunk, in reads and in verify; a cut shard is named too; audio written before shards reads the same.
/// </summary>
public sealed class ShardedAudioTests : IDisposable
{
    private const int Shard = 16 * 1024;
    private const int Inner = 1024;
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _root = new("hark-shards");

    public void Dispose() => _root.Dispose();

    private static ArchiveStore Archive(IBlobStore blobs, bool sharded = true) =>
        new(blobs, new ArchiveOptions { AudioChunkBytes = Shard, AudioInnerChunkBytes = Inner, ShardedAudio = sharded });

    private LocalDirectoryBlobStore Local() => new(_root.Path, durable: false);

    private static async Task<List<byte[]>> WriteAsync(ArchiveStore archive, string id, int frames)
    {
        var written = FrameSource.Frames(frames, seed: frames);
        await using var writer = await archive.CreateRecordingAsync(FrameSource.Metadata(id), replace: false, None);
        foreach (var frame in written)
        {
            await writer.AppendFrameAsync(frame, None);
        }
        await writer.CommitAsync(FrameSource.Metadata(id, FrameSource.TotalSamplesFor(frames)), None);
        return written;
    }

    private static async Task<byte[]> ReadAsync(RecordingReader reader, int first, int count)
    {
        await reader.Index.EnsureAsync(first, count, None);
        var bytes = new byte[reader.FrameBytes(first, count)];
        await reader.ReadFramesAsync(first, count, bytes, None);
        return bytes;
    }

    [Fact]
    public async Task A_cold_read_fetches_only_the_inner_chunk_it_needs_by_range()
    {
        var frames = await WriteAsync(Archive(Local()), "cold", 400); // ~184 KB: 12 shards of 16 inner chunks
        var counted = new RecordingBlobStore(Local());
        var reader = await Archive(counted).OpenRecordingAsync("cold", None);
        await reader.Index.EnsureAllAsync(None);
        int frame = 201;
        long offset = reader.Index.FrameOffset(frame);
        while (offset / Inner != (offset + frames[frame].Length - 1) / Inner)
        {
            offset = reader.Index.FrameOffset(++frame); // a frame inside one inner chunk
        }

        Assert.Equal(frames[frame], await ReadAsync(reader, frame, 1));

        Assert.DoesNotContain(counted.Gets, k => k.Contains("/audio/c/", StringComparison.Ordinal));
        var range = Assert.Single(counted.Ranges);
        Assert.EndsWith($"/audio/c/{offset / Shard}", range.Key);
        Assert.Equal(Inner + 4, range.Length);
        Assert.Equal(offset % Shard / Inner * (Inner + 4), range.Offset);
    }

    [Fact]
    public async Task A_cold_read_across_inner_chunks_of_a_shard_is_one_range_request()
    {
        var frames = await WriteAsync(Archive(Local()), "span", 400);
        var counted = new RecordingBlobStore(Local());
        var reader = await Archive(counted).OpenRecordingAsync("span", None);
        await reader.Index.EnsureAllAsync(None);
        // Frames from inner chunk 2 of shard 1 through inner chunk 4 of it.
        int first = Enumerable.Range(0, 400).First(f => reader.Index.FrameOffset(f) >= Shard + 2 * Inner);
        int last = Enumerable.Range(0, 400).Last(f => reader.Index.FrameOffset(f + 1) <= Shard + 5 * Inner);

        Assert.Equal(frames.Skip(first).Take(last - first + 1).SelectMany(f => f), await ReadAsync(reader, first, last - first + 1));

        var range = Assert.Single(counted.Ranges);
        long from = reader.Index.FrameOffset(first) - Shard, to = reader.Index.FrameOffset(last + 1) - 1 - Shard;
        Assert.Equal(from / Inner * (Inner + 4), range.Offset);
        Assert.Equal((to / Inner - from / Inner + 1) * (Inner + 4), range.Length);
    }

    [Fact]
    public async Task Every_frame_reads_back_and_the_recording_verifies()
    {
        var frames = await WriteAsync(Archive(Local()), "all", 333);
        var reader = await Archive(Local()).OpenRecordingAsync("all", None);
        Assert.Equal(frames.SelectMany(f => f), await ReadAsync(reader, 0, frames.Count));
        var report = await Archive(Local()).VerifyRecordingAsync("all", null, None);
        Assert.True(report.Valid, string.Join("; ", report.Problems));
        Assert.Equal((reader.AudioBytes + Shard - 1) / Shard, report.AudioChunks);
    }

    [Fact]
    public async Task A_flipped_byte_fails_the_reads_of_its_inner_chunk_only_named_in_reads_and_verify()
    {
        var local = Local();
        var frames = await WriteAsync(Archive(local), "flip", 400);
        var reader = await Archive(local).OpenRecordingAsync("flip", None);
        var key = $"recordings/flip/{reader.Generation}/audio/c/3";
        var stored = await local.GetAsync(key, None);
        stored[5 * (Inner + 4) + 100] ^= 0x20; // shard 3, inner chunk 5
        await local.PutAsync(key, stored, None);

        var fresh = await Archive(local).OpenRecordingAsync("flip", None);
        await fresh.Index.EnsureAllAsync(None);
        long damagedByte = 3L * Shard + 5 * Inner + 100;
        int hit = Enumerable.Range(0, frames.Count).Last(f => fresh.Index.FrameOffset(f) <= damagedByte);
        var e = await Assert.ThrowsAsync<CorruptChunkException>(async () => await ReadAsync(fresh, hit, 1));
        Assert.Equal(("audio", 3L), (e.Array, e.Chunk));
        Assert.Contains("CRC-32C mismatch", e.Message);
        Assert.Contains("inner chunk 5", e.Message);
        int before = Enumerable.Range(0, frames.Count).First(f => fresh.Index.FrameOffset(f) >= 3L * Shard + 6 * Inner);
        Assert.Equal(frames[before], await ReadAsync(fresh, before, 1)); // inner chunk 6 of the same shard
        var report = await Archive(local).VerifyRecordingAsync("flip", null, None);
        Assert.Contains(report.Problems, p => p.Contains("audio chunk 3", StringComparison.Ordinal) && p.Contains("inner chunk 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cut_shard_is_named_where_it_ends()
    {
        var local = Local();
        await WriteAsync(Archive(local), "cut", 400);
        var reader = await Archive(local).OpenRecordingAsync("cut", None);
        var key = $"recordings/cut/{reader.Generation}/audio/c/2";
        var stored = await local.GetAsync(key, None);
        await local.PutAsync(key, stored.AsMemory(0, 4 * (Inner + 4) + 10), None);

        var fresh = await Archive(local).OpenRecordingAsync("cut", None);
        await fresh.Index.EnsureAllAsync(None);
        int inFifth = Enumerable.Range(0, 400).First(f => fresh.Index.FrameOffset(f) >= 2L * Shard + 4 * Inner + 200);
        var e = await Assert.ThrowsAsync<CorruptChunkException>(async () => await ReadAsync(fresh, inFifth, 1));
        Assert.Contains("the shard ends inside inner chunk 4", e.Message);
        Assert.False((await Archive(local).VerifyRecordingAsync("cut", null, None)).Valid);
    }

    [Fact]
    public async Task Audio_written_before_shards_reads_the_same()
    {
        var local = Local();
        var frames = await WriteAsync(Archive(local, sharded: false), "older", 300);
        var reader = await Archive(local).OpenRecordingAsync("older", None);
        Assert.Equal(frames.Skip(100).Take(50).SelectMany(f => f), await ReadAsync(reader, 100, 50));
        Assert.True((await Archive(local).VerifyRecordingAsync("older", null, None)).Valid);
    }
}
