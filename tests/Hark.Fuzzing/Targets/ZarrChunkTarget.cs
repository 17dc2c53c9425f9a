using Hark.Storage.Zarr;

namespace Hark.Fuzzing.Targets;

/// <summary>
/// Stored chunks of the frame-size index (<see cref="ZarrChunkCodec.Decode"/>: crc32c, zstd, bytes), with and
/// without the checksum in front of zstd. Documented errors: <see cref="ZarrChecksumException"/>,
/// <see cref="ZarrFormatException"/>. Decompression may not allocate beyond the declared chunk size.
/// </summary>
public static class ZarrChunkTarget
{
    public const string Name = "zarr-chunk";

    private static readonly ZarrArrayMetadata ZstdOnly = ZarrSamples.FrameSizes with { Codecs = [new BytesCodec(), new ZstdCodec(3)] };

    public static FuzzTarget Create() => new(Name, 0x2853_1234, Corpus(), Parse,
        [typeof(ZarrChecksumException), typeof(ZarrFormatException)],
        AllocationBound: 3L * ZarrSamples.FrameSizes.ChunkBytes + (64 << 10));

    private static void Parse(byte[] input)
    {
        // The first byte picks the codec list, so a splice can carry a chunk of one to the other.
        if (input.Length == 0)
        {
            return;
        }
        var metadata = input[0] % 2 == 1 ? ZstdOnly : ZarrSamples.FrameSizes;
        ZarrChunkCodec.Decode(metadata, input[1..], "fuzz/c/0");
    }

    private static List<byte[]> Corpus()
    {
        var sizes = new byte[ZarrSamples.FrameSizes.ChunkBytes];
        var random = new Random(7);
        for (int i = 0; i < sizes.Length; i += 2)
        {
            BitConverter.TryWriteBytes(sizes.AsSpan(i), (ushort)random.Next(400, 520));
        }
        // The tag byte in front is the codec list's choice; the corpus uses the one each chunk was encoded with.
        return
        [
            [0, .. ZarrChunkCodec.Encode(ZarrSamples.FrameSizes, sizes)],
            [1, .. ZarrChunkCodec.Encode(ZstdOnly, sizes)],
            [1, .. ZarrChunkCodec.Encode(ZstdOnly, new byte[sizes.Length])],
        ];
    }
}
