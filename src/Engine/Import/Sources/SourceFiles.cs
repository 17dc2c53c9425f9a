using System.Security.Cryptography;
using System.Text;
using Hark.Storage;

namespace Hark.Engine.Import.Sources;

/// <summary>
/// Where an import reads its source: a path as it is, or a remote source (<see cref="RemoteSource"/>) copied to a
/// file of this node's (streamed, never held in memory) for ffprobe and ffmpeg to read. A remote source is always
/// staged (decoded once into the archive's staging), never read in place, so encoders on other machines need only
/// the archive; its copy is removed once staged.
/// </summary>
public sealed class SourceFiles(IBlobStore archive, Func<string, string?>? environment = null, string? cacheFolder = null)
{
    private readonly Func<string, string?> _environment = environment ?? Hark.Media.Tools.ChildEnvironment.Read;
    private readonly string _cache = cacheFolder ?? Path.Combine(Path.GetTempPath(), "hark-sources");

    /// <summary>A local path or a remote source's local copy, with what the plan records of the source itself.</summary>
    public sealed record Opened(string Path, string Address, string Name, long Size, DateTimeOffset Modified, bool Remote);

    public async Task<Opened> OpenAsync(string source, CancellationToken ct)
    {
        if (!RemoteSource.IsRemote(source))
        {
            var path = Path.GetFullPath(source);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{source}: no such file");
            }
            var file = new FileInfo(path);
            return new Opened(path, path, file.Name, file.Length, file.LastWriteTimeUtc, false);
        }
        var remote = await RemoteSource.ResolveAsync(source, archive, _environment, ct);
        long size;
        try
        {
            size = await remote.Store.GetSizeAsync(remote.Key, ct);
        }
        catch (BlobNotFoundException)
        {
            throw new FileNotFoundException($"{source}: no such blob");
        }
        var copy = await CopyAsync(remote, size, ct);
        // A blob's size is what tells a changed one here (the copy's own time is when it was made).
        return new Opened(copy, source, remote.Name, size, DateTimeOffset.UnixEpoch, true);
    }

    /// <summary>Refuses a source that is not there (a missing file or blob) with <see cref="FileNotFoundException"/>.</summary>
    public async Task EnsureExistsAsync(string source, CancellationToken ct)
    {
        if (StandardInput.Is(source))
        {
            return; // there as long as the process is; whether it was attached is told when planning
        }
        if (!RemoteSource.IsRemote(source))
        {
            if (!File.Exists(source))
            {
                throw new FileNotFoundException($"{source}: no such file");
            }
            return;
        }
        var remote = await RemoteSource.ResolveAsync(source, archive, _environment, ct);
        if (!await remote.Store.ExistsAsync(remote.Key, ct))
        {
            throw new FileNotFoundException($"{source}: no such blob");
        }
    }

    /// <summary>The file to read the planned source from, checked against the plan (a changed source is refused).</summary>
    public async Task<string> PathForAsync(ImportPlan plan, CancellationToken ct)
    {
        if (!RemoteSource.IsRemote(plan.SourcePath))
        {
            return plan.SourcePath;
        }
        var opened = await OpenAsync(plan.SourcePath, ct);
        if (opened.Size != plan.SourceSize)
        {
            throw new ImportRefusedException($"{plan.SourceName} changed or disappeared after the import was planned; import it again");
        }
        return opened.Path;
    }

    /// <summary>Removes a remote source's local copy (a path is left alone).</summary>
    public void Release(ImportPlan plan)
    {
        if (RemoteSource.IsRemote(plan.SourcePath))
        {
            var folder = CopyFolder(plan.SourcePath);
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }

    /// <summary>The SHA-256 of a source's bytes: a file's or an upload's (known) or a blob's (streamed, not copied).</summary>
    public async Task<string> Sha256Async(string source, CancellationToken ct)
    {
        if (!RemoteSource.IsRemote(source))
        {
            return await SourceHash.Sha256Async(source, ct);
        }
        if (Hark.Storage.Uploads.UploadArea.NamesUpload(source))
        {
            return (await new Hark.Storage.Uploads.UploadArea(archive).GetAsync(Hark.Storage.Uploads.UploadArea.IdOf(source), ct)).Sha256;
        }
        var remote = await RemoteSource.ResolveAsync(source, archive, _environment, ct);
        await using var stream = await remote.Store.OpenReadAsync(remote.Key, ct);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    /// <summary>
    /// Batch entries made concrete where they name blobs: <c>az://container/folder/</c> becomes every audio blob
    /// directly in that folder, <c>az://container/folder/*.wav</c> the matching ones; other entries stay as they are.
    /// </summary>
    public async Task<IReadOnlyList<string>> ExpandAsync(IEnumerable<string> entries, Func<string, bool> isAudio, Func<string, string, bool> matches,
        CancellationToken ct)
    {
        var expanded = new List<string>();
        foreach (var entry in entries)
        {
            if (!entry.StartsWith(RemoteSource.AzurePrefix, StringComparison.OrdinalIgnoreCase)
                || !(entry.EndsWith('/') || entry[(entry.LastIndexOf('/') + 1)..].IndexOfAny(['*', '?']) >= 0))
            {
                expanded.Add(entry);
                continue;
            }
            int cut = entry.LastIndexOf('/') + 1;
            // The address up to its last '/' names a folder: its key is the folder's prefix.
            var (store, folder) = RemoteSource.OpenAzure(entry[..cut], _environment);
            var pattern = entry[cut..];
            var found = new List<string>();
            await foreach (var key in store.ListAsync(folder, ct))
            {
                var name = key[folder.Length..];
                if (name.Contains('/') || (pattern.Length == 0 ? !isAudio(name) : !matches(pattern, name)))
                {
                    continue;
                }
                found.Add(entry[..cut] + name);
            }
            if (found.Count == 0)
            {
                throw new FileNotFoundException($"{entry}: no audio blob there");
            }
            expanded.AddRange(found.Order(StringComparer.Ordinal));
        }
        return expanded;
    }

    private async Task<string> CopyAsync(RemoteSource remote, long size, CancellationToken ct)
    {
        var folder = CopyFolder(remote.Address);
        var path = Path.Combine(folder, remote.Name);
        if (File.Exists(path) && new FileInfo(path).Length == size)
        {
            return path;
        }
        Directory.CreateDirectory(folder);
        var partial = path + ".partial";
        await using (var source = await remote.Store.OpenReadAsync(remote.Key, ct))
        await using (var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous))
        {
            await source.CopyToAsync(target, 1 << 20, ct);
        }
        File.Move(partial, path, overwrite: true);
        return path;
    }

    private string CopyFolder(string address) =>
        Path.Combine(_cache, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address)))[..24]);
}
