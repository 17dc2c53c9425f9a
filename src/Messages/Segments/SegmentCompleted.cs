namespace Hark.Messages;

/// <summary>The last message of a successful segment answer: how many chunks and bytes were sent.</summary>
public sealed record SegmentCompleted(Guid RequestId, int ChunkCount, long TotalBytes) : IHarkMessage;
