namespace Hark.Messages;

/// <summary>Asks the indexer to join the encoded chunks into the recording and flip it complete.
/// Answered with <see cref="ImportCommitted"/> or <see cref="CommitFailed"/>.</summary>
public sealed record CommitImport(string RecordingId, ImportPlanData Plan, string? TraceParent) : IRecordingMessage, ITracedMessage;
