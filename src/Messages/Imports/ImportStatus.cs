namespace Hark.Messages;

/// <summary>A recording's state: importing n/m chunks, complete, or failed with a reason.</summary>
/// <param name="ChunksStaged">Chunks of the source decoded into staging so far (progress of the first pass).</param>
/// <param name="SourceSeconds">The source's length as planned (0 before planning): with the counts, a real-time factor.</param>
public sealed record ImportStatus(string RecordingId, ImportPhase Phase, int ChunksDone, int ChunkCount, string? Reason,
    int ChunksStaged = 0, double SourceSeconds = 0) : IRecordingMessage;
