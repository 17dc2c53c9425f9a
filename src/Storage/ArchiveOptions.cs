namespace Hark.Storage;

/// <summary>Tuning of an <see cref="ArchiveStore"/>; the defaults suit recordings from minutes to days.</summary>
public sealed record ArchiveOptions
{
    /// <summary>
    /// Bytes per audio chunk (object). A first read from a chunk downloads and verifies all of it, so smaller is
    /// faster for a cold read and larger means fewer objects; 1 MiB is ~50 s of 160 kbit/s AAC.
    /// </summary>
    public int AudioChunkBytes { get; init; } = 1 << 20;

    /// <summary>Frames per chunk of the frame-size index (65536 frames of uint16 = 128 KiB before zstd).</summary>
    public int IndexChunkFrames { get; init; } = 1 << 16;

    /// <summary>zstd level of the index arrays: they are small and written once, so compress well.</summary>
    public int IndexZstdLevel { get; init; } = 9;

    /// <summary>Bytes of verified audio chunks kept in memory for repeated reads.</summary>
    public long ChunkCacheBytes { get; init; } = 64L << 20;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(AudioChunkBytes, 1, nameof(AudioChunkBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(AudioChunkBytes, 256 << 20, nameof(AudioChunkBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(IndexChunkFrames, 1, nameof(IndexChunkFrames));
        ArgumentOutOfRangeException.ThrowIfNegative(ChunkCacheBytes, nameof(ChunkCacheBytes));
    }
}
