namespace Hark.Messages;

/// <summary>The recording is complete and readable, committed by import <see cref="Token"/>.</summary>
public sealed record ImportCommitted(string RecordingId, string Token, long TotalSamples, long FrameCount) : IRecordingMessage;
