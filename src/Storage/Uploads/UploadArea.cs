using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hark.Storage.Blobs;

namespace Hark.Storage.Uploads;

/// <summary>
/// Resumable uploads into the archive's blob store, under <c>uploads/ID/</c>: each part a blob of its own named by
/// its offset (a part cut off by a dropped connection is never written, so the offset is always the sum of the
/// parts kept), joined into <c>uploads/ID/data/NAME</c> once the last byte is in, its SHA-256 checked on the way.
/// The id is derived from the SHA-256 and size, so the same file uploaded again finds its earlier upload.
/// </summary>
public sealed partial class UploadArea(IBlobStore blobs)
{
    public const string Folder = "uploads/";

    /// <summary>How a source names a finished upload: <c>upload:ID</c>, or <c>upload:ID/NAME</c> (the name says only
    /// what the file was called, for the recording's id).</summary>
    public const string SourcePrefix = "upload:";

    public static bool NamesUpload(string source) => source.StartsWith(SourcePrefix, StringComparison.Ordinal);

    /// <summary>The upload id in an <c>upload:ID[/NAME]</c> source.</summary>
    public static string IdOf(string source)
    {
        var rest = source[SourcePrefix.Length..];
        int slash = rest.IndexOf('/');
        return slash < 0 ? rest : rest[..slash];
    }

    /// <summary>The largest part one request may carry (the CLI sends 16 MiB).</summary>
    public const long MaxPartBytes = 64L * 1024 * 1024;

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    private sealed record Manifest(string Name, long Size, string Sha256, bool Complete);

    /// <summary>Starts an upload, or finds the one started for the same bytes.</summary>
    public async Task<UploadState> CreateAsync(string? name, long size, string? sha256, CancellationToken ct)
    {
        var fileName = SafeName(name);
        if (size <= 0)
        {
            throw new UploadRefusedException("an upload's size must be positive");
        }
        if (sha256 is null || !Sha256Hex().IsMatch(sha256))
        {
            throw new UploadRefusedException("an upload names its SHA-256: 64 hexadecimal digits");
        }
        var sha = sha256.ToLowerInvariant();
        var id = $"up-{sha[..40]}-{size}";
        using var held = await LockAsync(id, ct);
        if (await FindAsync(id, ct) is { } existing)
        {
            return existing;
        }
        await blobs.PutAsync(ManifestKey(id), JsonSerializer.SerializeToUtf8Bytes(new Manifest(fileName, size, sha, false)), ct);
        return new UploadState(id, fileName, size, sha, 0, false);
    }

    public async Task<UploadState?> FindAsync(string id, CancellationToken ct)
    {
        ValidateId(id);
        var blob = await blobs.GetVersionedAsync(ManifestKey(id), ct);
        if (blob is null)
        {
            return null;
        }
        var manifest = JsonSerializer.Deserialize<Manifest>(blob.Content)!;
        long offset = manifest.Complete ? manifest.Size : await OffsetAsync(id, ct);
        return new UploadState(id, manifest.Name, manifest.Size, manifest.Sha256, offset, manifest.Complete);
    }

    public async Task<UploadState> GetAsync(string id, CancellationToken ct) => await FindAsync(id, ct) ?? throw new UploadNotFoundException(id);

    /// <summary>
    /// Keeps <paramref name="body"/> as the part at <paramref name="offset"/>, which must be where the upload stands;
    /// the last part completes it (joined, hash checked: a mismatch discards the whole upload).
    /// </summary>
    public async Task<UploadState> AppendAsync(string id, long offset, Stream body, CancellationToken ct)
    {
        using var held = await LockAsync(id, ct);
        var state = await GetAsync(id, ct);
        if (state.Complete)
        {
            throw new UploadOffsetException(id, offset, state.Size);
        }
        if (offset != state.Offset)
        {
            throw new UploadOffsetException(id, offset, state.Offset);
        }
        long room = Math.Min(MaxPartBytes, state.Size - offset);
        var part = new BoundedStream(body, room);
        var key = PartKey(id, offset);
        await blobs.PutAsync(key, part, ct);
        if (part.Overflowed)
        {
            await blobs.DeleteAsync(key, ct);
            throw new UploadRefusedException($"a part may carry at most {room} bytes here (the upload's size is {state.Size}, a part at most {MaxPartBytes})");
        }
        if (part.BytesRead == 0)
        {
            await blobs.DeleteAsync(key, ct);
            return state;
        }
        long reached = offset + part.BytesRead;
        return reached < state.Size ? state with { Offset = reached } : await CompleteAsync(state, ct);
    }

