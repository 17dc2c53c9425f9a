using Hark.Actors.Import;
using Hark.Engine.Import;

namespace Hark.Actors.Tests;

/// <summary>The rules of a running import, without actors: what is encodable, what is done, when it may commit.</summary>
public sealed class ImportBookTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static ImportPlan Plan(int chunks, long? total = null) => new()
    {
        Id = "book",
        Token = "t20261201T101500Z-00000000000000aa",
        SourcePath = "/in/book.flac",
        SourceName = "book.flac",
        SourceSize = 1,
        SourceModified = T0,
        Codec = AudioCodec.Aac,
        SampleRate = 1000,
        Channels = 1,
        BitDepth = 16,
        ChunkSamples = 100,
        TotalSamples = total,
        ChunkCount = chunks,
        Created = T0,
    };

    [Fact]
    public async Task Encoded_chunks_move_the_staging_window_and_release_what_no_encoder_reads_again()
    {
        var book = new ImportBook(Plan(10), stagingAheadChunks: 2);
        var worker = CreateTestProbe().Ref;
        book.ChunkStaged(0);
        book.ChunkStaged(1);
        var waiting = book.Window.WaitForRoomAsync(2, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted); // two chunks ahead of chunk 0, which is not encoded yet

        Assert.True(book.TryLease(worker, T0, out int chunk));
        Assert.True(book.Encoded(chunk, "node-a", 10));
        await waiting;
        Assert.Equal(1, book.Window.LowestUnencoded);
        Assert.Empty(book.Window.TakeReleasable()); // chunk 1's lead-in reads from chunk 0

        book.ChunkStaged(2);
        Assert.True(book.TryLease(worker, T0, out int next));
        Assert.True(book.Encoded(next, "node-b", 10));
        Assert.False(book.Encoded(next, "node-b", 10)); // a duplicate report changes nothing
        Assert.Equal([0], book.Window.TakeReleasable());
    }

    [Fact]
    public void A_chunk_is_encodable_once_the_next_one_is_staged_and_the_last_once_staging_is_done()
    {
        var book = new ImportBook(Plan(3));
        var worker = CreateTestProbe().Ref;
        book.ChunkStaged(0);
        Assert.False(book.TryLease(worker, T0, out _)); // chunk 0 reads a tail from chunk 1
        book.ChunkStaged(1);
        Assert.True(book.TryLease(worker, T0, out int first));
        Assert.Equal(0, first);
        book.ChunkStaged(2);
        Assert.True(book.TryLease(worker, T0, out int second));
        Assert.Equal(1, second);
        Assert.False(book.TryLease(worker, T0, out _));

        // Staging found the source a little longer than probed: four chunks, the last ready now.
        book.StagingDone(Plan(4, total: 350) with { Staged = true });
        Assert.True(book.TryLease(worker, T0, out int last));
        Assert.Equal(3, last);
        Assert.Equal(new RecordingStatus("book", RecordingPhase.Importing, 0, 4, null, 4, 0.35), book.Status("book"));
    }

    [Fact]
    public void The_import_may_commit_only_when_staged_and_every_chunk_is_done_once()
    {
        var book = new ImportBook(Plan(2));
        var worker = CreateTestProbe().Ref;
        book.ChunkStaged(0);
        book.ChunkStaged(1);
        Assert.True(book.TryLease(worker, T0, out int chunk));
        Assert.True(book.Encoded(chunk, "node-a", 1000));
        Assert.False(book.Encoded(chunk, "node-b", 1000)); // a duplicate run counts once
        Assert.Equal(1000, book.BytesEncoded);
        Assert.False(book.IsReadyToCommit);

        book.StagingDone(Plan(2, total: 200) with { Staged = true });
        Assert.True(book.TryLease(worker, T0, out int last));
        Assert.Equal(1, book.Failed(last)); // back in the queue, one failed attempt
        Assert.False(book.IsReadyToCommit);
        Assert.True(book.TryLease(worker, T0, out last));
        Assert.True(book.Encoded(last, "node-b", 500));
        Assert.True(book.IsReadyToCommit);
        Assert.Equal(["node-a", "node-b"], book.EncodedBy());
    }

    [Fact]
    public void Staging_of_another_import_cannot_finish_this_one()
    {
        var book = new ImportBook(Plan(2));
        Assert.Throws<InvalidOperationException>(() => book.StagingDone(Plan(2) with { Token = "t20261201T101500Z-00000000000000bb", Staged = true }));
        Assert.False(book.Staged);
    }

    [Fact]
    public void Chunks_of_a_worker_that_is_gone_or_late_go_back_in_the_queue()
    {
        var book = new ImportBook(Plan(3));
        var gone = CreateTestProbe().Ref;
        var slow = CreateTestProbe().Ref;
        book.StagingDone(Plan(3, total: 300) with { Staged = true });
        book.ChunkStaged(1);
        book.ChunkStaged(2);
        Assert.True(book.TryLease(gone, T0.AddMinutes(5), out _));
        Assert.True(book.TryLease(slow, T0.AddSeconds(1), out _));
        Assert.True(book.Holds(gone));
        Assert.Single(book.Release(gone));
        Assert.False(book.Holds(gone));
        Assert.Single(book.Expire(T0.AddSeconds(2)));
        Assert.True(book.HasWaiting);
    }
}
