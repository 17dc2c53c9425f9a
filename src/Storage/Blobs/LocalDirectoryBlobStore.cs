using System.Buffers;
using System.Runtime.CompilerServices;

namespace Hark.Storage.Blobs;

/// <summary>
/// A blob store in a local directory: key "a/b/c" is the file root/a/b/c. A put writes a hidden temporary file in
/// the same directory, flushes it to disk, and renames it over the target (atomic on POSIX file systems), then
/// flushes the directory; put-if-absent links instead of renaming, which fails if the target exists. Conditional
/// writes (compare and swap) hold an exclusive lock on a hidden lock file per key while they compare and rename.
/// </summary>
public sealed class LocalDirectoryBlobStore : IBlobStore
{
    private const int CopyBufferSize = 1 << 20;
    private const string TempPrefix = ".tmp-";
    private const string LockFolder = ".locks";
    private readonly string _root;
    private readonly bool _durable;

    /// <param name="durable">Flush files and directories to disk on every put (off only for throwaway stores).</param>
    public LocalDirectoryBlobStore(string root, bool durable = true)
    {
        _root = Path.GetFullPath(root);
        _durable = durable;
    }

    public string Root => _root;

    public string Description => _root;

    public async Task<byte[]> GetAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        try
        {
            return await File.ReadAllBytesAsync(path, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw NotFound(key);
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, CopyBufferSize,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw NotFound(key);
        }
    }

