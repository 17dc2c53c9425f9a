namespace Hark.Messages;

/// <summary>The recording is complete and readable.</summary>
public sealed record ImportCommitted(string RecordingId, long TotalSamples, long FrameCount) : IRecordingMessage;
