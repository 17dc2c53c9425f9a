using Hark.Actors.Contracts;
using Hark.Storage;

namespace Hark.Node.Api;

/// <summary>GET /recordings/{id}: where the recording stands, and its metadata once it is complete.</summary>
/// <param name="ChunksStaged">While importing: chunks of the source decoded so far (the first pass).</param>
/// <param name="SourceSeconds">While importing: the source's planned length, for a real-time factor.</param>
public sealed record RecordingView(
    string Id, RecordingPhase Phase, int ChunksDone, int ChunkCount, string? Reason, string Status, RecordingMetadata? Metadata,
    int ChunksStaged = 0, double SourceSeconds = 0)
{
    public static RecordingView From(RecordingStatus status, RecordingMetadata? metadata) =>
        new(status.Id, status.Phase, status.ChunksDone, status.ChunkCount, status.Reason, status.ToString(), metadata,
            status.ChunksStaged, status.SourceSeconds);

    public RecordingStatus ToStatus() => new(Id, Phase, ChunksDone, ChunkCount, Reason, ChunksStaged, SourceSeconds);
}

/// <summary>
/// One row of GET /recordings: enough for a list or the dashboard, with import progress while importing, and the
/// recording's whole metadata as the archive holds it (what a client of the front door's list receives).
/// </summary>
public sealed record RecordingSummary(
    string Id, RecordingPhase State, AudioCodec Codec, int SampleRate, int Channels, long TotalSamples, double DurationSeconds,
    DateTimeOffset? StartTime, int? ChunksDone, int? ChunkCount, string? Reason, RecordingMetadata Metadata)
{
    public static RecordingSummary From(RecordingMetadata m, RecordingStatus? status) => new(
        m.Id, m.State, m.Codec, m.SampleRate, m.Channels, m.TotalSamples, m.DurationSeconds, m.StartTime,
        status?.ChunksDone, status?.ChunkCount, status?.Reason ?? m.FailureReason, m);
}
