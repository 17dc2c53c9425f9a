namespace Hark.Messages;

/// <summary>A worker could not encode a chunk of import <see cref="Token"/>; <see cref="Superseded"/>: because the import lost its id.</summary>
public sealed record ChunkFailed(string RecordingId, string Token, int ChunkIndex, string Reason, string Node, bool Superseded) : IRecordingMessage;
