using Hark.Storage.Tests.Fixtures;

namespace Hark.Storage.Tests.Archive;

/// <summary>Who may change a recording: the import holding its token, by compare and swap of the group.</summary>
public abstract partial class ArchiveStoreContract
{
    [Fact]
    public async Task An_import_superseded_by_another_cannot_commit_and_leaves_nothing_of_its_own()
    {
        var archive = NewArchive();
        var old = await ImportAsync(archive, "owned", FrameSource.Frames(20, seed: 30));
        var first = await archive.ClaimImportAsync(FrameSource.Metadata("owned"), replace: true, resumes: null, None);
        var firstWriter = await archive.OpenWriterAsync(FrameSource.Metadata("owned"), first.Token, None);
        foreach (var frame in FrameSource.Frames(40, seed: 31))
        {
            await firstWriter.AppendFrameAsync(frame, None);
        }
        await first.Staging.PutEncodedAsync(0, new byte[] { 1 }, None);

        // A second import of the id (another process, say) claims it while the first is still writing.
        var second = await archive.ClaimImportAsync(FrameSource.Metadata("owned"), replace: true, resumes: null, None);
        Assert.NotEqual(first.Token, second.Token);
        Assert.Null(await first.Staging.GetEncodedAsync(0, None)); // revoked staging is the claimer's to remove

        var lost = await Assert.ThrowsAsync<ImportSupersededException>(() =>
            firstWriter.CommitAsync(FrameSource.Metadata("owned", FrameSource.TotalSamplesFor(40)), None));
        Assert.Contains("another import of the same id took over", lost.Message);
        Assert.Empty(await ListAsync(archive.Blobs, $"recordings/owned/{firstWriter.Generation}/"));
        // The complete recording is untouched by the loser.
        Assert.Equal(old, await archive.FindRecordingAsync("owned", None));
        Assert.Equal(20, (await NewArchive(archive.Blobs).OpenRecordingAsync("owned", None)).Index.FrameCount);

        var frames = FrameSource.Frames(25, seed: 32);
        await using var secondWriter = await archive.OpenWriterAsync(FrameSource.Metadata("owned"), second.Token, None);
        foreach (var frame in frames)
        {
            await secondWriter.AppendFrameAsync(frame, None);
        }
        await secondWriter.CommitAsync(FrameSource.Metadata("owned", FrameSource.TotalSamplesFor(25)), None);
        var reader = await NewArchive(archive.Blobs).OpenRecordingAsync("owned", None);
        Assert.Equal(frames.SelectMany(f => f).ToArray(), await ReadFramesAsync(reader, 0, 25));
        var state = await archive.ReadStateAsync("owned", None);
        Assert.Equal((null, second.Token, reader.Generation), (state!.ImportToken, state.CommittedToken, state.Generation));
        Assert.Equal([reader.Generation + "/", "zarr.json"], await ChildrenAsync(archive.Blobs, "recordings/owned/"));
    }

    [Fact]
    public async Task A_delete_revokes_the_import_in_flight_so_its_commit_cannot_bring_the_recording_back()
    {
        var archive = NewArchive();
        var claim = await archive.ClaimImportAsync(FrameSource.Metadata("revoked"), replace: false, resumes: null, None);
        var writer = await archive.OpenWriterAsync(FrameSource.Metadata("revoked"), claim.Token, None);
        foreach (var frame in FrameSource.Frames(30, seed: 33))
        {
            await writer.AppendFrameAsync(frame, None);
        }
        await archive.DeleteRecordingAsync("revoked", None);

        var lost = await Assert.ThrowsAsync<ImportSupersededException>(() =>
            writer.CommitAsync(FrameSource.Metadata("revoked", FrameSource.TotalSamplesFor(30)), None));
        Assert.Contains("deleted", lost.Message);
        Assert.Null(await archive.FindRecordingAsync("revoked", None));
        Assert.Empty(await ListAsync(archive.Blobs, "recordings/revoked/"));
        // A late step of the revoked import changes nothing either.
        await archive.RecordFailureAsync("revoked", claim.Token, "late", None);
        Assert.Null(await archive.FindRecordingAsync("revoked", None));
        Assert.False(await archive.IsCurrentAsync("revoked", claim.Token, None));
    }

