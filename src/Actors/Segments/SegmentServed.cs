namespace Hark.Actors.Segments;

/// <summary>A segment request's task ended (either way); the reader forgets its credit.</summary>
internal sealed record SegmentServed(Guid RequestId);
