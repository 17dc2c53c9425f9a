using System.Diagnostics;
using Hark.Actors.Contracts;
using Hark.Engine.Import;
using Hark.Storage;

namespace Hark.Cli.Embedded;

/// <summary>An import run through the recording's entity, followed by its status until it is complete or failed.</summary>
internal static class ClusterImport
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<RecordingMetadata> RunAsync(IRecordingService recordings, ImportRequest request,
        IProgress<ImportProgress> progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var started = await recordings.StartImportAsync(request, ct);
        var status = await FollowAsync(started, clock, token => recordings.GetStatusAsync(request.Id, token), progress, ct);
        if (status.Phase != RecordingPhase.Complete)
        {
            throw new InvalidOperationException(status.Reason ?? $"import of {request.Id} ended as {status}");
        }
        return await recordings.GetRecordingAsync(request.Id, ct);
    }

    /// <summary>
    /// Reports progress from <paramref name="poll"/> until the import is no longer importing; returns that status. A
    /// refused or failed import reports nothing more: the caller's error is then the only line.
    /// </summary>
    public static async Task<RecordingStatus> FollowAsync(RecordingStatus status, Stopwatch clock,
        Func<CancellationToken, Task<RecordingStatus>> poll, IProgress<ImportProgress> progress, CancellationToken ct)
    {
        while (status.Phase == RecordingPhase.Importing)
        {
            progress.Report(ToProgress(status, clock.Elapsed));
            await Task.Delay(PollInterval, ct);
            status = await poll(ct);
        }
        if (status.Phase == RecordingPhase.Complete)
        {
            progress.Report(ToProgress(status, clock.Elapsed));
        }
        return status;
    }

    /// <summary>
    /// The entity counts chunks, not samples: progress in milliseconds of source (rate 1000) keeps the view's
    /// percent, real-time factor and ETA arithmetic unchanged.
    /// </summary>
    internal static ImportProgress ToProgress(RecordingStatus status, TimeSpan elapsed)
    {
        if (status.SourceSeconds <= 0 || status.ChunkCount == 0)
        {
            return new ImportProgress(0, null, status.ChunksDone, status.ChunkCount, elapsed, 1000);
        }
        long total = (long)Math.Round(status.SourceSeconds * 1000);
        long staged = total * Math.Min(status.ChunksStaged, status.ChunkCount) / status.ChunkCount;
        return new ImportProgress(staged, total, status.ChunksDone, status.ChunkCount, elapsed, 1000);
    }
}
