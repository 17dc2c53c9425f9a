using Akka.Actor;
using Hark.Engine.Import;

namespace Hark.Actors.Import;

/// <summary>
/// The bookkeeping of one running import, kept apart from the entity so its rules can be tested without actors:
/// which chunks are staged and encodable, which are leased to which worker, which are done, and when the import may
/// commit. One book per import token: a new import (or a resumed one) starts a new book.
/// </summary>
public sealed class ImportBook
{
    private readonly ChunkQueue _queue = new();

    /// <param name="stagingAheadChunks">How far staging may run ahead of the encoders: see <see cref="StagingWindow"/>.</param>
    public ImportBook(ImportPlan plan, int stagingAheadChunks = StagingWindow.DefaultAheadChunks)
    {
        Plan = plan;
        Window = new StagingWindow(stagingAheadChunks);
    }

    /// <summary>Told of every encoded chunk; the staging task waits on it and deletes the chunks it releases.</summary>
    public StagingWindow Window { get; }

    /// <summary>The plan; replaced by the final one (exact length and chunk count) once the source is staged.</summary>
    public ImportPlan Plan { get; private set; }

    public string Token => Plan.Token;

    /// <summary>The whole source is staged: the chunk count is final and the last chunk is encodable.</summary>
    public bool Staged { get; private set; }

    public int ChunksStaged { get; private set; }

    public int ChunksDone => _queue.DoneCount;

    public long BytesEncoded { get; private set; }

    /// <summary>Chunks nobody holds that a worker could take now.</summary>
    public bool HasWaiting => _queue.HasWaiting;

    /// <summary>Every chunk is encoded and the source fully staged: the import can commit.</summary>
    public bool IsReadyToCommit => Staged && _queue.DoneCount >= Plan.ChunkCount;

    /// <summary>Chunk <paramref name="chunk"/> is staged. Chunk n-1 reads a short tail from chunk n, so it is encodable now.</summary>
    public void ChunkStaged(int chunk)
    {
        ChunksStaged = Math.Max(ChunksStaged, chunk + 1);
        if (chunk > 0)
        {
            _queue.MarkReady(chunk - 1);
        }
    }

    /// <summary>The whole source is staged; <paramref name="final"/> holds its exact length.</summary>
    public void StagingDone(ImportPlan final)
    {
        if (final.Token != Token)
        {
            throw new InvalidOperationException($"staging of import {final.Token} reported to the book of {Token}");
        }
        Plan = final;
        Staged = true;
        ChunksStaged = final.ChunkCount;
        _queue.MarkReady(final.ChunkCount - 1);
    }

    public bool TryLease(IActorRef worker, DateTime expires, out int chunk) => _queue.TryLease(worker, expires, out chunk);

    /// <summary>Records an encoded chunk; false for a chunk already done (a duplicate run, harmless).</summary>
    public bool Encoded(int chunk, string node, long encodedBytes)
    {
        if (!_queue.Complete(chunk, node))
        {
            return false;
        }
        Window.Encoded(chunk);
        BytesEncoded += encodedBytes;
        return true;
    }

    /// <summary>A chunk failed and goes back in the queue; the number of failed attempts so far (0: it was done meanwhile).</summary>
    public int Failed(int chunk) => _queue.Fail(chunk);

    public bool Holds(IActorRef worker) => _queue.Holds(worker);

    public IReadOnlyList<int> Release(IActorRef worker) => _queue.Release(worker);

    public IReadOnlyList<int> Expire(DateTime now) => _queue.Expire(now);

    /// <summary>What a status question is told while this import runs.</summary>
    public RecordingStatus Status(string id) =>
        new(id, RecordingPhase.Importing, ChunksDone, Staged ? Plan.ChunkCount : Math.Max(Plan.ChunkCount, ChunksStaged), null, ChunksStaged,
            Plan.SourceSeconds);

    /// <summary>The node that encoded each chunk, "" for chunks not (yet) encoded.</summary>
    public IReadOnlyList<string> EncodedBy() =>
        Enumerable.Range(0, Plan.ChunkCount).Select(i => _queue.Done.TryGetValue(i, out var node) ? node : "").ToArray();
}
