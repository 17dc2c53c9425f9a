namespace Hark.Messages;

/// <summary>The commit of import <see cref="Token"/> did not happen; the recording stays as it was.</summary>
public sealed record CommitFailed(string RecordingId, string Token, string Reason) : IRecordingMessage;
