namespace Hark.Storage;

/// <param name="AlreadyCommitted">The same import had committed before (another generation of it is current).</param>
/// <param name="Superseded">The generation that was current before this commit, now unreachable.</param>
internal sealed record CommitOutcome(RecordingMetadata Metadata, string Generation, bool AlreadyCommitted, string? Superseded);
