namespace Hark.Messages;

/// <summary>A recording's state: importing n/m chunks, complete, or failed with a reason.</summary>
public sealed record ImportStatus(string RecordingId, ImportPhase Phase, int ChunksDone, int ChunkCount, string? Reason) : IRecordingMessage;
