namespace Hark.Messages;

/// <summary>
/// Asks the recording's reader for samples [start, start + count). The reader answers the sender with
/// <see cref="SegmentChunk"/> messages in sequence, then <see cref="SegmentCompleted"/> or <see cref="SegmentFailed"/>.
/// </summary>
public sealed record ReadSegment(
    string RecordingId,
    Guid RequestId,
    long StartSample,
    long Count,
    SegmentFormat Format,
    string? TraceParent) : IRecordingMessage, ITracedMessage;
