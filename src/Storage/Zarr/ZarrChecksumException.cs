namespace Hark.Storage.Zarr;

/// <summary>A stored chunk whose bytes do not decode or do not match their checksum.</summary>
public sealed class ZarrChecksumException(string chunkKey, string reason) : Exception($"{chunkKey}: {reason}")
{
    public string ChunkKey { get; } = chunkKey;

    public string Reason { get; } = reason;
}
