using Hark.Storage;

namespace Hark.Actors.Import;

internal sealed record CommitDone(string RecordingId, RecordingMetadata? Metadata, string? Error);
