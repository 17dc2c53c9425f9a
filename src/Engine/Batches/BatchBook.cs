namespace Hark.Engine.Batches;

/// <summary>
/// A batch's decisions, without I/O: which items to start next, and what an import's status means for its item.
/// </summary>
public static class BatchBook
{
    /// <summary>The pending items to start now: as many as the batch has free slots, in the batch's order.</summary>
    public static IReadOnlyList<int> NextToStart(BatchStatus batch)
    {
        int free = batch.Concurrency - batch.Count(BatchItemState.Importing);
        var next = new List<int>();
        for (int i = 0; i < batch.Items.Count && next.Count < free; i++)
        {
            if (batch.Items[i].State == BatchItemState.Pending)
            {
                next.Add(i);
            }
        }
        return next;
    }

    /// <summary>The item as its recording's status says. An import the cluster no longer knows goes back to pending,
    /// to be started (and so resumed from staging) again.</summary>
    public static BatchItem Apply(BatchItem item, RecordingStatus status) => status.Phase switch
    {
        RecordingPhase.Complete => item with { State = BatchItemState.Complete, ChunksDone = status.ChunkCount, ChunkCount = status.ChunkCount, Reason = null },
        RecordingPhase.Failed => item with { State = BatchItemState.Failed, Reason = status.Reason ?? "failed" },
        RecordingPhase.Importing => item with
        {
            State = BatchItemState.Importing, ChunksDone = status.ChunksDone, ChunkCount = status.ChunkCount,
            SourceSeconds = status.SourceSeconds > 0 ? status.SourceSeconds : item.SourceSeconds,
        },
        _ => item with { State = BatchItemState.Pending },
    };

    public static BatchItem Failed(BatchItem item, string reason) => item with { State = BatchItemState.Failed, Reason = reason };

    public static BatchItem Skipped(BatchItem item, string reason) => item with { State = BatchItemState.Skipped, Reason = reason };

    /// <summary>The batch with these items; finished (and stamped) once every item is settled.</summary>
    public static BatchStatus With(BatchStatus batch, IReadOnlyList<BatchItem> items, DateTimeOffset now)
    {
        var next = batch with { Items = items };
        return next.AllSettled && batch.Phase == BatchPhase.Running ? next with { Phase = BatchPhase.Finished, Finished = now } : next;
    }

    /// <summary>Whether anything a reader of the batch sees differs.</summary>
    public static bool Changed(BatchStatus before, BatchStatus after) =>
        before.Phase != after.Phase || !before.Items.SequenceEqual(after.Items);

    /// <summary>Overall progress from 0 to 1: settled items count whole, importing ones by their chunks.</summary>
    public static double Progress(BatchStatus batch)
    {
        if (batch.Items.Count == 0)
        {
            return 1;
        }
        double done = 0;
        foreach (var item in batch.Items)
        {
            done += item.State.IsSettled() ? 1 : item.State == BatchItemState.Importing && item.ChunkCount > 0 ? (double)item.ChunksDone / item.ChunkCount : 0;
        }
        return done / batch.Items.Count;
    }
}
