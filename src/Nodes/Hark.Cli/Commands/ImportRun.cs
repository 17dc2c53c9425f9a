using System.Diagnostics;
using Hark.Engine.Import;

namespace Hark.Cli.Commands;

/// <summary>One import through the front door: started, followed by its status until complete or failed, then described.</summary>
internal static class ImportRun
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<RecordingInfo> RunAsync(IRecordingService recordings, ImportRequest request,
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
        // A refused or failed import reports nothing more: the error is then the command's only line.
        if (status.Phase != RecordingPhase.Complete)
        {
            throw new InvalidOperationException(status.Reason ?? $"import of {request.Id} ended as {status}");
        }
        progress.Report(ToProgress(status, clock.Elapsed));
        return await recordings.GetInfoAsync(request.Id, ct);
    }

    /// <summary>
    /// The entity counts chunks, not samples: progress in milliseconds of source (rate 1000) keeps the view's
    /// percent, real-time factor and ETA arithmetic unchanged.
    /// </summary>
    private static ImportProgress ToProgress(RecordingStatus status, TimeSpan elapsed)
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
