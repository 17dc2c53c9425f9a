using Hark.Storage.Tests.Fixtures;

namespace Hark.Storage.Tests.Archive;

/// <summary>The archive's behaviour on any blob store; a subclass supplies the store.</summary>
public abstract partial class ArchiveStoreContract
{
    protected static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Small chunks so that a few hundred frames cross many chunk boundaries.</summary>
    protected static readonly ArchiveOptions SmallChunks = new() { AudioChunkBytes = 4096, IndexChunkFrames = 100, ChunkCacheBytes = 1 << 20 };

    protected abstract IBlobStore NewBlobStore();

    protected ArchiveStore NewArchive(IBlobStore? blobs = null, ArchiveOptions? options = null) => new(blobs ?? NewBlobStore(), options ?? SmallChunks);

    protected static async Task<RecordingMetadata> ImportAsync(ArchiveStore archive, string id, IReadOnlyList<byte[]> frames, bool replace = false)
    {
        await using var writer = await archive.CreateRecordingAsync(FrameSource.Metadata(id), replace, None);
        foreach (var frame in frames)
        {
            await writer.AppendFrameAsync(frame, None);
        }
        return await writer.CommitAsync(FrameSource.Metadata(id, FrameSource.TotalSamplesFor(frames.Count)), None);
    }

    protected static async Task<byte[]> ReadFramesAsync(RecordingReader reader, int first, int count)
    {
        await reader.Index.EnsureAsync(first, count, None);
        var buffer = new byte[reader.FrameBytes(first, count)];
        await reader.ReadFramesAsync(first, count, buffer, None);
        return buffer;
    }

    [Fact]
    public async Task A_committed_recording_reads_back_every_frame_and_its_metadata()
    {
        var archive = NewArchive();
        var frames = FrameSource.Frames(300, seed: 1);
        var committed = await ImportAsync(archive, "rec-1", frames);
        Assert.Equal(RecordingPhase.Complete, committed.State);
        Assert.Equal(300, committed.FrameCount);
        Assert.NotNull(committed.Completed);

        var reader = await archive.OpenRecordingAsync("rec-1", None);
        Assert.Equal(committed, reader.Metadata);
        Assert.Equal(frames.Sum(f => (long)f.Length), reader.AudioBytes);
        Assert.Equal(300, reader.Index.FrameCount);
        await reader.Index.EnsureAllAsync(None);
        for (int i = 0; i < frames.Count; i++)
        {
            Assert.Equal(frames[i].Length, reader.Index.FrameSize(i));
            Assert.Equal(frames[i], await ReadFramesAsync(reader, i, 1));
        }
        // A run of frames across several chunk boundaries comes back back to back.
        Assert.Equal(frames.Skip(17).Take(40).SelectMany(f => f).ToArray(), await ReadFramesAsync(reader, 17, 40));
        Assert.Equal(frames.SelectMany(f => f).ToArray(), await ReadFramesAsync(reader, 0, 300));
        Assert.Empty(await ReadFramesAsync(reader, 300, 0));
    }

    [Fact]
    public async Task Metadata_round_trips_every_field_as_snake_case()
    {
        var archive = NewArchive();
        var frames = FrameSource.Frames(10, seed: 2);
        var committed = await ImportAsync(archive, "meta", frames);
        var found = await archive.FindRecordingAsync("meta", None);
        Assert.Equal(committed, found);
        var json = System.Text.Encoding.UTF8.GetString(await archive.Blobs.GetAsync("recordings/meta/zarr.json", None));
        foreach (var field in new[]
                 {
                     "\"id\"", "\"codec\": \"aac\"", "\"sample_rate\": 44100", "\"channels\": 2", "\"bit_depth\": null", "\"bitrate\": 160000",
                     "\"audio_specific_config\": \"1210\"", "\"priming_samples\": 1024", "\"total_samples\"", "\"samples_per_frame\": 1024",
                     "\"frame_count\": 10", "\"start_time\": \"2026-05-01T04:30:00Z\"", "\"source_name\"", "\"source_size\"",
                     "\"source_sha256\"", "\"encoder\"", "\"state\": \"complete\"", "\"failure_reason\": null", "\"created\"", "\"completed\"",
                     "\"generation\"", "\"node_type\": \"group\"", "\"zarr_format\": 3",
                 })
        {
            Assert.Contains(field, json);
        }
    }

