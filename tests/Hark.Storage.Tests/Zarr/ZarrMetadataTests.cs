using System.Text;
using Hark.Storage.Zarr;

namespace Hark.Storage.Tests.Zarr;

public sealed class ZarrMetadataTests
{
    private static readonly ZarrArrayMetadata Sizes = new()
    {
        Length = 1000,
        ChunkLength = 300,
        DataType = ZarrDataType.UInt16,
        Codecs = [new BytesCodec(), new ZstdCodec(5), new Crc32CCodec()],
        DimensionName = "frame",
    };

    [Fact]
    public void Array_metadata_is_written_exactly_per_the_v3_core_spec()
    {
        var json = Encoding.UTF8.GetString(Sizes.ToJsonBytes());
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        Assert.Equal(3, node["zarr_format"]!.GetValue<int>());
        Assert.Equal("array", node["node_type"]!.GetValue<string>());
        Assert.Equal(1000, node["shape"]![0]!.GetValue<long>());
        Assert.Equal("uint16", node["data_type"]!.GetValue<string>());
        Assert.Equal("regular", node["chunk_grid"]!["name"]!.GetValue<string>());
        Assert.Equal(300, node["chunk_grid"]!["configuration"]!["chunk_shape"]![0]!.GetValue<int>());
        Assert.Equal("default", node["chunk_key_encoding"]!["name"]!.GetValue<string>());
        Assert.Equal("/", node["chunk_key_encoding"]!["configuration"]!["separator"]!.GetValue<string>());
        Assert.Equal(0, node["fill_value"]!.GetValue<int>());
        Assert.Equal(["bytes", "zstd", "crc32c"], node["codecs"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("little", node["codecs"]![0]!["configuration"]!["endian"]!.GetValue<string>());
        Assert.Equal(5, node["codecs"]![1]!["configuration"]!["level"]!.GetValue<int>());
        Assert.Equal("frame", node["dimension_names"]![0]!.GetValue<string>());
        Assert.Equal(Sizes.ToJsonBytes(), ZarrArrayMetadata.Parse(Sizes.ToJsonBytes(), "k").ToJsonBytes());
    }

    [Theory]
    [InlineData("""{"zarr_format": 2, "node_type": "array"}""", "zarr_format must be 3")]
    [InlineData("""{"zarr_format": 3, "node_type": "group"}""", "expected \"array\"")]
    [InlineData("""{"zarr_format": 3, "node_type": "array", "shape": [2, 2], "data_type": "uint8"}""", "1-D only")]
    [InlineData("""{"zarr_format": 3, "node_type": "array", "shape": [4], "data_type": "float32", "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [2]}}, "chunk_key_encoding": {"name": "default"}, "codecs": [{"name": "bytes"}]}""", "unsupported data_type")]
    [InlineData("""{"zarr_format": 3, "node_type": "array", "shape": [4], "data_type": "uint8", "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [2]}}, "chunk_key_encoding": {"name": "default"}, "codecs": [{"name": "bytes"}, {"name": "blosc"}]}""", "unsupported codec \"blosc\"")]
    [InlineData("""{"zarr_format": 3, "node_type": "array", "shape": [4], "data_type": "uint8", "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [2]}}, "chunk_key_encoding": {"name": "v2"}, "codecs": [{"name": "bytes"}]}""", "chunk_key_encoding")]
    [InlineData("""{"zarr_format": 3, "node_type": "array", "shape": [4], "data_type": "uint8", "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": [0]}}, "chunk_key_encoding": {"name": "default"}, "codecs": [{"name": "bytes"}]}""", "chunk_shape 0")]
    [InlineData("not json", "not valid JSON")]
    public void Unsupported_or_malformed_metadata_is_a_clear_error(string json, string expected)
    {
        var e = Assert.Throws<ZarrFormatException>(() => ZarrArrayMetadata.Parse(Encoding.UTF8.GetBytes(json), "x/zarr.json"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("x/zarr.json", e.Message);
    }

    [Fact]
    public void Chunks_round_trip_through_every_codec_and_damage_is_detected()
    {
        var elements = new byte[600];
        new Random(1).NextBytes(elements.AsSpan(0, 300)); // half noise, half zeros
        var encoded = ZarrChunkCodec.Encode(Sizes, elements);
        Assert.True(encoded.Length < 600);
        Assert.Equal(elements, ZarrChunkCodec.Decode(Sizes, encoded, "c/0").ToArray());

        var damaged = (byte[])encoded.Clone();
        damaged[3] ^= 0xFF;
        var e = Assert.Throws<ZarrChecksumException>(() => ZarrChunkCodec.Decode(Sizes, damaged, "c/0"));
        Assert.Contains("CRC-32C mismatch", e.Message);

        var bigEndian = Sizes with { Codecs = [new BytesCodec(LittleEndian: false)] };
        var swapped = ZarrChunkCodec.Encode(bigEndian, elements);
        Assert.Equal(elements[1], swapped[0]);
        Assert.Equal(elements, ZarrChunkCodec.Decode(bigEndian, swapped, "c/0").ToArray());
    }

    [Fact]
    public void A_zstd_frame_of_the_wrong_length_is_corrupt()
    {
        var plain = Sizes with { Codecs = [new BytesCodec(), new ZstdCodec()] };
        var longer = plain with { ChunkLength = 301 };
        var encoded = ZarrChunkCodec.Encode(longer, new byte[602]);
        Assert.Throws<ZarrChecksumException>(() => ZarrChunkCodec.Decode(plain, encoded, "c/0"));
        Assert.Throws<ZarrChecksumException>(() => ZarrChunkCodec.Decode(plain, [1, 2, 3, 4, 5], "c/0"));
    }
}
