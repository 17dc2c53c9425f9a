namespace Hark.Actors.Import;

internal sealed record CommitDone(string RecordingId, string Token, RecordingMetadata? Metadata, string? Error);
