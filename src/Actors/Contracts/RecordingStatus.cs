namespace Hark.Actors.Contracts;

public enum RecordingPhase
{
    Unknown,
    Importing,
    Complete,
    Failed,
}

/// <summary>Where a recording stands, as its entity sees it.</summary>
public sealed record RecordingStatus(string Id, RecordingPhase Phase, int ChunksDone, int ChunkCount, string? Reason = null)
{
    public override string ToString() => Phase switch
    {
        RecordingPhase.Importing => $"Importing {ChunksDone}/{ChunkCount} chunks",
        RecordingPhase.Failed => $"Failed: {Reason}",
        _ => Phase.ToString(),
    };
}
