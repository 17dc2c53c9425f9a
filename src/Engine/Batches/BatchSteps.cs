using Hark.Engine.Import;
using Hark.Engine.Import.Sources;
using Hark.Storage;

namespace Hark.Engine.Batches;

/// <summary>
/// A batch's work through the front door: each poll refreshes the items being imported, starts pending ones into
/// the free slots and saves the batch when anything changed. The batch's entity runs one poll at a time.
/// </summary>
public sealed class BatchSteps(ArchiveStore archive, Func<IRecordingService> recordings)
{
    private readonly SourceFiles _sources = new(archive.Blobs);

    public Task<BatchStatus?> LoadAsync(string id, CancellationToken ct) => archive.FindBatchAsync(id, ct);

    public async Task<BatchStatus> PollAsync(BatchStatus batch, CancellationToken ct)
    {
        var service = recordings();
        var items = batch.Items.ToArray();
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i].State == BatchItemState.Importing)
            {
                items[i] = await RefreshAsync(service, items[i], ct);
            }
        }
        // Until the slots are full of imports: a source skipped or refused at once frees its slot for the next.
        // Each is tried once a poll: one left pending (the cluster busy or recovering) waits for the next poll.
        var tried = new HashSet<int>();
        while (BatchBook.NextToStart(batch with { Items = items }).Where(tried.Add).ToList() is { Count: > 0 } starting)
        {
            foreach (int i in starting)
            {
                items[i] = await StartAsync(service, batch.Template, items[i], ct);
            }
        }
        var next = BatchBook.With(batch, items, DateTimeOffset.UtcNow);
        if (BatchBook.Changed(batch, next))
        {
            await archive.SaveBatchAsync(next, ct);
        }
        return next;
    }

    private static async Task<BatchItem> RefreshAsync(IRecordingService service, BatchItem item, CancellationToken ct)
    {
        try
        {
            return BatchBook.Apply(item, await service.GetStatusAsync(item.RecordingId, ct));
        }
        catch (NodeUnavailableException)
        {
            // The entity's node went away: its import resumes elsewhere, and the next poll asks again.
            return item;
        }
    }

    private async Task<BatchItem> StartAsync(IRecordingService service, ImportRequest template, BatchItem item, CancellationToken ct)
    {
        try
        {
            if (await archive.FindRecordingAsync(item.RecordingId, ct) is { State: RecordingPhase.Complete } existing)
            {
                var sha = await _sources.Sha256Async(item.Source, ct);
                if (string.Equals(existing.SourceSha256, sha, StringComparison.OrdinalIgnoreCase))
                {
                    return BatchBook.Skipped(item, "already archived from a source with the same SHA-256");
                }
                if (!template.Replace)
                {
                    return BatchBook.Failed(item, $"recording '{item.RecordingId}' exists from another source (its SHA-256 differs); use replace");
                }
            }
            var status = await service.StartImportAsync(template with { Id = item.RecordingId, SourcePath = item.Source }, ct);
            return BatchBook.Apply(item, status);
        }
        catch (NodeUnavailableException)
        {
            return item;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return BatchBook.Failed(item, OneLine(e.Message));
        }
    }

    private static string OneLine(string message)
    {
        var line = message.ReplaceLineEndings(" ").Trim();
        return line.Length <= 500 ? line : line[..500] + "...";
    }
}
