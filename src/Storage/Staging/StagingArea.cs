using System.Globalization;
using System.Text;
using Hark.Storage.Layout;

namespace Hark.Storage.Staging;

/// <summary>
/// One import's staging, <c>staging/&lt;id&gt;/&lt;token&gt;/</c>: its plan, the source decoded into lossless chunks,
/// the encoded chunks, and why it failed. The only type that knows those names; readers never look here. Another
/// import of the same id has another token, so it can never pick up this import's files.
/// </summary>
public sealed class StagingArea
{
    private const string PlanName = "plan.json";
    private const string FailureName = "failed.txt";

    private readonly ArchiveStore _archive;
    private readonly string _folder;

    internal StagingArea(ArchiveStore archive, string recordingId, string token)
    {
        _archive = archive;
        RecordingId = recordingId;
        Token = token;
        _folder = ArchiveLayout.StagingImportFolder(recordingId, token);
    }

    public string RecordingId { get; }

    /// <summary>The archive's store, where an upload being imported in place lives too.</summary>
    public IBlobStore ArchiveBlobs => _archive.Blobs;

    public string Token { get; }

    /// <summary>"staging/id/token/" for messages.</summary>
    public string Description => _folder;

    public Task PutPlanAsync(ReadOnlyMemory<byte> json, CancellationToken ct) => PutOwnedAsync(PlanName, json, ct);

    public Task<byte[]?> GetPlanAsync(CancellationToken ct) => GetAsync(PlanName, ct);

    /// <summary>Chunk n of the source, decoded once and kept losslessly.</summary>
    public Task PutPcmAsync(int chunk, ReadOnlyMemory<byte> content, CancellationToken ct) => PutOwnedAsync(PcmName(chunk), content, ct);

    public Task<byte[]?> GetPcmAsync(int chunk, CancellationToken ct) => GetAsync(PcmName(chunk), ct);

    /// <summary>
    /// Reads part of staged chunk n into <paramref name="destination"/> (an encoder needs only a few frames of the
    /// chunks beside its own); the bytes read, fewer at its end, or null when the chunk is not staged.
    /// </summary>
    public async Task<int?> ReadPcmRangeAsync(int chunk, long offset, Memory<byte> destination, CancellationToken ct)
    {
        try
        {
            return await Blobs.ReadRangeAsync(_folder + PcmName(chunk), offset, destination, ct);
        }
        catch (BlobNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Drops staged chunk n once no encoder reads it again (see the engine's staging window).</summary>
    public Task DeletePcmAsync(int chunk, CancellationToken ct) => Blobs.DeleteAsync(_folder + PcmName(chunk), ct);

    /// <summary>Chunk n encoded for the archive: the frames it keeps.</summary>
    public Task PutEncodedAsync(int chunk, ReadOnlyMemory<byte> content, CancellationToken ct) => PutOwnedAsync(EncodedName(chunk), content, ct);

    public Task<byte[]?> GetEncodedAsync(int chunk, CancellationToken ct) => GetAsync(EncodedName(chunk), ct);

    /// <summary>The chunks of the source staged so far (by an earlier run of the same import, say).</summary>
    public Task<IReadOnlySet<int>> ListPcmChunksAsync(CancellationToken ct) => ListChunksAsync("pcm-", ct);

    /// <summary>The chunks encoded (or, for a copied source, copied) so far.</summary>
    public Task<IReadOnlySet<int>> ListEncodedChunksAsync(CancellationToken ct) => ListChunksAsync("enc-", ct);

    private async Task<IReadOnlySet<int>> ListChunksAsync(string prefix, CancellationToken ct)
    {
        var chunks = new HashSet<int>();
        await foreach (var key in Blobs.ListAsync(_folder + prefix, ct))
        {
            if (int.TryParse(key.AsSpan(_folder.Length + prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int chunk))
            {
                chunks.Add(chunk);
            }
        }
        return chunks;
    }

    /// <summary>Why the import failed, kept so a restarted entity reports the same; a resumed import clears it.</summary>
    public Task RecordFailureAsync(string reason, CancellationToken ct) => PutOwnedAsync(FailureName, Encoding.UTF8.GetBytes(reason), ct);

    public async Task<string?> GetFailureAsync(CancellationToken ct) =>
        await GetAsync(FailureName, ct) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    public Task ClearFailureAsync(CancellationToken ct) => Blobs.DeleteAsync(_folder + FailureName, ct);

    /// <summary>Everything this import staged.</summary>
    public Task DeleteAsync(CancellationToken ct) => _archive.DeletePrefixAsync(_folder, ct);

    public static string PcmName(int chunk) => string.Create(CultureInfo.InvariantCulture, $"pcm-{chunk:D6}");

    public static string EncodedName(int chunk) => string.Create(CultureInfo.InvariantCulture, $"enc-{chunk:D6}");

    private IBlobStore Blobs => _archive.Blobs;

    /// <summary>
    /// Writes one file, then confirms this import still holds the id. A write can land just after a delete or a
    /// takeover removed this folder (the source hash finishing, a worker's last chunk); kept, it would be an orphan
    /// that revives the folder, so it is undone and the writer told it lost the id. A write that lands before the
    /// removal is removed with the rest.
    /// </summary>
    private async Task PutOwnedAsync(string name, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        await Blobs.PutAsync(_folder + name, content, ct);
        if (!await _archive.IsCurrentAsync(RecordingId, Token, ct))
        {
            await DeleteAsync(CancellationToken.None);
            throw await _archive.SupersededAsync(RecordingId, CancellationToken.None);
        }
    }

    private async Task<byte[]?> GetAsync(string name, CancellationToken ct)
    {
        try
        {
            return await Blobs.GetAsync(_folder + name, ct);
        }
        catch (BlobNotFoundException)
        {
            return null;
        }
    }
}
