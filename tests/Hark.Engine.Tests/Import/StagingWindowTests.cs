using Hark.Engine.Import;

namespace Hark.Engine.Tests.Import;

/// <summary>The rules of the staging window on their own: when staging may go on, and which chunks it may delete.</summary>
public sealed class StagingWindowTests
{
    [Fact]
    public async Task Staging_waits_once_it_is_the_window_ahead_and_goes_on_as_the_lowest_chunk_is_encoded()
    {
        var window = new StagingWindow(3);
        await window.WaitForRoomAsync(2, CancellationToken.None); // chunks 0..2 fit before anything is encoded
        Assert.Null(window.StagingWaitsFor);

        var waiting = window.WaitForRoomAsync(3, CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);
        Assert.Equal(3, window.StagingWaitsFor);

        window.Encoded(1); // not the lowest: chunk 0 still holds the window
        Assert.False(waiting.IsCompleted);
        window.Encoded(0);
        await waiting;
        Assert.Equal(2, window.LowestUnencoded);
        Assert.Null(window.StagingWaitsFor);
        await window.WaitForRoomAsync(4, CancellationToken.None);
    }

    [Fact]
    public async Task A_cancelled_wait_ends_at_once()
    {
        var window = new StagingWindow(2);
        using var cancel = new CancellationTokenSource();
        var waiting = window.WaitForRoomAsync(5, cancel.Token).AsTask();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Null(window.StagingWaitsFor);
    }

    [Fact]
    public void A_chunk_is_released_once_it_and_both_neighbours_are_encoded_and_only_once()
    {
        var window = new StagingWindow(4);
        window.Encoded(1);
        window.Encoded(3);
        Assert.Empty(window.TakeReleasable()); // 1 needs 0 and 2; 3 needs 2 and 4

        window.Encoded(2);
        Assert.Equal([2], window.TakeReleasable()); // 1 still needs 0 (its lead-in), 3 needs 4 (its tail)
        window.Encoded(0);
        Assert.Equal([0, 1], window.TakeReleasable()); // chunk 0 has no chunk before it
        window.Encoded(2);
        window.Encoded(0);
        Assert.Empty(window.TakeReleasable());
        window.Encoded(4);
        Assert.Equal([3], window.TakeReleasable()); // 4 may be the last chunk: nothing says no chunk 5 reads it
    }

    [Fact]
    public void The_window_must_hold_a_chunk_and_the_one_after_it()
    {
        // Chunk n becomes encodable only once chunk n+1 is staged: a window of one would wait forever.
        Assert.Throws<ArgumentOutOfRangeException>(() => new StagingWindow(1));
    }
}
