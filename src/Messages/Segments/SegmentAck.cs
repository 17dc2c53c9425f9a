namespace Hark.Messages;

/// <summary>
/// The asker has written chunk <see cref="Sequence"/> to its destination: the reader may send one more. The reader
/// keeps at most <see cref="Window"/> chunks unacknowledged, so a segment of any size holds bounded memory on both
/// nodes and a slow client slows the reader instead of filling the remoting buffers.
/// </summary>
public sealed record SegmentAck(Guid RequestId, int Sequence) : IHarkMessage
{
    public const int Window = 8;
}
