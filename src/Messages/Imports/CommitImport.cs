namespace Hark.Messages;

/// <summary>Asks the indexer to join the encoded chunks of import <see cref="Token"/> into the recording and flip it
/// complete. Answered with <see cref="ImportCommitted"/> or <see cref="CommitFailed"/>.</summary>
public sealed record CommitImport(string RecordingId, string Token, string? TraceParent) : IRecordingMessage, ITracedMessage;
