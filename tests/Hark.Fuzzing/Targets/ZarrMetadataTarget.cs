using Hark.Storage.Zarr;

namespace Hark.Fuzzing.Targets;

/// <summary>
/// zarr.json documents (<see cref="ZarrArrayMetadata.Parse"/>, <see cref="ZarrGroupMetadata.Parse"/>). Documented
/// error: <see cref="ZarrFormatException"/>. What is accepted must be consistent: a non-negative shape, a chunk count
/// that covers it without overflow, a chunk small enough to allocate.
/// </summary>
public static class ZarrMetadataTarget
{
    public const string Name = "zarr-metadata";

    public static FuzzTarget Create() => new(Name, 0x5A41_5252, Corpus(), Parse, [typeof(ZarrFormatException)], AllocationBound: 1 << 20);

    private static void Parse(byte[] input)
    {
        try
        {
            ZarrGroupMetadata.Parse(input, "fuzz/zarr.json");
        }
        catch (ZarrFormatException)
        {
        }
        var metadata = ZarrArrayMetadata.Parse(input, "fuzz/zarr.json");
        if (metadata.Length < 0 || metadata.ChunkLength <= 0 || metadata.ChunkCount < 0
            || metadata.ChunkCount * metadata.ChunkLength < metadata.Length || metadata.ChunkBytes <= 0
            || metadata.ChunkBytes > ZarrArrayMetadata.MaxChunkBytes || metadata.Length > long.MaxValue / metadata.DataType.Size)
        {
            throw new FuzzInvariantException(
                $"accepted shape {metadata.Length}, chunk {metadata.ChunkLength} x {metadata.DataType.Size} bytes, {metadata.ChunkCount} chunks");
        }
    }

    private static List<byte[]> Corpus() =>
    [
        ZarrSamples.AudioArray.ToJsonBytes(),
        ZarrSamples.FrameSizes.ToJsonBytes(),
        (ZarrSamples.FrameSizes with { Codecs = [new BytesCodec(LittleEndian: false), new ZstdCodec(3, Checksum: true)], DataType = ZarrDataType.UInt32 }).ToJsonBytes(),
        new ZarrGroupMetadata(new System.Text.Json.Nodes.JsonObject { ["hark"] = new System.Text.Json.Nodes.JsonObject { ["format_version"] = 1 } }).ToJsonBytes(),
    ];
}
