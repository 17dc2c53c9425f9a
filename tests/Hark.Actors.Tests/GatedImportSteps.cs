using Hark.Engine.Import;

namespace Hark.Actors.Tests;

/// <summary>
/// The real import steps, except that encoding or committing can be held at its start until the test lets it go, so
/// a delete or a node's departure lands exactly while that step is in flight. A held step, once let go, runs to its
/// end even if its node has stopped meanwhile (an old node's indexer still committing after the entity moved).
/// </summary>
public sealed class GatedImportSteps(IImportSteps inner) : IImportSteps
{
    private readonly TaskCompletionSource _releaseEncode = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _releaseCommit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _encodeEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _commitEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Exception?> _heldCommitEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Exception?> _heldEncodeEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool HoldEncodes { get; set; }
    public bool HoldCommits { get; set; }

    /// <summary>Completes when an encode (a commit) reached the gate while held.</summary>
    public Task EncodeEntered => _encodeEntered.Task;
    public Task CommitEntered => _commitEntered.Task;

    /// <summary>The outcome of the held step once let go: null when it succeeded, else its error.</summary>
    public Task<Exception?> HeldEncodeEnded => _heldEncodeEnded.Task;
    public Task<Exception?> HeldCommitEnded => _heldCommitEnded.Task;

    public void ReleaseEncodes() => _releaseEncode.TrySetResult();
    public void ReleaseCommits() => _releaseCommit.TrySetResult();

    public Task<ImportPlan> PlanAsync(ImportRequest request, CancellationToken ct) => inner.PlanAsync(request, ct);

    public Task<ImportPlan> StageSourceAsync(ImportPlan plan, Func<int, ValueTask> onChunkStaged, StagingWindow? window, IProgress<ImportProgress>? progress,
        CancellationToken ct) =>
        inner.StageSourceAsync(plan, onChunkStaged, window, progress, ct);

    public async Task<ChunkResult> EncodeChunkAsync(string id, string token, int chunkIndex, CancellationToken ct)
    {
        if (!HoldEncodes)
        {
            return await inner.EncodeChunkAsync(id, token, chunkIndex, ct);
        }
        _encodeEntered.TrySetResult();
        await _releaseEncode.Task;
        try
        {
            // Not the worker's token: a worker that was told to stop must still be stopped by the token check, not by us.
            var result = await inner.EncodeChunkAsync(id, token, chunkIndex, CancellationToken.None);
            _heldEncodeEnded.TrySetResult(null);
            return result;
        }
        catch (Exception e)
        {
            _heldEncodeEnded.TrySetResult(e);
            throw;
        }
    }

    public async Task<RecordingMetadata> CommitAsync(string id, string token, CancellationToken ct)
    {
        if (!HoldCommits)
        {
            return await inner.CommitAsync(id, token, ct);
        }
        _commitEntered.TrySetResult();
        await _releaseCommit.Task;
        try
        {
            var result = await inner.CommitAsync(id, token, CancellationToken.None);
            _heldCommitEnded.TrySetResult(null);
            return result;
        }
        catch (Exception e)
        {
            _heldCommitEnded.TrySetResult(e);
            throw;
        }
    }

    public Task<string> FailAsync(string id, string token, string reason, CancellationToken ct) => inner.FailAsync(id, token, reason, ct);

    public Task<ImportState> LoadAsync(string id, CancellationToken ct) => inner.LoadAsync(id, ct);
}