    public async Task<int> ReadRangeAsync(string key, long offset, Memory<byte> destination, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var path = PathOf(key);
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.RandomAccess);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw NotFound(key);
        }
        using (handle)
        {
            int total = 0;
            while (total < destination.Length)
            {
                int read = await RandomAccess.ReadAsync(handle, destination.Slice(total), offset + total, ct);
                if (read == 0)
                {
                    break;
                }
                total += read;
            }
            return total;
        }
    }

    public async Task PutAsync(string key, Stream content, CancellationToken ct)
    {
        var path = PathOf(key);
        var temp = await WriteTempAsync(path, (stream, token) => CopyAsync(content, stream, token), ct);
        Commit(temp, path);
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var path = PathOf(key);
        var temp = await WriteTempAsync(path, (stream, token) => stream.WriteAsync(content, token), ct);
        Commit(temp, path);
    }

    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            return false;
        }
        var temp = await WriteTempAsync(path, (stream, token) => stream.WriteAsync(content, token), ct);
        bool published;
        try
        {
            published = ExclusiveLink.TryPublish(temp, path);
        }
        finally
        {
            TryDelete(temp);
        }
        if (published && _durable)
        {
            DirectorySync.Flush(Path.GetDirectoryName(path)!);
        }
        return published;
    }

    public async Task<VersionedBlob?> GetVersionedAsync(string key, CancellationToken ct)
    {
        try
        {
            var content = await GetAsync(key, ct);
            return new VersionedBlob(content, ContentVersion.Of(content));
        }
        catch (BlobNotFoundException)
        {
            return null;
        }
    }

    public async Task<bool> PutIfVersionAsync(string key, ReadOnlyMemory<byte> content, string? expectedVersion, CancellationToken ct)
    {
        var path = PathOf(key);
        using var held = await KeyLock.AcquireAsync(LockPath(key), ct);
        if (!await HasVersionAsync(key, expectedVersion, ct))
        {
            return false;
        }
        var temp = await WriteTempAsync(path, (stream, token) => stream.WriteAsync(content, token), ct);
        Commit(temp, path);
        return true;
    }

    public async Task<bool> DeleteIfVersionAsync(string key, string expectedVersion, CancellationToken ct)
    {
        using var held = await KeyLock.AcquireAsync(LockPath(key), ct);
        if (!await HasVersionAsync(key, expectedVersion, ct))
        {
            return false;
        }
        await DeleteAsync(key, ct);
        if (_durable)
        {
            DirectorySync.Flush(Path.GetDirectoryName(PathOf(key))!);
        }
        return true;
    }

    public Task<bool> ExistsAsync(string key, CancellationToken ct) => Task.FromResult(File.Exists(PathOf(key)));

    public Task<long> GetSizeAsync(string key, CancellationToken ct)
    {
        var info = new FileInfo(PathOf(key));
        return info.Exists ? Task.FromResult(info.Length) : throw NotFound(key);
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }
        RemoveEmptyParents(Path.GetDirectoryName(path)!);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        BlobKey.ValidatePrefix(prefix);
        // Walk only the deepest folder the prefix names fully; filter the partial last segment by name.
        int slash = prefix.LastIndexOf('/');
        string folderKey = slash < 0 ? "" : prefix[..(slash + 1)];
        string folder = folderKey.Length == 0 ? _root : Path.Combine(_root, folderKey[..^1]);
        if (!Directory.Exists(folder))
        {
            yield break;
        }
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 };
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(folder, "*", options);
        }
        catch (DirectoryNotFoundException)
        {
            yield break;
        }
        using var enumerator = files.GetEnumerator();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            string file;
            try
            {
                if (!enumerator.MoveNext())
                {
                    break;
                }
                file = enumerator.Current;
            }
            catch (DirectoryNotFoundException)
            {
                break; // a concurrent delete removed the folder being walked
            }
            var key = Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (IsHidden(key) || !key.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            yield return key;
        }
        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListChildrenAsync(string folder, [EnumeratorCancellation] CancellationToken ct)
    {
        BlobKey.ValidateFolder(folder);
        var directory = folder.Length == 0 ? _root : Path.Combine(_root, folder[..^1]);
        if (!Directory.Exists(directory))
        {
            yield break;
        }
        string[] entries;
        try
        {
            entries = Directory.GetFileSystemEntries(directory);
        }
        catch (DirectoryNotFoundException)
        {
            yield break;
        }
        foreach (var entry in entries)
        {
            ct.ThrowIfCancellationRequested();
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.'))
            {
                continue;
            }
            yield return Directory.Exists(entry) ? name + "/" : name;
        }
        await Task.CompletedTask;
    }

    /// <summary>The file that holds a key's object (the key validated first).</summary>
    public string PathOf(string key)
    {
        BlobKey.Validate(key);
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidBlobKeyException(key, "resolves outside the store");
        }
        return path;
    }

    /// <summary>Conditional writes of one key serialise on a lock file of its own, outside the keys' folders.</summary>
    private string LockPath(string key) => Path.Combine(_root, LockFolder, ContentVersion.Of(System.Text.Encoding.UTF8.GetBytes(key)) + ".lock");

    private async Task<bool> HasVersionAsync(string key, string? expectedVersion, CancellationToken ct) =>
        (await GetVersionedAsync(key, ct))?.Version == expectedVersion;

    private static bool IsHidden(string key) => key.StartsWith('.') || key.Contains("/.", StringComparison.Ordinal);

    private async Task<string> WriteTempAsync(string path, Func<Stream, CancellationToken, ValueTask> write, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(directory, $"{TempPrefix}{Path.GetFileName(path)}-{Guid.NewGuid():N}");
        try
        {
            await using (var stream = CreateTemp(directory, temp))
            {
                await write(stream, ct);
                await stream.FlushAsync(ct);
                if (_durable)
                {
                    stream.Flush(flushToDisk: true);
                }
            }
            return temp;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static FileStream CreateTemp(string directory, string temp)
    {
        for (int attempt = 0; ; attempt++)
        {
            Directory.CreateDirectory(directory);
            try
            {
                return new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, FileOptions.Asynchronous);
            }
            catch (DirectoryNotFoundException) when (attempt < 10)
            {
                // A concurrent delete removed the folder as it became empty: make it again.
            }
        }
    }

    private void Commit(string temp, string path)
    {
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        if (_durable)
        {
            DirectorySync.Flush(Path.GetDirectoryName(path)!);
        }
    }

    private static async ValueTask CopyAsync(Stream source, Stream target, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, CopyBufferSize), ct)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Removes folders left empty by a delete, up to the root, so listings and the disk stay tidy.</summary>
    private void RemoveEmptyParents(string directory)
    {
        while (directory.Length > _root.Length && directory.StartsWith(_root, StringComparison.Ordinal))
        {
            try
            {
                if (Directory.EnumerateFileSystemEntries(directory).Any())
                {
                    return;
                }
                Directory.Delete(directory);
            }
            catch (IOException)
            {
                return; // not empty any more (a concurrent put), or already gone
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
            directory = Path.GetDirectoryName(directory)!;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }

    private BlobNotFoundException NotFound(string key) => new(key, _root);
}
