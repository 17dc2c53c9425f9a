namespace Hark.Messages;

/// <summary>Encode chunk <see cref="ChunkIndex"/> of the import <see cref="Token"/> (the worker reads the plan from its
/// staging). Answered with <see cref="ChunkEncoded"/> or <see cref="ChunkFailed"/>, sent to the entity through its shard region.</summary>
public sealed record ChunkJob(string RecordingId, string Token, int ChunkIndex, string? TraceParent) : IRecordingMessage, ITracedMessage;