    /// <summary>
    /// What an import of the finished upload reads: the joined file's path on a local or shared-folder archive (read
    /// in place), else <c>upload:ID/NAME</c> (the name for the recording's id), which the staging node copies out of the store.
    /// </summary>
    public async Task<string> SourceAsync(string id, CancellationToken ct)
    {
        var state = await GetAsync(id, ct);
        if (!state.Complete)
        {
            throw new UploadRefusedException($"upload {id} has {state.Offset} of its {state.Size} bytes: finish it before importing it");
        }
        return blobs is LocalDirectoryBlobStore local ? local.PathOf(DataKey(id, state.Name)) : $"{SourcePrefix}{id}/{state.Name}";
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        using var held = await LockAsync(id, ct);
        var keys = new List<string>();
        await foreach (var key in blobs.ListAsync($"{Folder}{ValidateId(id)}/", ct))
        {
            keys.Add(key);
        }
        if (keys.Count == 0)
        {
            throw new UploadNotFoundException(id);
        }
        // The manifest last: an upload half deleted is still found, and deleted again.
        foreach (var key in keys.OrderBy(k => k == ManifestKey(id)))
        {
            await blobs.DeleteAsync(key, ct);
        }
    }

    private async Task<UploadState> CompleteAsync(UploadState state, CancellationToken ct)
    {
        var parts = await PartsAsync(state.Id, ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var joined = new JoinedParts(blobs, parts.Select(p => p.Key).ToList(), hash))
        {
            await blobs.PutAsync(DataKey(state.Id, state.Name), joined, ct);
        }
        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        foreach (var (key, _) in parts)
        {
            await blobs.DeleteAsync(key, ct);
        }
        if (actual != state.Sha256)
        {
            await blobs.DeleteAsync(DataKey(state.Id, state.Name), ct);
            await blobs.DeleteAsync(ManifestKey(state.Id), ct);
            throw new UploadRefusedException($"the {state.Size} bytes uploaded have SHA-256 {actual}, not {state.Sha256}: the upload is discarded; send the file again");
        }
        await blobs.PutAsync(ManifestKey(state.Id), JsonSerializer.SerializeToUtf8Bytes(new Manifest(state.Name, state.Size, state.Sha256, true)), ct);
        return state with { Offset = state.Size, Complete = true };
    }

    /// <summary>The bytes kept: the parts that follow one another from 0 (a stray part, from a racing client, is ignored).</summary>
    private async Task<long> OffsetAsync(string id, CancellationToken ct) =>
        (await PartsAsync(id, ct)).Sum(p => p.Size);

    private async Task<List<(string Key, long Size)>> PartsAsync(string id, CancellationToken ct)
    {
        var byOffset = new SortedDictionary<long, string>();
        await foreach (var key in blobs.ListAsync($"{Folder}{id}/parts/", ct))
        {
            if (long.TryParse(key[(key.LastIndexOf('/') + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long at))
            {
                byOffset[at] = key;
            }
        }
        var parts = new List<(string, long)>();
        long next = 0;
        while (byOffset.TryGetValue(next, out var key))
        {
            long size = await blobs.GetSizeAsync(key, ct);
            if (size == 0)
            {
                break;
            }
            parts.Add((key, size));
            next += size;
        }
        return parts;
    }

    private static async Task<IDisposable> LockAsync(string id, CancellationToken ct)
    {
        var gate = Locks.GetOrAdd(ValidateId(id), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    private static string ManifestKey(string id) => $"{Folder}{id}/upload.json";

    private static string PartKey(string id, long offset) => $"{Folder}{id}/parts/{offset:D19}";

    public static string DataKey(string id, string name) => $"{Folder}{id}/data/{name}";

    private static string ValidateId(string id) =>
        UploadId().IsMatch(id) ? id : throw new UploadNotFoundException(PrintableText.Of(id));

    /// <summary>The file name only, its characters kept to what every store and shell takes.</summary>
    private static string SafeName(string? name)
    {
        var file = Path.GetFileName(name ?? "");
        var safe = UnsafeCharacters().Replace(file, "-").TrimStart('.', '-');
        return safe.Length is > 0 and <= 200 ? safe : throw new UploadRefusedException("an upload names its file: 1-200 characters");
    }

    [GeneratedRegex("^[0-9a-fA-F]{64}\\z")]
    private static partial Regex Sha256Hex();

    [GeneratedRegex("^up-[0-9a-f]{40}-[0-9]{1,19}\\z")]
    private static partial Regex UploadId();

    [GeneratedRegex("[^A-Za-z0-9._ -]")]
    private static partial Regex UnsafeCharacters();
}
