using System.Text.Json;
using System.Text.Json.Serialization;
using Hark.Storage.Layout;

namespace Hark.Storage;

/// <summary>Batches: one JSON document each under <c>batches/</c>, written only by the batch's own entity.</summary>
public sealed partial class ArchiveStore
{
    private static readonly JsonSerializerOptions BatchJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>Writes a new batch, marked running; false when one with its id exists already (left as it is).</summary>
    public async Task<bool> CreateBatchAsync(BatchStatus batch, CancellationToken ct)
    {
        // The marker first: a batch document never exists unmarked while it runs, so no sweep can miss it.
        await Blobs.PutAsync(ArchiveLayout.RunningBatchKey(batch.Id), ReadOnlyMemory<byte>.Empty, ct);
        return await Blobs.PutIfAbsentAsync(ArchiveLayout.BatchKey(batch.Id), JsonSerializer.SerializeToUtf8Bytes(batch, BatchJson), ct);
    }

    /// <summary>Writes the batch as it stands; a finished batch loses its running marker.</summary>
    public async Task SaveBatchAsync(BatchStatus batch, CancellationToken ct)
    {
        await Blobs.PutAsync(ArchiveLayout.BatchKey(batch.Id), JsonSerializer.SerializeToUtf8Bytes(batch, BatchJson), ct);
        if (batch.Phase == BatchPhase.Finished)
        {
            await Blobs.DeleteAsync(ArchiveLayout.RunningBatchKey(batch.Id), ct);
        }
    }

    /// <summary>Batches not finished yet: those to resume after a restart or the loss of their node.</summary>
    public async Task<IReadOnlyList<string>> ListRunningBatchIdsAsync(CancellationToken ct)
    {
        var ids = new List<string>();
        await foreach (var name in Blobs.ListChildrenAsync(ArchiveLayout.RunningBatchesFolder, ct))
        {
            if (RecordingId.IsValid(name))
            {
                ids.Add(name);
            }
        }
        return ids;
    }

    public async Task<BatchStatus?> FindBatchAsync(string id, CancellationToken ct)
    {
        var blob = await Blobs.GetVersionedAsync(ArchiveLayout.BatchKey(id), ct);
        if (blob is null)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<BatchStatus>(blob.Content, BatchJson) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new ArchiveFormatException($"{ArchiveLayout.BatchKey(id)}: not a batch ({e.Message})");
        }
    }

    /// <summary>The ids of every batch the archive holds, finished or not.</summary>
    public async Task<IReadOnlyList<string>> ListBatchIdsAsync(CancellationToken ct)
    {
        var ids = new List<string>();
        await foreach (var name in Blobs.ListChildrenAsync(ArchiveLayout.BatchesFolder, ct))
        {
            if (name.EndsWith(".json", StringComparison.Ordinal) && RecordingId.IsValid(name[..^5]))
            {
                ids.Add(name[..^5]);
            }
        }
        return ids;
    }
}
