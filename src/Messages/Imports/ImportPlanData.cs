namespace Hark.Messages;

/// <summary>
/// The engine's import plan as it travels in <see cref="ChunkJob"/> and <see cref="CommitImport"/>: the same fields,
/// so a worker on any node encodes from exactly the plan its entity holds without a round trip to the archive.
/// </summary>
public sealed record ImportPlanData
{
    public required string Id { get; init; }
    public required string SourcePath { get; init; }
    public required string SourceName { get; init; }
    public required long SourceSize { get; init; }
    public required DateTimeOffset SourceModified { get; init; }
    public required string Codec { get; init; }
    public required int SampleRate { get; init; }
    public required int Channels { get; init; }
    public required int BitDepth { get; init; }
    public int? BitRate { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public required long ChunkSamples { get; init; }
    public long? TotalSamples { get; init; }
    public required int ChunkCount { get; init; }
    /// <summary>AAC frames each chunk's encoder starts early (see the engine's ChunkLayout).</summary>
    public int LeadInFrames { get; init; }
    public bool Replace { get; init; }
    public bool Staged { get; init; }
    public string? SourceSha256 { get; init; }
    public string? StartTimeSource { get; init; }
    public bool SourceIsFloat { get; init; }
    /// <summary>Where the samples start in a plain PCM source read in place; null when the source is staged.</summary>
    public long? SourcePcmOffset { get; init; }
    public required DateTimeOffset Created { get; init; }
}
