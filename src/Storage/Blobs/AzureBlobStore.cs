using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Hark.Storage.Blobs;

/// <summary>
/// A blob store in an Azure Blob container (block blobs), keys under an optional prefix. Uploads commit their block
/// list in one step, so readers see the old or the new object; put-if-absent is an If-None-Match: * condition;
/// transient failures are retried by the SDK's exponential retry policy. The container is created on first write.
/// </summary>
public sealed class AzureBlobStore : IBlobStore
{
    private const int SingleUploadLimit = 8 * 1024 * 1024;
    private const int BlockSize = 8 * 1024 * 1024;

    private readonly BlobContainerClient _container;
    private readonly string _prefix;
    private readonly int _listPageSize;
    private Task? _containerCreated;

    /// <param name="prefix">Folder inside the container ("" or ending in '/').</param>
    /// <param name="listPageSize">Keys per listing request (the service caps it at 5000).</param>
    public AzureBlobStore(BlobContainerClient container, string prefix = "", int listPageSize = 5000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(listPageSize, 1);
        _container = container;
        _listPageSize = listPageSize;
        if (prefix.Length > 0)
        {
            BlobKey.ValidateFolder(prefix);
        }
        _prefix = prefix;
        Description = $"az://{container.Name}/{prefix}".TrimEnd('/');
    }

    public static AzureBlobStore Create(string connectionString, string containerName, string prefix = "", int listPageSize = 5000)
    {
        var options = new BlobClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        // Short: a store that is down should be reported within seconds (a read is a 503, not a hang); riding out a
        // longer outage is the caller's choice (ResilientBlobStore's patience).
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return new AzureBlobStore(new BlobContainerClient(connectionString, containerName, options), prefix, listPageSize);
    }

    public string Description { get; }

    public async Task<byte[]> GetAsync(string key, CancellationToken ct) =>
        (await GetVersionedAsync(key, ct))?.Content ?? throw NotFound(key);

