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
        var status = await recordings.StartImportAsync(request, ct);
        while (status.Phase == RecordingPhase.Importing)
        {
            progress.Report(ToProgress(status, clock.Elapsed));
            await Task.Delay(PollInterval, ct);
            status = await recordings.GetStatusAsync(request.Id, ct);
        }
        if (status.Phase != RecordingPhase.Complete)
        {
            throw new InvalidOperationException(status.Reason ?? $"import of {request.Id} ended as {status}");
        }
        progress.Report(ToProgress(status, clock.Elapsed));
        return await recordings.GetRecordingAsync(request.Id, ct);
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
