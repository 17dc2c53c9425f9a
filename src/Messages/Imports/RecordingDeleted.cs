namespace Hark.Messages;

/// <summary>Answer to <see cref="DeleteRecording"/>: <see cref="Found"/> is false when there was nothing to delete.</summary>
public sealed record RecordingDeleted(string RecordingId, bool Found, string? Error) : IRecordingMessage;
