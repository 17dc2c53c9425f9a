namespace Hark.Messages;

/// <summary>Encode chunk <see cref="ChunkIndex"/> of the plan (from staging into staging). Answered with
/// <see cref="ChunkEncoded"/> or <see cref="ChunkFailed"/>, sent to the entity through its shard region.</summary>
public sealed record ChunkJob(string RecordingId, int ChunkIndex, ImportPlanData Plan, string? TraceParent) : IRecordingMessage, ITracedMessage;
