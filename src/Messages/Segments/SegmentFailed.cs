namespace Hark.Messages;

/// <summary>Why a segment could not be served; <see cref="Kind"/> lets the asker raise the engine's own exception.</summary>
public sealed record SegmentFailed(Guid RequestId, SegmentFailure Kind, string Message) : IHarkMessage;
