namespace Hark.Messages;

/// <summary>
/// One piece of a segment answer, at most <see cref="MaxBytes"/> so no remoting frame grows with the request.
/// <see cref="Sequence"/> counts from 0 so the receiver can tell a lost or reordered piece.
/// </summary>
public sealed record SegmentChunk(Guid RequestId, int Sequence, ReadOnlyMemory<byte> Data) : IHarkMessage
{
    public const int MaxBytes = 64 * 1024;
}
