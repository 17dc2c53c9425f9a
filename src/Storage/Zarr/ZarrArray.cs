namespace Hark.Storage.Zarr;

/// <summary>A 1-D Zarr v3 array at a folder of a blob store: its metadata and chunk I/O.</summary>
public sealed class ZarrArray
{
    public ZarrArray(IBlobStore store, string folder, ZarrArrayMetadata metadata)
    {
        BlobKey.ValidateFolder(folder);
        Store = store;
        Folder = folder;
        Metadata = metadata;
    }

    public IBlobStore Store { get; }

    /// <summary>The array's folder key, ending in '/'.</summary>
    public string Folder { get; }

    public ZarrArrayMetadata Metadata { get; }

    public string MetadataKey => Folder + "zarr.json";

    /// <summary>Default chunk key encoding with separator "/": chunk i of a 1-D array is "c/i".</summary>
    public string ChunkKey(long chunk) => $"{Folder}c/{chunk}";

    public static async Task<ZarrArray> OpenAsync(IBlobStore store, string folder, CancellationToken ct)
    {
        var bytes = await store.GetAsync(folder + "zarr.json", ct);
        return new ZarrArray(store, folder, ZarrArrayMetadata.Parse(bytes, folder + "zarr.json"));
    }

    public Task WriteMetadataAsync(CancellationToken ct) => Store.PutAsync(MetadataKey, Metadata.ToJsonBytes(), ct);

    /// <summary>Encodes and stores chunk <paramref name="chunk"/> from its little-endian element bytes (one full chunk); returns the bytes stored.</summary>
    public Task<int> WriteChunkAsync(long chunk, ReadOnlySpan<byte> elements, CancellationToken ct)
    {
        var encoded = ZarrChunkCodec.Encode(Metadata, elements);
        return PutEncodedAsync(chunk, encoded, ct);
    }

    private async Task<int> PutEncodedAsync(long chunk, byte[] encoded, CancellationToken ct)
    {
        await Store.PutAsync(ChunkKey(chunk), encoded, ct);
        return encoded.Length;
    }

    /// <summary>Stores shard <paramref name="shard"/> (a full chunk of element bytes) whose first <paramref name="usedBytes"/> hold data.</summary>
    public Task<int> WriteShardAsync(long shard, ReadOnlySpan<byte> elements, int usedBytes, CancellationToken ct) =>
        PutEncodedAsync(shard, ZarrChunkCodec.EncodeShard(Metadata, Metadata.Sharding!, elements, usedBytes), ct);

    /// <summary>
    /// Stores chunk <paramref name="chunk"/> from the first ChunkBytes of <paramref name="buffer"/>, encoding in place
    /// when the codecs allow (the buffer then needs 4 spare bytes per crc32c codec); no copy of the chunk is made.
    /// </summary>
    public Task WriteChunkInPlaceAsync(long chunk, byte[] buffer, CancellationToken ct)
    {
        if (ZarrChunkCodec.TryEncodeInPlace(Metadata, buffer, Metadata.ChunkBytes) is { } length)
        {
            return Store.PutAsync(ChunkKey(chunk), buffer.AsMemory(0, length), ct);
        }
        return WriteChunkAsync(chunk, buffer.AsSpan(0, Metadata.ChunkBytes), ct);
    }

    /// <summary>A chunk's element bytes, verified; null when the chunk was never written (fill value).</summary>
    public async Task<ArraySegment<byte>?> ReadChunkAsync(long chunk, CancellationToken ct)
    {
        byte[] stored;
        try
        {
            stored = await Store.GetAsync(ChunkKey(chunk), ct);
        }
        catch (BlobNotFoundException)
        {
            return null;
        }
        return ZarrChunkCodec.Decode(Metadata, stored, ChunkKey(chunk));
    }

    /// <summary>The whole array as little-endian element bytes (for small arrays such as an index); missing chunks read as fill.</summary>
    public async Task<byte[]> ReadAllAsync(CancellationToken ct)
    {
        long total = Metadata.Length * Metadata.DataType.Size;
        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException($"{Folder}: {total} bytes is too large to read whole");
        }
        if (Metadata.FillValue != 0)
        {
            throw new ZarrFormatException($"{MetadataKey}: only fill_value 0 is supported when reading whole arrays");
        }
        var result = new byte[total];
        for (long chunk = 0; chunk < Metadata.ChunkCount; chunk++)
        {
            var data = await ReadChunkAsync(chunk, ct);
            if (data is not { } bytes)
            {
                continue;
            }
            long start = chunk * Metadata.ChunkBytes;
            int count = (int)Math.Min(Metadata.ChunkBytes, total - start);
            bytes.AsSpan(0, count).CopyTo(result.AsSpan((int)start));
        }
        return result;
    }
}
