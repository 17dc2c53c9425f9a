namespace Hark.Messages;

/// <summary>A worker could not encode a chunk (the staged data is bad, the encoder failed): the import fails.</summary>
public sealed record ChunkFailed(string RecordingId, int ChunkIndex, string Reason, string Node) : IRecordingMessage;
