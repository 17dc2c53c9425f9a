using Hark.Actors.Contracts;
using Hark.Engine.Import;
using Hark.Storage;

namespace Hark.Node.Embedded;

/// <summary>One import running in this process: its progress as the importer reports it, and how it ended.</summary>
internal sealed class ImportJob(ImportPlan plan) : IDisposable
{
    private volatile RecordingStatus _status = new(plan.Id, RecordingPhase.Importing, 0, plan.ChunkCount);

    public ImportPlan Plan { get; } = plan;

    public CancellationTokenSource Cancellation { get; } = new();

    public Task Completion { get; set; } = Task.CompletedTask;

    public RecordingStatus Status => _status;

    public bool Running => _status.Phase == RecordingPhase.Importing;

    public void Report(ImportProgress progress) => _status = _status with
    {
        ChunksDone = progress.ChunksEncoded,
        ChunkCount = progress.ChunkCount,
        ChunksStaged = progress.TotalSamples is > 0 ? (int)(progress.SamplesStaged * progress.ChunkCount / progress.TotalSamples.Value) : 0,
        SourceSeconds = progress.TotalSamples is > 0 ? (double)progress.TotalSamples.Value / progress.SampleRate : 0,
    };

    public void Complete() =>
        _status = _status with { Phase = RecordingPhase.Complete, ChunksDone = _status.ChunkCount };

    public void Fail(string reason) => _status = _status with { Phase = RecordingPhase.Failed, Reason = reason };

    /// <summary>While the archive has no group for it yet, the plan stands in for the recording in a list.</summary>
    public RecordingMetadata Placeholder() => new()
    {
        Id = Plan.Id,
        Codec = Plan.Codec,
        SampleRate = Plan.SampleRate,
        Channels = Plan.Channels,
        BitDepth = Plan.Codec == "lac" ? Plan.BitDepth : null,
        Bitrate = Plan.BitRate,
        TotalSamples = Plan.TotalSamples ?? 0,
        StartTime = Plan.StartTime,
        SourceName = Plan.SourceName,
        SourceSize = Plan.SourceSize,
        State = Running ? RecordingState.Importing : RecordingState.Failed,
        FailureReason = _status.Reason,
        Created = Plan.Created,
    };

    public void Dispose() => Cancellation.Dispose();
}
