using Hark.Storage.Zarr;

namespace Hark.Fuzzing.Targets;

/// <summary>Array metadata shaped as Hark writes it (docs/archive-format.md, "Zarr metadata").</summary>
public static class ZarrSamples
{
    public static readonly ZarrArrayMetadata AudioArray = new()
    {
        Length = 3_000_123,
        ChunkLength = 1 << 20,
        DataType = ZarrDataType.UInt8,
        Codecs = [new BytesCodec(), new Crc32CCodec()],
        DimensionName = "byte",
    };

    public static readonly ZarrArrayMetadata FrameSizes = new()
    {
        Length = 155_039,
        ChunkLength = 65536,
        DataType = ZarrDataType.UInt16,
        Codecs = [new BytesCodec(), new ZstdCodec(9), new Crc32CCodec()],
        DimensionName = "frame",
    };
}
