using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Hark.Storage.Caching;
using Hark.Storage.Layout;
using Hark.Storage.Zarr;

namespace Hark.Storage;

/// <summary>
/// The archive: a Zarr v3 hierarchy of recordings on a blob store (layout in docs/archive-format.md).
/// A recording is readable only once its group metadata says complete; that write is the last of an import.
/// </summary>
public sealed class ArchiveStore
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

    public async Task<RecordingMetadata?> FindRecordingAsync(string id, CancellationToken ct) =>
        (await ReadGroupAsync(RecordingId.Validate(id), ct))?.Metadata;

    /// <summary>
    /// Starts an import into a new generation. Without <paramref name="replace"/> an existing recording (any state)
    /// is a <see cref="RecordingExistsException"/>. With it, a complete recording stays readable and unchanged until
    /// the new one commits; an importing or failed one is superseded at once.
    /// </summary>
    public async Task<RecordingWriter> CreateRecordingAsync(RecordingMetadata metadata, bool replace, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        RecordingId.Validate(metadata.Id);
        metadata.Validate();
        await EnsureCreatedAsync(ct);
        var id = metadata.Id;
        var existing = await ReadGroupAsync(id, ct);
        if (existing is not null && !replace)
        {
            throw new RecordingExistsException(id, existing.Metadata.State);
        }
        var now = DateTimeOffset.UtcNow;
        var generation = Generation.New(now);
        var importing = metadata with
        {
            State = RecordingState.Importing,
            FrameCount = 0,
            FailureReason = null,
            Created = metadata.Created == default ? now : metadata.Created,
            Completed = null,
        };
        bool replacingComplete = existing?.Metadata.State == RecordingState.Complete;

        // The new generation's group exists before the recording group can name it.
        var generationGroup = new ZarrGroupMetadata(RecordingGroupDocument.ToAttributes(importing, generation));
        await Blobs.PutAsync(ArchiveLayout.GenerationGroupKey(id, generation), generationGroup.ToJsonBytes(), ct);
        var document = new RecordingGroupDocument(importing, generation).ToJsonBytes();
        if (existing is null)
        {
            if (!await Blobs.PutIfAbsentAsync(ArchiveLayout.RecordingGroupKey(id), document, ct))
            {
                await DeletePrefixAsync(ArchiveLayout.GenerationFolder(id, generation), ct);
                var winner = await ReadGroupAsync(id, ct);
                throw new RecordingExistsException(id, winner?.Metadata.State ?? RecordingState.Importing);
            }
        }
        else if (!replacingComplete)
        {
            await Blobs.PutAsync(ArchiveLayout.RecordingGroupKey(id), document, ct);
        }
        // Generations left by crashed or failed imports are never readable: remove them now.
        await DeleteGenerationsExceptAsync(id, keep: [generation, replacingComplete ? existing!.Generation : generation], ct);
        return new RecordingWriter(this, importing, generation, replacingComplete);
    }

    public async Task<RecordingReader> OpenRecordingAsync(string id, CancellationToken ct)
    {
        var document = await ReadGroupAsync(RecordingId.Validate(id), ct) ?? throw new RecordingNotFoundException(id);
        if (document.Metadata.State != RecordingState.Complete)
        {
            throw new RecordingNotFoundException(id, document.Metadata.State);
        }
        return await RecordingReader.OpenAsync(this, document, ct);
    }

    /// <summary>Removes the recording (any state) with all its generations and its staging folder.</summary>
    public async Task DeleteRecordingAsync(string id, CancellationToken ct)
    {
        RecordingId.Validate(id);
        bool existed = await Blobs.ExistsAsync(ArchiveLayout.RecordingGroupKey(id), ct);
        // The group first: from then on readers see no recording, whatever is left to clean.
        await Blobs.DeleteAsync(ArchiveLayout.RecordingGroupKey(id), ct);
        await DeletePrefixAsync(ArchiveLayout.RecordingFolder(id), ct);
        await DeletePrefixAsync(ArchiveLayout.StagingRecordingFolder(id), ct);
        Cache.RemovePrefix(ArchiveLayout.RecordingFolder(id));
        if (!existed)
        {
            throw new RecordingNotFoundException(id);
        }
    }

    public Task PutStagingAsync(string id, string name, ReadOnlyMemory<byte> content, CancellationToken ct) =>
        Blobs.PutAsync(StagingKey(id, name), content, ct);

    /// <summary>Streams a large staged object (e.g. decoded PCM) without holding it in memory.</summary>
    public Task PutStagingAsync(string id, string name, Stream content, CancellationToken ct) =>
        Blobs.PutAsync(StagingKey(id, name), content, ct);

    public async Task<byte[]?> GetStagingAsync(string id, string name, CancellationToken ct)
    {
        try
        {
            return await Blobs.GetAsync(StagingKey(id, name), ct);
        }
        catch (BlobNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Names (relative to the recording's staging folder) of everything staged for <paramref name="id"/>.</summary>
    public async IAsyncEnumerable<string> ListStagingAsync(string id, [EnumeratorCancellation] CancellationToken ct)
    {
        var folder = ArchiveLayout.StagingRecordingFolder(id);
        await foreach (var key in Blobs.ListAsync(folder, ct))
        {
            yield return key[folder.Length..];
        }
    }

    public Task DeleteStagingAsync(string id, CancellationToken ct) => DeletePrefixAsync(ArchiveLayout.StagingRecordingFolder(id), ct);

    public Task<RecordingVerification> VerifyRecordingAsync(string id, IProgress<double>? progress, CancellationToken ct) =>
        RecordingVerifier.VerifyAsync(this, id, progress, ct);

    internal async Task<RecordingGroupDocument?> ReadGroupAsync(string id, CancellationToken ct)
    {
        var key = ArchiveLayout.RecordingGroupKey(id);
        byte[] bytes;
        try
        {
            bytes = await Blobs.GetAsync(key, ct);
        }
        catch (BlobNotFoundException)
        {
            return null;
        }
        try
        {
            return RecordingGroupDocument.Parse(bytes, key);
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

    internal async Task DeleteGenerationsExceptAsync(string id, IReadOnlyCollection<string> keep, CancellationToken ct)
    {
        var stale = new List<string>();
        await foreach (var child in Blobs.ListChildrenAsync(ArchiveLayout.RecordingFolder(id), ct))
        {
            if (Generation.IsGenerationFolder(child) && !keep.Contains(child[..^1]))
            {
                stale.Add(child[..^1]);
            }
        }
        foreach (var generation in stale)
        {
            // The group marker goes last so a half-deleted generation is still recognised and finished next time.
            await DeletePrefixAsync(ArchiveLayout.GenerationFolder(id, generation) + "audio/", ct);
            await DeletePrefixAsync(ArchiveLayout.GenerationFolder(id, generation) + "index/", ct);
            await DeletePrefixAsync(ArchiveLayout.GenerationFolder(id, generation), ct);
            Cache.RemovePrefix(ArchiveLayout.GenerationFolder(id, generation));
        }
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

    private static string StagingKey(string id, string name)
    {
        var key = ArchiveLayout.StagingRecordingFolder(id) + name;
        BlobKey.Validate(key);
        return key;
    }
}
