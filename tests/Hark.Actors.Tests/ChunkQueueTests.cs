using Akka.Actor;
using Hark.Actors.Import;

namespace Hark.Actors.Tests;

public sealed class ChunkQueueTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Chunks_are_leased_lowest_first_and_only_once()
    {
        var queue = new ChunkQueue();
        var worker = CreateTestProbe().Ref;
        queue.MarkReady(2);
        queue.MarkReady(0);
        queue.MarkReady(0);

        Assert.True(queue.TryLease(worker, T0.AddMinutes(1), out int first));
        Assert.True(queue.TryLease(worker, T0.AddMinutes(1), out int second));
        Assert.False(queue.TryLease(worker, T0.AddMinutes(1), out _));
        Assert.Equal((0, 2), (first, second));
    }

    [Fact]
    public void A_failed_chunk_is_leased_again_and_its_failures_are_counted_until_it_is_done()
    {
        var queue = new ChunkQueue();
        var worker = CreateTestProbe().Ref;
        queue.MarkReady(3);
        queue.TryLease(worker, T0.AddMinutes(1), out _);

        Assert.Equal(1, queue.Fail(3));
        Assert.False(queue.Holds(worker));
        Assert.True(queue.TryLease(worker, T0.AddMinutes(1), out int again));
        Assert.Equal(3, again);
        Assert.Equal(2, queue.Fail(3));
        queue.TryLease(worker, T0.AddMinutes(1), out _);
        Assert.True(queue.Complete(3, "node-a"));
        // A duplicate that failed after the chunk was done changes nothing.
        Assert.Equal(0, queue.Fail(3));
        Assert.False(queue.HasWaiting);
        Assert.Equal(1, queue.DoneCount);
    }

    [Fact]
    public void A_gone_worker_gives_its_chunks_back_and_others_keep_theirs()
    {
        var queue = new ChunkQueue();
        IActorRef gone = CreateTestProbe().Ref, alive = CreateTestProbe().Ref;
        queue.MarkReady(0);
        queue.MarkReady(1);
        queue.TryLease(gone, T0.AddMinutes(1), out _);
        queue.TryLease(alive, T0.AddMinutes(1), out _);

        Assert.Equal([0], queue.Release(gone));
        Assert.True(queue.TryLease(alive, T0.AddMinutes(1), out int again));
        Assert.Equal(0, again);
        Assert.True(queue.Holds(alive));
        Assert.False(queue.Holds(gone));
    }

    [Fact]
    public void Expired_leases_go_back_in_the_queue()
    {
        var queue = new ChunkQueue();
        var worker = CreateTestProbe().Ref;
        queue.MarkReady(3);
        queue.TryLease(worker, T0.AddSeconds(10), out _);

        Assert.Empty(queue.Expire(T0.AddSeconds(9)));
        Assert.Equal([3], queue.Expire(T0.AddSeconds(10)));
        Assert.True(queue.HasWaiting);
    }

    [Fact]
    public void A_chunk_done_twice_counts_once_and_is_never_handed_out_again()
    {
        var queue = new ChunkQueue();
        IActorRef slow = CreateTestProbe().Ref, fast = CreateTestProbe().Ref;
        queue.MarkReady(0);
        queue.TryLease(slow, T0.AddSeconds(1), out _);
        queue.Expire(T0.AddSeconds(2));
        queue.TryLease(fast, T0.AddSeconds(10), out _);

        Assert.True(queue.Complete(0, "node-b"));
        Assert.False(queue.Complete(0, "node-a"));
        queue.MarkReady(0);

        Assert.Equal(1, queue.DoneCount);
        Assert.Equal("node-b", queue.Done[0]);
        Assert.False(queue.HasWaiting);
        Assert.Empty(queue.Release(slow));
    }
}
