namespace Hark.Storage;

/// <summary>Tuning of an <see cref="ArchiveStore"/>; the defaults suit recordings from minutes to days.</summary>
public sealed record ArchiveOptions
{
    /// <summary>
    /// Bytes per audio chunk (object). A first read from a chunk downloads and verifies all of it, so smaller is
    /// faster for a cold read and larger means fewer objects; 1 MiB is ~50 s of 160 kbit/s AAC.
    /// </summary>
    public int AudioChunkBytes { get; init; } = 1 << 20;

    /// <summary>
    /// Bytes per inner chunk of an audio shard (sharding_indexed): what a cold read fetches (one range request) and
    /// verifies, and the unit of the chunk cache. 64 KiB is ~3 s of 160 kbit/s AAC.
    /// </summary>
    public int AudioInnerChunkBytes { get; init; } = 1 << 16;

    /// <summary>Store audio as shards of inner chunks. Off only to write a recording as archives before shards did (tests of that layout).</summary>
    public bool ShardedAudio { get; init; } = true;

    /// <summary>
    /// Frames per chunk of the frame-size index, the page a reader loads (8192 frames: 3 min of 44.1 kHz AAC, 16 KiB of
    /// uint16 before zstd). Recordings written before pages used 65536.
    /// </summary>
    public int IndexChunkFrames { get; init; } = 1 << 13;

    /// <summary>
    /// Write the index's page offsets (index/page_offsets), so readers load the index by pages. Off only to write a
    /// recording as archives before them did (tests of the older layout).
    /// </summary>
    public bool PagedIndex { get; init; } = true;

    /// <summary>zstd level of the index arrays: they are small and written once, so compress well.</summary>
    public int IndexZstdLevel { get; init; } = 9;

    /// <summary>Bytes of verified audio chunks kept in memory for repeated reads.</summary>
    public long ChunkCacheBytes { get; init; } = 64L << 20;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(AudioChunkBytes, 1, nameof(AudioChunkBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(AudioChunkBytes, 256 << 20, nameof(AudioChunkBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(IndexChunkFrames, 1, nameof(IndexChunkFrames));
        ArgumentOutOfRangeException.ThrowIfLessThan(AudioInnerChunkBytes, 1, nameof(AudioInnerChunkBytes));
        if (ShardedAudio && AudioChunkBytes > AudioInnerChunkBytes && AudioChunkBytes % AudioInnerChunkBytes != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(AudioInnerChunkBytes), AudioInnerChunkBytes, $"must divide AudioChunkBytes ({AudioChunkBytes})");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(ChunkCacheBytes, nameof(ChunkCacheBytes));
    }
}
