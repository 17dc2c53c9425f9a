namespace Hark.Storage;

/// <summary>
/// A flat store of immutable-until-replaced objects addressed by '/'-separated keys (e.g. "recordings/r1/zarr.json").
/// Every put is atomic: a reader sees the previous object or the new one, never a partial one.
/// Keys: non-empty segments of printable characters, no "." or ".." segments, no segment starting with '.',
/// no backslash (see <see cref="BlobKey"/>).
/// </summary>
public interface IBlobStore
{
    /// <summary>A short description for messages, e.g. the directory or "az://container/prefix".</summary>
    string Description { get; }

    /// <summary>The whole object. Throws <see cref="BlobNotFoundException"/>.</summary>
    Task<byte[]> GetAsync(string key, CancellationToken ct);

    /// <summary>A stream over the object for large objects (read sequentially). Throws <see cref="BlobNotFoundException"/>.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>
    /// Reads bytes from <paramref name="offset"/> into <paramref name="destination"/>, filling it unless the object ends
    /// first; returns the count read (0 at or past the end). Throws <see cref="BlobNotFoundException"/>.
    /// </summary>
    Task<int> ReadRangeAsync(string key, long offset, Memory<byte> destination, CancellationToken ct);

    /// <summary>Writes or replaces the object atomically, streaming from <paramref name="content"/> (read to its end).</summary>
    Task PutAsync(string key, Stream content, CancellationToken ct);

    /// <summary>Writes or replaces the object atomically.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>Writes the object only if no object has the key; true when this call created it.</summary>
    Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>The object with its version, for a later conditional write; null when there is none.</summary>
    Task<VersionedBlob?> GetVersionedAsync(string key, CancellationToken ct);

    /// <summary>
    /// Compare and swap: writes the object only if its version is still <paramref name="expectedVersion"/> (null: only
    /// if there is no object). True when this call wrote it; false when someone else changed it first. Atomic against
    /// every other conditional write of the key, in this process or any other.
    /// </summary>
    Task<bool> PutIfVersionAsync(string key, ReadOnlyMemory<byte> content, string? expectedVersion, CancellationToken ct);

    /// <summary>Removes the object only if its version is still <paramref name="expectedVersion"/>; false otherwise (or if gone).</summary>
    Task<bool> DeleteIfVersionAsync(string key, string expectedVersion, CancellationToken ct);

    Task<bool> ExistsAsync(string key, CancellationToken ct);

    /// <summary>Size in bytes. Throws <see cref="BlobNotFoundException"/>.</summary>
    Task<long> GetSizeAsync(string key, CancellationToken ct);

    /// <summary>Removes the object; removing a missing key is not an error (deletes are idempotent).</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>Every key starting with <paramref name="prefix"/> ("" for all), in no particular order.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken ct);

    /// <summary>
    /// The names directly below the folder <paramref name="folder"/> (ending in '/' or empty): object names as they
    /// are, sub-folders with a trailing '/'. Lets callers walk a hierarchy without listing every chunk under it.
    /// </summary>
    IAsyncEnumerable<string> ListChildrenAsync(string folder, CancellationToken ct);
}
