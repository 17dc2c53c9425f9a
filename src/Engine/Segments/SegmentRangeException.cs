namespace Hark.Engine.Segments;

/// <summary>A segment request outside the recording: negative start, zero count, past the end.</summary>
public sealed class SegmentRangeException(string message) : Exception(message);