    [Fact]
    public async Task An_uncommitted_recording_is_invisible_to_readers_but_listed_as_importing()
    {
        var archive = NewArchive();
        var writer = await archive.CreateRecordingAsync(FrameSource.Metadata("wip"), replace: false, None);
        foreach (var frame in FrameSource.Frames(50, seed: 3))
        {
            await writer.AppendFrameAsync(frame, None); // several chunks are already stored
        }
        var e = await Assert.ThrowsAsync<RecordingNotFoundException>(() => archive.OpenRecordingAsync("wip", None));
        Assert.Equal(RecordingPhase.Importing, e.State);
        Assert.Contains("wip", e.Message);
        Assert.Contains("importing", e.Message);
        var listed = Assert.Single(await archive.ListRecordingsAsync(None));
        Assert.Equal(("wip", RecordingPhase.Importing), (listed.Id, listed.State));
        await Assert.ThrowsAsync<RecordingExistsException>(() => archive.CreateRecordingAsync(FrameSource.Metadata("wip"), replace: false, None));
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task Concurrent_creates_of_one_new_id_have_one_winner()
    {
        var blobs = NewBlobStore();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try
            {
                return await NewArchive(blobs).CreateRecordingAsync(FrameSource.Metadata("race"), replace: false, None);
            }
            catch (RecordingExistsException)
            {
                return null;
            }
        })));
        var winner = Assert.Single(attempts, w => w is not null)!;
        await winner.AppendFrameAsync(new byte[10], None);
        await winner.CommitAsync(FrameSource.Metadata("race"), None);
        var reader = await NewArchive(blobs).OpenRecordingAsync("race", None);
        Assert.Equal(winner.Generation, reader.Generation);
        var children = new List<string>();
        await foreach (var child in blobs.ListChildrenAsync("recordings/race/", None))
        {
            children.Add(child);
        }
        Assert.Equal([winner.Generation + "/", "zarr.json"], children.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Creating_an_existing_recording_without_replace_fails()
    {
        var archive = NewArchive();
        await ImportAsync(archive, "dup", FrameSource.Frames(5, seed: 4));
        var e = await Assert.ThrowsAsync<RecordingExistsException>(() => archive.CreateRecordingAsync(FrameSource.Metadata("dup"), replace: false, None));
        Assert.Equal(RecordingPhase.Complete, e.State);
        Assert.Contains("dup", e.Message);
    }

    [Fact]
    public async Task Replacing_keeps_the_old_recording_intact_until_the_new_one_commits()
    {
        var archive = NewArchive();
        var oldFrames = FrameSource.Frames(120, seed: 5);
        var old = await ImportAsync(archive, "same", oldFrames);
        var oldReader = await archive.OpenRecordingAsync("same", None);

        var newFrames = FrameSource.Frames(90, seed: 6, meanSize: 300);
        var writer = await archive.CreateRecordingAsync(FrameSource.Metadata("same"), replace: true, None);
        foreach (var frame in newFrames)
        {
            await writer.AppendFrameAsync(frame, None);
        }

        // Mid-import, with new chunks stored: a fresh archive instance still reads exactly the old recording.
        var other = NewArchive(archive.Blobs);
        Assert.Equal(old, await other.FindRecordingAsync("same", None));
        var stillOld = await other.OpenRecordingAsync("same", None);
        Assert.Equal(oldFrames.SelectMany(f => f).ToArray(), await ReadFramesAsync(stillOld, 0, 120));
        Assert.Equal(oldFrames[7], await ReadFramesAsync(oldReader, 7, 1));

        var replaced = await writer.CommitAsync(FrameSource.Metadata("same", FrameSource.TotalSamplesFor(90)), None);
        var fresh = await NewArchive(archive.Blobs).OpenRecordingAsync("same", None);
        Assert.Equal(replaced, fresh.Metadata);
        Assert.Equal(90, fresh.Index.FrameCount);
        Assert.Equal(newFrames.SelectMany(f => f).ToArray(), await ReadFramesAsync(fresh, 0, 90));

        // The old generation is gone: only one generation remains under the recording.
        var generations = new List<string>();
        await foreach (var child in archive.Blobs.ListChildrenAsync("recordings/same/", None))
        {
            generations.Add(child);
        }
        Assert.Equal([fresh.Generation + "/", "zarr.json"], generations.Order(StringComparer.Ordinal));
        Assert.NotEqual(oldReader.Generation, fresh.Generation);
    }

    [Fact]
    public async Task A_failed_replacement_leaves_the_old_recording_as_it_was()
    {
        var archive = NewArchive();
        var frames = FrameSource.Frames(60, seed: 7);
        var old = await ImportAsync(archive, "keep", frames);
        var writer = await archive.CreateRecordingAsync(FrameSource.Metadata("keep"), replace: true, None);
        foreach (var frame in FrameSource.Frames(40, seed: 8))
        {
            await writer.AppendFrameAsync(frame, None);
        }
        await writer.FailAsync("encoder crashed", None);
        Assert.Equal(old, await archive.FindRecordingAsync("keep", None));
        var reader = await NewArchive(archive.Blobs).OpenRecordingAsync("keep", None);
        Assert.Equal(frames.SelectMany(f => f).ToArray(), await ReadFramesAsync(reader, 0, 60));
        var keys = await ListAsync(archive.Blobs, "recordings/keep/");
        Assert.All(keys, k => Assert.True(k == "recordings/keep/zarr.json" || k.StartsWith($"recordings/keep/{reader.Generation}/", StringComparison.Ordinal), k));
    }

    [Fact]
    public async Task A_failed_new_recording_is_listed_as_failed_with_its_reason()
    {
        var archive = NewArchive();
        var writer = await archive.CreateRecordingAsync(FrameSource.Metadata("bad"), replace: false, None);
        await writer.AppendFrameAsync(new byte[5000], None);
        await writer.FailAsync("unsupported input", None);
        var found = await archive.FindRecordingAsync("bad", None);
        Assert.Equal((RecordingPhase.Failed, "unsupported input"), (found!.State, found.FailureReason));
        var e = await Assert.ThrowsAsync<RecordingNotFoundException>(() => archive.OpenRecordingAsync("bad", None));
        Assert.Equal(RecordingPhase.Failed, e.State);
        Assert.Contains("failed", e.Message);
        // Its data is gone; a new import needs replace, and succeeds with it.
        Assert.Equal(["recordings/bad/zarr.json"], await ListAsync(archive.Blobs, "recordings/bad/"));
        await Assert.ThrowsAsync<RecordingExistsException>(() => archive.CreateRecordingAsync(FrameSource.Metadata("bad"), false, None));
        await ImportAsync(archive, "bad", FrameSource.Frames(3, seed: 9), replace: true);
        Assert.Equal(RecordingPhase.Complete, (await archive.FindRecordingAsync("bad", None))!.State);
    }

    [Fact]
    public async Task An_abandoned_import_is_invisible_and_a_later_import_cleans_it()
    {
        var blobs = NewBlobStore();
        var first = NewArchive(blobs);
        var writer = await first.CreateRecordingAsync(FrameSource.Metadata("crash"), replace: false, None);
        foreach (var frame in FrameSource.Frames(80, seed: 10))
        {
            await writer.AppendFrameAsync(frame, None);
        }
        // No commit, no fail: as if the process died here. A new archive instance sees no readable recording.
        var second = NewArchive(blobs);
        var e = await Assert.ThrowsAsync<RecordingNotFoundException>(() => second.OpenRecordingAsync("crash", None));
        Assert.Equal(RecordingPhase.Importing, e.State);
        string abandoned = writer.Generation;
        Assert.NotEmpty(await ListAsync(blobs, $"recordings/crash/{abandoned}/audio/"));

        var frames = FrameSource.Frames(30, seed: 11);
        await ImportAsync(second, "crash", frames, replace: true);
        Assert.Empty(await ListAsync(blobs, $"recordings/crash/{abandoned}/"));
        var reader = await second.OpenRecordingAsync("crash", None);
        Assert.Equal(frames.SelectMany(f => f).ToArray(), await ReadFramesAsync(reader, 0, 30));
    }

    [Fact]
    public async Task Deleting_removes_the_recording_and_everything_under_it()
    {
        var archive = NewArchive();
        await ImportAsync(archive, "gone", FrameSource.Frames(40, seed: 12));
        await ImportAsync(archive, "stays", FrameSource.Frames(4, seed: 13));
        var replacing = await archive.ClaimImportAsync(FrameSource.Metadata("gone"), replace: true, resumes: null, None);
        await replacing.Staging.PutPcmAsync(0, new byte[] { 1, 2 }, None);
        await archive.DeleteRecordingAsync("gone", None);
        Assert.Null(await archive.FindRecordingAsync("gone", None));
        Assert.Empty(await ListAsync(archive.Blobs, "recordings/gone/"));
        Assert.Empty(await ListAsync(archive.Blobs, "staging/gone/"));
        Assert.Equal(["stays"], (await archive.ListRecordingsAsync(None)).Select(r => r.Id));
        var e = await Assert.ThrowsAsync<RecordingNotFoundException>(() => archive.DeleteRecordingAsync("gone", None));
        Assert.Null(e.State);
        await Assert.ThrowsAsync<RecordingNotFoundException>(() => archive.OpenRecordingAsync("gone", None));
    }

    [Fact]
    public async Task Listing_shows_recordings_in_every_state()
    {
        var archive = NewArchive();
        await ImportAsync(archive, "b-complete", FrameSource.Frames(3, seed: 14));
        await using var importing = await archive.CreateRecordingAsync(FrameSource.Metadata("a-importing"), false, None);
        var failing = await archive.CreateRecordingAsync(FrameSource.Metadata("c-failed"), false, None);
        await failing.FailAsync("no", None);
        var listed = await archive.ListRecordingsAsync(None);
        Assert.Equal(
            [("a-importing", RecordingPhase.Importing), ("b-complete", RecordingPhase.Complete), ("c-failed", RecordingPhase.Failed)],
            listed.Select(r => (r.Id, r.State)));
    }

    [Fact]
    public async Task A_corrupt_audio_chunk_is_reported_with_the_recording_and_the_chunk()
    {
        var blobs = NewBlobStore();
        var frames = FrameSource.Frames(60, seed: 15);
        await ImportAsync(NewArchive(blobs), "dmg", frames);
        var archive = NewArchive(blobs);
        var reader = await archive.OpenRecordingAsync("dmg", None);
        var key = $"recordings/dmg/{reader.Generation}/audio/c/2";
        var stored = await blobs.GetAsync(key, None);
        stored[100] ^= 0x40;
        await blobs.PutAsync(key, stored, None);

        await reader.Index.EnsureAllAsync(None);
        int firstInChunk2 = Enumerable.Range(0, 60).First(i => reader.Index.FrameOffset(i) >= 2 * 4096);
        var e = await Assert.ThrowsAsync<CorruptChunkException>(async () => await ReadFramesAsync(reader, firstInChunk2, 1));
        Assert.Equal(("dmg", "audio", 2L), (e.Id, e.Array, e.Chunk));
        Assert.Contains("recording dmg", e.Message);
        Assert.Contains("chunk 2", e.Message);
        Assert.Contains("CRC-32C", e.Message);
        // Other chunks still read, and the bad one is never cached as good.
        Assert.Equal(frames[0], await ReadFramesAsync(reader, 0, 1));
        await Assert.ThrowsAsync<CorruptChunkException>(async () => await ReadFramesAsync(reader, firstInChunk2, 1));

        var verification = await archive.VerifyRecordingAsync("dmg", null, None);
        Assert.False(verification.Valid);
        Assert.Contains(verification.Problems, p => p.Contains("audio chunk 2 is corrupt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_or_truncated_chunk_is_corrupt_too()
    {
        var blobs = NewBlobStore();
        await ImportAsync(NewArchive(blobs), "cut", FrameSource.Frames(60, seed: 16));
        var reader = await NewArchive(blobs).OpenRecordingAsync("cut", None);
        await blobs.DeleteAsync($"recordings/cut/{reader.Generation}/audio/c/1", None);
        var key3 = $"recordings/cut/{reader.Generation}/audio/c/3";
        await blobs.PutAsync(key3, (await blobs.GetAsync(key3, None)).AsMemory(0, 1000), None);
        var missing = await Assert.ThrowsAsync<CorruptChunkException>(async () => await reader.ReadBytesAsync(4096 + 10, new byte[10], None));
        Assert.Contains("missing", missing.Message);
        var truncated = await Assert.ThrowsAsync<CorruptChunkException>(async () => await reader.ReadBytesAsync(3 * 4096 + 10, new byte[10], None));
        Assert.Equal(3, truncated.Chunk);
        var verification = await NewArchive(blobs).VerifyRecordingAsync("cut", null, None);
        Assert.Equal(2, verification.Problems.Count);
    }

    [Fact]
    public async Task A_corrupt_index_page_fails_the_reads_it_serves_and_verify_by_name_and_the_rest_reads()
    {
        var blobs = NewBlobStore();
        await ImportAsync(NewArchive(blobs), "idx", FrameSource.Frames(250, seed: 17));
        var generation = (await NewArchive(blobs).OpenRecordingAsync("idx", None)).Generation;
        var key = $"recordings/idx/{generation}/index/frame_sizes/c/1";
        var stored = await blobs.GetAsync(key, None);
        stored[^1] ^= 1; // the checksum itself
        await blobs.PutAsync(key, stored, None);

        var reader = await NewArchive(blobs).OpenRecordingAsync("idx", None);
        var e = await Assert.ThrowsAsync<CorruptChunkException>(async () => await ReadFramesAsync(reader, 150, 2));
        Assert.Equal(("index/frame_sizes", 1L), (e.Array, e.Chunk));
        Assert.NotEmpty(await ReadFramesAsync(reader, 10, 2)); // page 0 is whole
        var report = await NewArchive(blobs).VerifyRecordingAsync("idx", null, None);
        Assert.Contains(report.Problems, p => p.Contains("index/frame_sizes chunk 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_corrupt_index_chunk_of_a_recording_without_page_offsets_stops_the_open()
    {
        var blobs = NewBlobStore();
        var older = new ArchiveStore(blobs, SmallChunks with { PagedIndex = false });
        await ImportAsync(older, "idx", FrameSource.Frames(250, seed: 17));
        var generation = (await older.OpenRecordingAsync("idx", None)).Generation;
        var key = $"recordings/idx/{generation}/index/frame_sizes/c/1";
        var stored = await blobs.GetAsync(key, None);
        stored[^1] ^= 1;
        await blobs.PutAsync(key, stored, None);
        var e = await Assert.ThrowsAsync<CorruptChunkException>(() => NewArchive(blobs).OpenRecordingAsync("idx", None));
        Assert.Equal(("index/frame_sizes", 1L), (e.Array, e.Chunk));
    }

    [Fact]
    public async Task Verify_checks_every_chunk_and_the_index_and_reports_progress()
    {
        var archive = NewArchive();
        await ImportAsync(archive, "ok", FrameSource.Frames(200, seed: 18));
        var reports = new List<double>();
        var verification = await archive.VerifyRecordingAsync("ok", new SyncProgress(reports.Add), None);
        Assert.True(verification.Valid, string.Join("; ", verification.Problems));
        Assert.Equal(200, verification.FrameCount);
        Assert.Equal((verification.AudioBytes + 4095) / 4096, verification.AudioChunks);
        Assert.Equal(verification.AudioChunks, reports.Count);
        Assert.Equal(1.0, reports[^1]);
        await Assert.ThrowsAsync<RecordingNotFoundException>(() => archive.VerifyRecordingAsync("nope", null, None));
    }

    [Fact]
    public async Task Repeated_reads_come_from_the_verified_chunk_cache()
    {
        var archive = NewArchive();
        var frames = FrameSource.Frames(40, seed: 19);
        await ImportAsync(archive, "hot", frames);
        var reader = await archive.OpenRecordingAsync("hot", None);
        await ReadFramesAsync(reader, 3, 2);
        long misses = archive.Cache.Misses;
        long hits = archive.Cache.Hits;
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(frames.Skip(3).Take(2).SelectMany(f => f).ToArray(), await ReadFramesAsync(reader, 3, 2));
        }
        Assert.Equal(misses, archive.Cache.Misses);
        Assert.True(archive.Cache.Hits >= hits + 10);
    }

    [Fact]
    public async Task Parallel_readers_get_exact_bytes_while_a_small_cache_evicts()
    {
        var blobs = NewBlobStore();
        var frames = FrameSource.Frames(400, seed: 21);
        await ImportAsync(NewArchive(blobs), "busy", frames);
        // Room for three 4 KiB chunks out of ~45: loads, hits and evictions interleave.
        var archive = NewArchive(blobs, SmallChunks with { ChunkCacheBytes = 3 * 4096 });
        var reader = await archive.OpenRecordingAsync("busy", None);
        await Task.WhenAll(Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            for (int n = 0; n < 60; n++)
            {
                int first = random.Next(400);
                int count = random.Next(1, Math.Min(12, 400 - first) + 1);
                Assert.Equal(frames.Skip(first).Take(count).SelectMany(f => f).ToArray(), await ReadFramesAsync(reader, first, count));
            }
        })));
        Assert.True(archive.Cache.SizeBytes <= 3 * 4096);
        Assert.True(archive.Cache.Hits > 0);
    }

    [Fact]
    public async Task A_small_recording_is_one_unpadded_chunk_and_large_frames_use_32_bit_sizes()
    {
        var archive = NewArchive(options: new ArchiveOptions());
        var frames = FrameSource.Frames(20, seed: 20);
        var committed = await ImportAsync(archive, "tiny", frames);
        var reader = await archive.OpenRecordingAsync("tiny", None);
        Assert.Equal(1, reader.AudioChunkCount);
        // One shard holding one inner chunk of exactly the audio and its CRC, then the shard index (one offset and size) and its CRC.
        Assert.Equal(reader.AudioBytes + 4 + 16 + 4, await archive.Blobs.GetSizeAsync($"recordings/tiny/{reader.Generation}/audio/c/0", None));

        var big = new List<byte[]> { TestData.Bytes(70_000, 1), TestData.Bytes(10, 2), TestData.Bytes(100_000, 3) };
        await ImportAsync(archive, "lossless", big);
        var lossless = await archive.OpenRecordingAsync("lossless", None);
        await lossless.Index.EnsureAllAsync(None);
        Assert.Equal(100_000, lossless.Index.FrameSize(2));
        var sizesJson = System.Text.Encoding.UTF8.GetString(await archive.Blobs.GetAsync($"recordings/lossless/{lossless.Generation}/index/frame_sizes/zarr.json", None));
        Assert.Contains("\"uint32\"", sizesJson);
        Assert.Equal(big[2], await ReadFramesAsync(lossless, 2, 1));
        Assert.Equal(20, committed.FrameCount);
    }

    [Fact]
    public async Task Commit_refuses_metadata_that_disagrees_with_the_frames()
    {
        var archive = NewArchive();
        await using var writer = await archive.CreateRecordingAsync(FrameSource.Metadata("short"), false, None);
        await writer.AppendFrameAsync(new byte[10], None);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CommitAsync(FrameSource.Metadata("short", totalSamples: 5000), None));
        Assert.Contains("cannot hold", e.Message);
        await Assert.ThrowsAsync<RecordingNotFoundException>(() => archive.OpenRecordingAsync("short", None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("../etc")]
    [InlineData(".hidden")]
    [InlineData("-dash")]
    [InlineData("tab\there")]
    [InlineData("new\nline")]
    [InlineData("space here")]
    public async Task Invalid_ids_are_rejected_before_they_reach_the_store(string id)
    {
        var blobs = new RecordingBlobStore(NewBlobStore());
        var archive = NewArchive(blobs);
        await Assert.ThrowsAsync<InvalidRecordingIdException>(() => archive.CreateRecordingAsync(FrameSource.Metadata(id), false, None));
        await Assert.ThrowsAsync<InvalidRecordingIdException>(() => archive.OpenRecordingAsync(id, None));
        await Assert.ThrowsAsync<InvalidRecordingIdException>(() => archive.FindRecordingAsync(id, None));
        await Assert.ThrowsAsync<InvalidRecordingIdException>(() => archive.DeleteRecordingAsync(id, None));
        Assert.Throws<InvalidRecordingIdException>(() => archive.Staging(id, Token(1)));
        Assert.Equal(0, blobs.Calls);
    }

    [Fact]
    public async Task Staging_holds_work_in_progress_per_import_token()
    {
        var archive = NewArchive();
        var st = (await archive.ClaimImportAsync(FrameSource.Metadata("st"), replace: false, resumes: null, None)).Staging;
        await st.PutPcmAsync(0, new byte[] { 1 }, None);
        await st.PutPcmAsync(1, new byte[] { 2 }, None);
        await st.PutEncodedAsync(1, new byte[] { 3 }, None);
        await st.PutPlanAsync("{}"u8.ToArray(), None);
        var otherRecording = (await archive.ClaimImportAsync(FrameSource.Metadata("other"), replace: false, resumes: null, None)).Staging;
        await otherRecording.PutPcmAsync(0, new byte[] { 9 }, None);

        // A token that does not hold the id cannot leave anything in staging: its write is undone, and it is told why.
        var stranger = archive.Staging("st", Token(2));
        var lost = await Assert.ThrowsAsync<ImportSupersededException>(() => stranger.PutPcmAsync(0, new byte[] { 8 }, None));
        Assert.Contains("another import of the same id took over", lost.Message);
        Assert.Null(await stranger.GetPcmAsync(0, None));

        Assert.Equal(new byte[] { 2 }, await st.GetPcmAsync(1, None));
        Assert.Equal(new byte[] { 3 }, await st.GetEncodedAsync(1, None));
        Assert.Null(await st.GetPcmAsync(999, None));
        Assert.Null(await st.GetEncodedAsync(0, None));
        Assert.Equal([0, 1], (await st.ListPcmChunksAsync(None)).Order());
        Assert.Null(await st.GetFailureAsync(None));
        await st.RecordFailureAsync("disk full", None);
        Assert.Equal("disk full", await st.GetFailureAsync(None));
        await st.ClearFailureAsync(None);
        Assert.Null(await st.GetFailureAsync(None));

        await st.DeleteAsync(None);
        Assert.Null(await st.GetPcmAsync(0, None));
        Assert.Equal(new byte[] { 9 }, await otherRecording.GetPcmAsync(0, None));
        Assert.Throws<ArgumentException>(() => archive.Staging("st", "../escape"));
        Assert.Equal(["other"], await archive.ListStagedIdsAsync(None));
    }

    private static string Token(int n) => $"t20261201T101500Z-{n:x16}";

    [Fact]
    public async Task The_root_group_carries_the_format_version_and_newer_formats_are_refused()
    {
        var blobs = NewBlobStore();
        var archive = NewArchive(blobs);
        await archive.EnsureCreatedAsync(None);
        var root = System.Text.Encoding.UTF8.GetString(await blobs.GetAsync("zarr.json", None));
        Assert.Contains("\"format_version\": 1", root);
        Assert.True(await blobs.ExistsAsync("recordings/zarr.json", None));

        await blobs.PutAsync("zarr.json", """{"zarr_format": 3, "node_type": "group", "attributes": {"hark": {"format_version": 99}}}"""u8.ToArray(), None);
        var e = await Assert.ThrowsAsync<ArchiveFormatException>(() => NewArchive(blobs).EnsureCreatedAsync(None));
        Assert.Contains("99", e.Message);
    }

    protected static Task<List<string>> ListAsync(IBlobStore store, string prefix) => BlobKeys.ListAsync(store, prefix);

    /// <summary>Progress that reports synchronously (Progress&lt;T&gt; posts to the thread pool, so counts would race).</summary>
    private sealed class SyncProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