    public async Task<Stream> OpenReadAsync(string key, CancellationToken ct)
    {
        var blob = Blob(key);
        try
        {
            // Pinned to the version opened (ETag), so a concurrent replace fails the read instead of mixing objects.
            return await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = BlockSize }, ct);
        }
        catch (RequestFailedException e) when (IsNotFound(e))
        {
            throw NotFound(key);
        }
    }

    public async Task<int> ReadRangeAsync(string key, long offset, Memory<byte> destination, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var blob = Blob(key);
        if (destination.Length == 0)
        {
            _ = await GetSizeAsync(key, ct);
            return 0;
        }
        try
        {
            var options = new BlobDownloadOptions { Range = new HttpRange(offset, destination.Length) };
            var response = await blob.DownloadStreamingAsync(options, ct);
            await using var content = response.Value.Content;
            int total = 0;
            int read;
            while (total < destination.Length && (read = await content.ReadAsync(destination.Slice(total), ct)) > 0)
            {
                total += read;
            }
            return total;
        }
        catch (RequestFailedException e) when (IsNotFound(e))
        {
            throw NotFound(key);
        }
        catch (RequestFailedException e) when (e.Status == 416)
        {
            return 0; // the range starts at or past the end
        }
    }

    public async Task PutAsync(string key, Stream content, CancellationToken ct)
    {
        var blob = Blob(key);
        await EnsureContainerAsync(ct);
        await blob.UploadAsync(content, UploadOptions(conditions: null), ct);
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var blob = Blob(key);
        await EnsureContainerAsync(ct);
        await blob.UploadAsync(BinaryData.FromBytes(content), UploadOptions(conditions: null), ct);
    }

    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var blob = Blob(key);
        await EnsureContainerAsync(ct);
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(content), UploadOptions(new BlobRequestConditions { IfNoneMatch = ETag.All }), ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<VersionedBlob?> GetVersionedAsync(string key, CancellationToken ct)
    {
        var blob = Blob(key);
        try
        {
            var download = (await blob.DownloadContentAsync(ct)).Value;
            return new VersionedBlob(download.Content.ToArray(), download.Details.ETag.ToString());
        }
        catch (RequestFailedException e) when (IsNotFound(e))
        {
            return null;
        }
    }

    public async Task<bool> PutIfVersionAsync(string key, ReadOnlyMemory<byte> content, string? expectedVersion, CancellationToken ct)
    {
        if (expectedVersion is null)
        {
            return await PutIfAbsentAsync(key, content, ct);
        }
        var blob = Blob(key);
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(content), UploadOptions(new BlobRequestConditions { IfMatch = new ETag(expectedVersion) }), ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    public async Task<bool> DeleteIfVersionAsync(string key, string expectedVersion, CancellationToken ct)
    {
        var blob = Blob(key);
        try
        {
            await blob.DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, new BlobRequestConditions { IfMatch = new ETag(expectedVersion) }, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken ct)
    {
        var blob = Blob(key);
        try
        {
            return (await blob.ExistsAsync(ct)).Value;
        }
        catch (RequestFailedException e) when (IsNotFound(e))
        {
            return false;
        }
    }

    public async Task<long> GetSizeAsync(string key, CancellationToken ct)
    {
        var blob = Blob(key);
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: ct)).Value.ContentLength;
        }
        catch (RequestFailedException e) when (IsNotFound(e))
        {
            throw NotFound(key);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        var blob = Blob(key);
        try
        {
            await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct);
        }
        catch (RequestFailedException e) when (IsNotFound(e))
        {
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        BlobKey.ValidatePrefix(prefix);
        var pages = _container.GetBlobsAsync(new GetBlobsOptions { Prefix = _prefix + prefix }, ct).AsPages(pageSizeHint: _listPageSize);
        await using var enumerator = pages.GetAsyncEnumerator(ct);
        while (true)
        {
            Page<BlobItem> page;
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    break;
                }
                page = enumerator.Current;
            }
            catch (RequestFailedException e) when (IsNotFound(e))
            {
                yield break; // no container yet: nothing stored
            }
            foreach (var item in page.Values)
            {
                yield return item.Name[_prefix.Length..];
            }
        }
    }

    public async IAsyncEnumerable<string> ListChildrenAsync(string folder, [EnumeratorCancellation] CancellationToken ct)
    {
        BlobKey.ValidateFolder(folder);
        var options = new GetBlobsByHierarchyOptions { Prefix = _prefix + folder, Delimiter = "/" };
        var pages = _container.GetBlobsByHierarchyAsync(options, ct).AsPages(pageSizeHint: _listPageSize);
        await using var enumerator = pages.GetAsyncEnumerator(ct);
        int skip = _prefix.Length + folder.Length;
        while (true)
        {
            Page<BlobHierarchyItem> page;
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    break;
                }
                page = enumerator.Current;
            }
            catch (RequestFailedException e) when (IsNotFound(e))
            {
                yield break;
            }
            foreach (var item in page.Values)
            {
                yield return item.IsPrefix ? item.Prefix[skip..] : item.Blob.Name[skip..];
            }
        }
    }

    private BlobClient Blob(string key)
    {
        BlobKey.Validate(key);
        return _container.GetBlobClient(_prefix + key);
    }

    private static BlobUploadOptions UploadOptions(BlobRequestConditions? conditions) => new()
    {
        Conditions = conditions,
        TransferOptions = new StorageTransferOptions
        {
            InitialTransferSize = SingleUploadLimit,
            MaximumTransferSize = BlockSize,
            MaximumConcurrency = 2,
        },
    };

    private Task EnsureContainerAsync(CancellationToken ct)
    {
        // One creation attempt per store; a failed attempt is retried by the next write.
        var task = _containerCreated;
        if (task is null || task.IsFaulted || task.IsCanceled)
        {
            task = _containerCreated = _container.CreateIfNotExistsAsync(cancellationToken: ct);
        }
        return task;
    }

    private static bool IsNotFound(RequestFailedException e) => e.Status == 404;

    private BlobNotFoundException NotFound(string key) => new(key, Description);
}
