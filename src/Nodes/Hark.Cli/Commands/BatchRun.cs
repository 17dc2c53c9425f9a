using System.Globalization;
using Hark.Engine.Batches;
using Spectre.Console;

namespace Hark.Cli.Commands;

/// <summary>
/// A batch through the front door: made, then followed until finished, with one overall bar (on a terminal; a
/// line every few seconds otherwise) and a line on stdout per source as it settles. Exit 1 if any source failed.
/// </summary>
internal static class BatchRun
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Runs the batch to its end, reporting as it goes; returns it finished.</summary>
    public static async Task<BatchStatus> RunAsync(IRecordingService recordings, BatchRequest request, CancellationToken ct)
    {
        var batch = await recordings.StartBatchAsync(request, ct);
        Console.Error.WriteLine($"batch {batch.Id}: {batch.Items.Count} source{(batch.Items.Count == 1 ? "" : "s")}, {batch.Concurrency} at a time");
        var reported = new HashSet<string>(StringComparer.Ordinal);
        if (!Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            await console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var bar = context.AddTask(batch.Id, maxValue: 100);
                    batch = await FollowAsync(recordings, batch, reported, b =>
                    {
                        bar.Value = BatchBook.Progress(b) * 100;
                        bar.Description = Counts(b);
                    }, ct);
                    bar.Value = 100;
                });
        }
        else
        {
            var last = DateTime.UtcNow;
            batch = await FollowAsync(recordings, batch, reported, b =>
            {
                if (DateTime.UtcNow - last >= TimeSpan.FromSeconds(2))
                {
                    last = DateTime.UtcNow;
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batch {b.Id}: {BatchBook.Progress(b) * 100:F0}%, {Counts(b)}"));
                }
            }, ct);
        }
        int failed = batch.Count(BatchItemState.Failed);
        Console.WriteLine($"imported {batch.Count(BatchItemState.Complete)} of {batch.Items.Count} files" +
            (batch.Count(BatchItemState.Skipped) is > 0 and var skipped ? $", {skipped} already archived" : "") +
            (failed > 0 ? $"; failed: {string.Join(", ", batch.Items.Where(i => i.State == BatchItemState.Failed).Select(i => Path.GetFileName(i.Source)))}" : ""));
        return batch;
    }

    public static int ExitCodeOf(BatchStatus batch) => batch.Count(BatchItemState.Failed) == 0 ? ExitCodes.Ok : ExitCodes.Failure;

    private static async Task<BatchStatus> FollowAsync(IRecordingService recordings, BatchStatus batch, HashSet<string> reported,
        Action<BatchStatus> progress, CancellationToken ct)
    {
        while (true)
        {
            Report(batch, reported);
            progress(batch);
            if (batch.Phase == BatchPhase.Finished)
            {
                return batch;
            }
            await Task.Delay(PollInterval, ct);
            batch = await recordings.GetBatchAsync(batch.Id, ct);
        }
    }

    /// <summary>A line per source that settled since the last look: stdout for the done, stderr for the failed.</summary>
    private static void Report(BatchStatus batch, HashSet<string> reported)
    {
        foreach (var item in batch.Items)
        {
            if (!item.State.IsSettled() || !reported.Add(item.RecordingId))
            {
                continue;
            }
            var name = Path.GetFileName(item.Source);
            switch (item.State)
            {
                case BatchItemState.Failed:
                    var reason = item.Reason ?? "failed";
                    Console.Error.WriteLine($"hark: {(reason.Contains(name, StringComparison.Ordinal) ? reason : $"{name}: {reason}")}");
                    break;
                case BatchItemState.Skipped:
                    Console.WriteLine($"{name} -> {item.RecordingId}: skipped, {item.Reason}");
                    break;
                default:
                    Console.WriteLine($"{name} -> {item.RecordingId}: complete, {item.ChunkCount} chunks");
                    break;
            }
        }
    }

    private static string Counts(BatchStatus b) =>
        $"{b.Count(BatchItemState.Complete) + b.Count(BatchItemState.Skipped)}/{b.Items.Count} done, {b.Count(BatchItemState.Importing)} importing" +
        (b.Count(BatchItemState.Failed) is > 0 and var f ? $", {f} failed" : "");
}
