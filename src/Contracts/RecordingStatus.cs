namespace Hark.Contracts;

/// <summary>Where a recording stands, as its entity sees it.</summary>
/// <param name="ChunksStaged">Chunks of the source decoded into staging so far.</param>
/// <param name="SourceSeconds">The source's planned length; 0 when not known (yet).</param>
public sealed record RecordingStatus(string Id, RecordingPhase Phase, int ChunksDone, int ChunkCount, string? Reason = null,
    int ChunksStaged = 0, double SourceSeconds = 0)
{
    /// <summary>The same status without the progress details, for comparing where two statuses stand.</summary>
    public RecordingStatus Settled => this with { ChunksStaged = 0, SourceSeconds = 0 };

    public override string ToString() => Phase switch
    {
        RecordingPhase.Importing => $"Importing {ChunksDone}/{ChunkCount} chunks",
        RecordingPhase.Failed => $"Failed: {Reason}",
        _ => Phase.ToString(),
    };
}
