using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Hark.Storage.Caching;
using Hark.Storage.Layout;
using Hark.Storage.Staging;
using Hark.Storage.Zarr;

namespace Hark.Storage;

/// <summary>
/// The archive: a Zarr v3 hierarchy of recordings on a blob store (layout in docs/archive-format.md).
/// A recording is readable only once its group metadata says complete; that write is the last of an import.
/// </summary>
public sealed partial class ArchiveStore
{
    private volatile bool _created;

    public ArchiveStore(IBlobStore store, ArchiveOptions? options = null)
    {
        Blobs = store;
        Options = options ?? new ArchiveOptions();
        Options.Validate();
        Cache = new ChunkCache(Options.ChunkCacheBytes);
    }

    /// <summary>Opens a directory or <c>az://container[/prefix]</c> (see <see cref="BlobStoreLocation"/>).</summary>
    public static ArchiveStore Open(string location) => new(BlobStoreLocation.Open(location));

    public IBlobStore Blobs { get; }

    public ArchiveOptions Options { get; }

    /// <summary>Verified audio chunks shared by every reader of this archive.</summary>
    public ChunkCache Cache { get; }

    /// <summary>Writes the root and recordings groups if missing; refuses an archive of a newer format.</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        if (_created)
        {
            return;
        }
        var root = new ZarrGroupMetadata(new JsonObject { ["hark"] = new JsonObject { ["format_version"] = ArchiveLayout.FormatVersion } });
        if (!await Blobs.PutIfAbsentAsync(ArchiveLayout.RootGroupKey, root.ToJsonBytes(), ct))
        {
            await CheckFormatAsync(ct);
        }
        var recordings = new ZarrGroupMetadata(new JsonObject { ["hark"] = new JsonObject { ["content"] = "recordings" } });
        await Blobs.PutIfAbsentAsync(ArchiveLayout.RecordingsGroupKey, recordings.ToJsonBytes(), ct);
        _created = true;
    }

    public async Task<IReadOnlyList<RecordingMetadata>> ListRecordingsAsync(CancellationToken ct)
    {
        var result = new List<RecordingMetadata>();
        await foreach (var child in Blobs.ListChildrenAsync(ArchiveLayout.RecordingsFolder, ct))
        {
            if (!child.EndsWith('/') || !RecordingId.IsValid(child[..^1]))
            {
                continue;
            }
            if (await ReadGroupAsync(child[..^1], ct) is { } document)
            {
                result.Add(document.Metadata);
            }
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return result;
    }

    /// <summary>One complete recording, the first the listing gives (any will do: a node warming its read path asks),
    /// or null when there is none. Reads groups only until it finds one, not the whole archive.</summary>
    public async Task<RecordingMetadata?> FirstCompleteRecordingAsync(CancellationToken ct)
    {
        await foreach (var child in Blobs.ListChildrenAsync(ArchiveLayout.RecordingsFolder, ct))
        {
            if (child.EndsWith('/') && RecordingId.IsValid(child[..^1])
                && await ReadGroupAsync(child[..^1], ct) is { Metadata.State: RecordingPhase.Complete } document)
            {
                return document.Metadata;
            }
        }
        return null;
    }

    public async Task<RecordingMetadata?> FindRecordingAsync(string id, CancellationToken ct) =>
        (await ReadGroupAsync(RecordingId.Validate(id), ct))?.Metadata;

    public async Task<RecordingReader> OpenRecordingAsync(string id, CancellationToken ct)
    {
        RecordingId.Validate(id);
        while (true)
        {
            var document = await ReadGroupAsync(id, ct) ?? throw new RecordingNotFoundException(id);
            if (document.Metadata.State != RecordingPhase.Complete)
            {
                throw new RecordingNotFoundException(id, document.Metadata.State);
            }
            try
            {
                return await RecordingReader.OpenAsync(this, document, ct);
            }
            catch (CorruptRecordingException)
            {
                if ((await ReadGroupAsync(id, ct))?.Generation == document.Generation)
                {
                    throw;
                }
                // Deleted or replaced while its arrays were being opened: not damage; look again.
            }
        }
    }

    /// <summary>
    /// The waveform overview of a complete recording, or null when its import made none (copied packets, archives
    /// written before overviews). Throws <see cref="RecordingNotFoundException"/> like <see cref="OpenRecordingAsync"/>.
    /// </summary>
    public async Task<RecordingOverview?> ReadOverviewAsync(string id, CancellationToken ct)
    {
        var document = await ReadGroupAsync(RecordingId.Validate(id), ct) ?? throw new RecordingNotFoundException(id);
        if (document.Metadata.State != RecordingPhase.Complete || document.Generation is not { } generation)
        {
            throw new RecordingNotFoundException(id, document.Metadata.State);
        }
        return await OverviewArray.ReadAsync(Blobs, ArchiveLayout.OverviewFolder(id, generation), ct);
    }

    /// <summary>One import's staging, by recording id and token.</summary>
    public StagingArea Staging(string id, string token) => new(this, RecordingId.Validate(id), ImportToken.Validate(token));

    /// <summary>Ids with anything in staging: imports running, interrupted or failed (and revoked leftovers).</summary>
    public async Task<IReadOnlyList<string>> ListStagedIdsAsync(CancellationToken ct)
    {
        var ids = new List<string>();
        await foreach (var name in Blobs.ListChildrenAsync(ArchiveLayout.StagingFolder, ct))
        {
            if (name.EndsWith('/') && RecordingId.IsValid(name[..^1]))
            {
                ids.Add(name[..^1]);
            }
        }
        return ids;
    }

    public Task<VerificationReport> VerifyRecordingAsync(string id, IProgress<double>? progress, CancellationToken ct) =>
        RecordingVerifier.VerifyAsync(this, id, progress, ct);

    internal async Task<RecordingGroupDocument?> ReadGroupAsync(string id, CancellationToken ct) =>
        (await ReadVersionedGroupAsync(id, ct))?.Document;

    internal async Task<VersionedGroup?> ReadVersionedGroupAsync(string id, CancellationToken ct)
    {
        var key = ArchiveLayout.RecordingGroupKey(id);
        if (await Blobs.GetVersionedAsync(key, ct) is not { } blob)
        {
            return null;
        }
        try
        {
            return new VersionedGroup(RecordingGroupDocument.Parse(blob.Content, key), blob.Version);
        }
        catch (ZarrFormatException e)
        {
            throw new ArchiveFormatException(e.Message);
        }
    }

    internal async Task DeletePrefixAsync(string prefix, CancellationToken ct)
    {
        var keys = new List<string>();
        await foreach (var key in Blobs.ListAsync(prefix, ct))
        {
            keys.Add(key);
            if (keys.Count == 256)
            {
                await DeleteAllAsync(keys, ct);
                keys.Clear();
            }
        }
        await DeleteAllAsync(keys, ct);
    }

    internal async Task DeleteGenerationAsync(string id, string generation, CancellationToken ct)
    {
        // The group marker goes last so a half-deleted generation is still recognised and finished next time.
        await DeletePrefixAsync(ArchiveLayout.GenerationFolder(id, generation) + "audio/", ct);
        await DeletePrefixAsync(ArchiveLayout.GenerationFolder(id, generation) + "index/", ct);
        await DeletePrefixAsync(ArchiveLayout.GenerationFolder(id, generation), ct);
        Cache.RemovePrefix(ArchiveLayout.GenerationFolder(id, generation));
    }

    private Task DeleteAllAsync(List<string> keys, CancellationToken ct) =>
        Parallel.ForEachAsync(keys.ToArray(), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (key, token) => await Blobs.DeleteAsync(key, token));

    private async Task CheckFormatAsync(CancellationToken ct)
    {
        var bytes = await Blobs.GetAsync(ArchiveLayout.RootGroupKey, ct);
        ZarrGroupMetadata root;
        try
        {
            root = ZarrGroupMetadata.Parse(bytes, ArchiveLayout.RootGroupKey);
        }
        catch (ZarrFormatException e)
        {
            throw new ArchiveFormatException($"{Blobs.Description} is not a Hark archive: {e.Message}");
        }
        int? version = root.Attributes["hark"]?["format_version"] is JsonValue value && value.TryGetValue(out int v) ? v : null;
        if (version is null)
        {
            throw new ArchiveFormatException($"{Blobs.Description} holds a Zarr group that is not a Hark archive (no hark.format_version)");
        }
        if (version > ArchiveLayout.FormatVersion)
        {
            throw new ArchiveFormatException($"{Blobs.Description}: archive format {version} is newer than this version reads ({ArchiveLayout.FormatVersion})");
        }
    }

}
