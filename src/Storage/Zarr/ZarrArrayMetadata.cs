using System.Text;
using System.Text.Json.Nodes;

namespace Hark.Storage.Zarr;

/// <summary>
/// A 1-D array's zarr.json per the Zarr v3 core spec: regular chunk grid, default chunk key encoding with "/"
/// (chunk i is "c/i"), integer data type, codecs [bytes, zstd?, crc32c?].
/// </summary>
public sealed record ZarrArrayMetadata
{
    /// <summary>
    /// The largest chunk this reader allocates: Hark's own audio chunks go up to 256 MiB
    /// (<c>ArchiveOptions.AudioChunkBytes</c>); a larger one in a document is refused before anything is allocated.
    /// </summary>
    public const int MaxChunkBytes = 256 << 20;

    public required long Length { get; init; }

    public required int ChunkLength { get; init; }

    public required ZarrDataType DataType { get; init; }

    public long FillValue { get; init; }

    public IReadOnlyList<ZarrCodec> Codecs { get; init; } = [new BytesCodec()];

    public JsonObject Attributes { get; init; } = [];

    public string? DimensionName { get; init; }

    public long ChunkCount => (Length + ChunkLength - 1) / ChunkLength;

    public int ChunkBytes => ChunkLength * DataType.Size;

    public byte[] ToJsonBytes()
    {
        var root = new JsonObject
        {
            ["zarr_format"] = 3,
            ["node_type"] = "array",
            ["shape"] = new JsonArray(Length),
            ["data_type"] = DataType.Name,
            ["chunk_grid"] = new JsonObject
            {
                ["name"] = "regular",
                ["configuration"] = new JsonObject { ["chunk_shape"] = new JsonArray(ChunkLength) },
            },
            ["chunk_key_encoding"] = new JsonObject
            {
                ["name"] = "default",
                ["configuration"] = new JsonObject { ["separator"] = "/" },
            },
            ["fill_value"] = FillValue,
            ["codecs"] = new JsonArray(Codecs.Select(c => (JsonNode)c.ToJson()).ToArray()),
            ["attributes"] = Attributes.DeepClone(),
        };
        if (DimensionName is not null)
        {
            root["dimension_names"] = new JsonArray(DimensionName);
        }
        return Encoding.UTF8.GetBytes(root.ToJsonString(ZarrGroupMetadata.Indented));
    }

    /// <param name="key">The zarr.json key, for messages.</param>
    public static ZarrArrayMetadata Parse(ReadOnlySpan<byte> json, string key)
    {
        var root = ZarrJson.ParseNode(json, key, "array");
        try
        {
            var shape = root["shape"] as JsonArray ?? throw Bad("no shape");
            if (shape.Count != 1)
            {
                throw Bad($"{shape.Count}-D arrays are not supported (1-D only)");
            }
            long length = shape[0]?.GetValue<long>() ?? throw Bad("shape holds null");
            if (root["chunk_grid"]?["name"]?.GetValue<string>() != "regular")
            {
                throw Bad("chunk_grid must be \"regular\"");
            }
            var chunkShape = root["chunk_grid"]?["configuration"]?["chunk_shape"] as JsonArray ?? throw Bad("no chunk_shape");
            if (chunkShape.Count != 1)
            {
                throw Bad("chunk_shape must have 1 dimension");
            }
            long chunkLength = chunkShape[0]?.GetValue<long>() ?? throw Bad("chunk_shape holds null");
            var encoding = root["chunk_key_encoding"];
            var encodingName = encoding?["name"]?.GetValue<string>();
            var separator = encoding?["configuration"]?["separator"]?.GetValue<string>() ?? "/";
            if (encodingName != "default" || separator != "/")
            {
                throw Bad("chunk_key_encoding must be \"default\" with separator \"/\"");
            }
            var codecs = (root["codecs"] as JsonArray ?? throw Bad("no codecs")).Select(ZarrCodec.Parse).ToList();
            ValidateCodecs(codecs, key);
            if (root["storage_transformers"] is JsonArray { Count: > 0 })
            {
                throw Bad("storage_transformers are not supported");
            }
            var fill = root["fill_value"];
            var metadata = new ZarrArrayMetadata
            {
                Length = length,
                ChunkLength = chunkLength is > 0 and <= int.MaxValue ? (int)chunkLength : throw Bad($"chunk_shape {chunkLength} out of range"),
                DataType = ZarrDataType.Parse(root["data_type"]?.GetValue<string>() ?? throw Bad("no data_type")),
                FillValue = fill is null ? 0 : fill.GetValue<long>(),
                Codecs = codecs,
                Attributes = root["attributes"] is JsonObject attributes ? (JsonObject)attributes.DeepClone() : [],
                DimensionName = root["dimension_names"] is JsonArray { Count: 1 } names ? names[0]?.GetValue<string>() : null,
            };
            if (length < 0)
            {
                throw Bad($"negative shape {length}");
            }
            if (metadata.Sharding is { } sharding && metadata.ChunkLength % sharding.InnerChunkLength != 0)
            {
                throw Bad($"shards of {metadata.ChunkLength} do not divide into inner chunks of {sharding.InnerChunkLength}");
            }
            if ((long)metadata.ChunkLength * metadata.DataType.Size > MaxChunkBytes)
            {
                throw Bad($"chunks of {metadata.ChunkLength} x {metadata.DataType.Size} bytes: larger than {MaxChunkBytes >> 20} MiB are not supported");
            }
            if (length > long.MaxValue / metadata.DataType.Size - metadata.ChunkLength)
            {
                // Byte offsets and the chunk count (length + chunk - 1) / chunk must not overflow.
                throw Bad($"shape {length} is too large");
            }
            return metadata;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw Bad($"malformed metadata ({e.Message})");
        }
        catch (ZarrFormatException e) when (!e.Message.StartsWith(key, StringComparison.Ordinal))
        {
            throw Bad(e.Message);
        }

        ZarrFormatException Bad(string reason) => new($"{key}: {reason}");
    }

    /// <summary>The array's sharding, when its only codec is sharding_indexed (its chunks are shards).</summary>
    public ShardingCodec? Sharding => Codecs is [ShardingCodec sharding] ? sharding : null;

    /// <summary>A shard's inner chunks as an array of their own (for their codecs and size).</summary>
    internal ZarrArrayMetadata InnerChunks(ShardingCodec sharding) => this with { ChunkLength = sharding.InnerChunkLength, Codecs = sharding.Codecs };

    private static void ValidateCodecs(List<ZarrCodec> codecs, string key)
    {
        if (codecs is [ShardingCodec sharding])
        {
            ValidateCodecs([.. sharding.Codecs], key);
            return;
        }
        int bytesAt = codecs.FindIndex(c => c is BytesCodec);
        if (bytesAt != 0 || codecs.Count(c => c is BytesCodec) != 1)
        {
            throw new ZarrFormatException($"{key}: codecs must start with exactly one \"bytes\" codec (no array-to-array codecs supported)");
        }
    }
}
