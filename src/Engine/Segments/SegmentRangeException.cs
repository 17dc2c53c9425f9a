namespace Hark.Engine.Segments;

/// <summary>A segment request outside the recording: negative start, zero count (<see cref="PastTheEnd"/> false: a bad
/// request), or samples past the end (a range the recording cannot satisfy).</summary>
public sealed class SegmentRangeException(string message, bool pastTheEnd = true) : Exception(message)
{
    public bool PastTheEnd { get; } = pastTheEnd;
}