    [Fact]
    public async Task Two_committers_of_one_import_end_with_one_recording_and_one_generation()
    {
        // An entity moved to another node while the old node's indexer still commits: both hold the same token.
        var archive = NewArchive();
        var claim = await archive.ClaimImportAsync(FrameSource.Metadata("twice"), replace: false, resumes: null, None);
        var frames = FrameSource.Frames(30, seed: 34);
        var writers = new List<RecordingWriter>();
        foreach (var _ in new[] { 1, 2 })
        {
            var writer = await archive.OpenWriterAsync(FrameSource.Metadata("twice"), claim.Token, None);
            foreach (var frame in frames)
            {
                await writer.AppendFrameAsync(frame, None);
            }
            writers.Add(writer);
        }
        var results = await Task.WhenAll(writers.Select(w => w.CommitAsync(FrameSource.Metadata("twice", FrameSource.TotalSamplesFor(30)), None)));

        Assert.Equal(results[0], results[1]);
        var reader = await NewArchive(archive.Blobs).OpenRecordingAsync("twice", None);
        Assert.Equal(frames.SelectMany(f => f).ToArray(), await ReadFramesAsync(reader, 0, 30));
        Assert.Equal([reader.Generation + "/", "zarr.json"], await ChildrenAsync(archive.Blobs, "recordings/twice/"));
        Assert.True((await archive.VerifyRecordingAsync("twice", null, None)).Valid);
    }

    [Fact]
    public async Task A_staging_write_that_lands_after_a_delete_is_undone_and_says_the_recording_was_deleted()
    {
        var archive = NewArchive();
        var claim = await archive.ClaimImportAsync(FrameSource.Metadata("late"), replace: false, resumes: null, None);
        await claim.Staging.PutPcmAsync(0, new byte[] { 1 }, None);
        await archive.DeleteRecordingAsync("late", None);

        // The source hash finishing, or a worker's last chunk, after the delete removed the staging.
        var lost = await Assert.ThrowsAsync<ImportSupersededException>(() => claim.Staging.PutPlanAsync("{}"u8.ToArray(), None));
        Assert.Contains("deleted", lost.Message);
        await Assert.ThrowsAsync<ImportSupersededException>(() => claim.Staging.PutEncodedAsync(0, new byte[] { 2 }, None));
        Assert.Empty(await ListAsync(archive.Blobs, "staging/late/"));
        Assert.Null(await archive.FindRecordingAsync("late", None));
    }

    [Fact]
    public async Task Resuming_keeps_the_token_and_a_different_import_supersedes_it()
    {
        var archive = NewArchive();
        var first = await archive.ClaimImportAsync(FrameSource.Metadata("again"), replace: false, resumes: null, None);
        await first.Staging.PutPlanAsync("{}"u8.ToArray(), None);

        var same = await archive.ClaimImportAsync(FrameSource.Metadata("again"), replace: false,
            (staging, ct) => Task.FromResult(staging.Token == first.Token), None);
        Assert.True(same.Resumed);
        Assert.Equal(first.Token, same.Token);
        Assert.NotNull(await first.Staging.GetPlanAsync(None));

        var other = await archive.ClaimImportAsync(FrameSource.Metadata("again"), replace: false, (_, _) => Task.FromResult(false), None);
        Assert.False(other.Resumed);
        Assert.NotEqual(first.Token, other.Token);
        Assert.Null(await first.Staging.GetPlanAsync(None));
        Assert.Equal(other.Token, (await archive.ReadStateAsync("again", None))!.ImportToken);
    }

    [Fact]
    public async Task Concurrent_claims_of_one_id_each_take_it_in_turn_and_only_the_last_can_commit()
    {
        var blobs = NewBlobStore();
        var claims = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() =>
            NewArchive(blobs).ClaimImportAsync(FrameSource.Metadata("crowd"), replace: true, resumes: null, None))));
        Assert.Equal(5, claims.Select(c => c.Token).Distinct().Count());
        var holder = (await NewArchive(blobs).ReadStateAsync("crowd", None))!.ImportToken;
        Assert.Contains(holder, claims.Select(c => c.Token));

        var archive = NewArchive(blobs);
        int committed = 0;
        foreach (var claim in claims)
        {
            await using var writer = await TryOpenAsync(archive, claim.Token);
            if (writer is null)
            {
                continue;
            }
            await writer.AppendFrameAsync(new byte[10], None);
            try
            {
                await writer.CommitAsync(FrameSource.Metadata("crowd"), None);
                committed++;
            }
            catch (ImportSupersededException)
            {
            }
        }
        Assert.Equal(1, committed);
        Assert.Equal(RecordingPhase.Complete, (await archive.FindRecordingAsync("crowd", None))!.State);
    }

    private static async Task<RecordingWriter?> TryOpenAsync(ArchiveStore archive, string token)
    {
        try
        {
            return await archive.OpenWriterAsync(FrameSource.Metadata("crowd"), token, None);
        }
        catch (ImportSupersededException)
        {
            return null;
        }
    }

    private static async Task<List<string>> ChildrenAsync(IBlobStore store, string folder)
    {
        var children = new List<string>();
        await foreach (var child in store.ListChildrenAsync(folder, None))
        {
            children.Add(child);
        }
        children.Sort(StringComparer.Ordinal);
        return children;
    }
}
