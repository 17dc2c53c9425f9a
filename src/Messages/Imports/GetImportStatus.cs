namespace Hark.Messages;

/// <summary>Asks a recording's entity where it stands. Answered with <see cref="ImportStatus"/>.</summary>
public sealed record GetImportStatus(string RecordingId) : IRecordingMessage;
