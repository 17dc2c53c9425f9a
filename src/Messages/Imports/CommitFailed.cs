namespace Hark.Messages;

/// <summary>The commit did not happen; the recording stays invisible to readers.</summary>
public sealed record CommitFailed(string RecordingId, string Reason) : IRecordingMessage;
