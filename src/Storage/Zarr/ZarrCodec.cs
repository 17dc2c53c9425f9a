using System.Text.Json.Nodes;

namespace Hark.Storage.Zarr;

/// <summary>One entry of an array's "codecs" list. Hark writes and reads bytes, zstd, crc32c and sharding_indexed.</summary>
public abstract record ZarrCodec
{
    public abstract string Name { get; }

    public abstract JsonObject ToJson();

    public static ZarrCodec Parse(JsonNode? node)
    {
        if (node is not JsonObject codec || codec["name"]?.GetValue<string>() is not { } name)
        {
            throw new ZarrFormatException("a codec entry must be an object with a \"name\"");
        }
        var configuration = codec["configuration"] as JsonObject;
        return name switch
        {
            "bytes" => new BytesCodec(ParseEndian(configuration)),
            "zstd" => new ZstdCodec(configuration?["level"]?.GetValue<int>() ?? 0, configuration?["checksum"]?.GetValue<bool>() ?? false),
            "crc32c" => new Crc32CCodec(),
            "sharding_indexed" => ShardingCodec.Parse(configuration),
            _ => throw new ZarrFormatException($"unsupported codec \"{name}\" (this reader knows bytes, zstd, crc32c, sharding_indexed)"),
        };
    }

    private static bool ParseEndian(JsonObject? configuration) => configuration?["endian"]?.GetValue<string>() switch
    {
        null or "little" => true,
        "big" => false,
        var other => throw new ZarrFormatException($"bytes codec: unknown endian \"{other}\""),
    };
}

/// <summary>The array-to-bytes codec: elements in C order with the given byte order.</summary>
public sealed record BytesCodec(bool LittleEndian = true) : ZarrCodec
{
    public override string Name => "bytes";

    public override JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["configuration"] = new JsonObject { ["endian"] = LittleEndian ? "little" : "big" },
    };
}

/// <summary>Zstandard compression of the chunk's bytes.</summary>
public sealed record ZstdCodec(int Level = 3, bool Checksum = false) : ZarrCodec
{
    public override string Name => "zstd";

    public override JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["configuration"] = new JsonObject { ["level"] = Level, ["checksum"] = Checksum },
    };
}

/// <summary>Appends the CRC-32C of the encoded chunk as 4 little-endian bytes; verified on read.</summary>
public sealed record Crc32CCodec : ZarrCodec
{
    public override string Name => "crc32c";

    public override JsonObject ToJson() => new() { ["name"] = Name };
}

/// <summary>
/// sharding_indexed: a stored chunk (a shard) holds inner chunks, each run through <see cref="Codecs"/>, followed by
/// the shard index, (offset, nbytes) as uint64 per inner chunk (2^64-1 twice for one never written), run through
/// <see cref="IndexCodecs"/>. Hark writes the index at the end and reads inner chunks by range.
/// </summary>
public sealed record ShardingCodec(int InnerChunkLength, IReadOnlyList<ZarrCodec> Codecs, IReadOnlyList<ZarrCodec> IndexCodecs) : ZarrCodec
{
    public override string Name => "sharding_indexed";

    public override JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["configuration"] = new JsonObject
        {
            ["chunk_shape"] = new JsonArray(InnerChunkLength),
            ["codecs"] = new JsonArray(Codecs.Select(c => (JsonNode)c.ToJson()).ToArray()),
            ["index_codecs"] = new JsonArray(IndexCodecs.Select(c => (JsonNode)c.ToJson()).ToArray()),
            ["index_location"] = "end",
        },
    };

    internal static ShardingCodec Parse(JsonObject? configuration)
    {
        if (configuration?["chunk_shape"] is not JsonArray { Count: 1 } shape || shape[0]?.GetValue<long>() is not (> 0 and <= int.MaxValue and var inner))
        {
            throw new ZarrFormatException("sharding_indexed: chunk_shape must be one positive length");
        }
        if ((configuration["index_location"]?.GetValue<string>() ?? "end") != "end")
        {
            throw new ZarrFormatException("sharding_indexed: only index_location \"end\" is supported");
        }
        var codecs = (configuration["codecs"] as JsonArray ?? throw new ZarrFormatException("sharding_indexed: no codecs")).Select(ZarrCodec.Parse).ToList();
        var index = (configuration["index_codecs"] as JsonArray ?? throw new ZarrFormatException("sharding_indexed: no index_codecs")).Select(ZarrCodec.Parse).ToList();
        if (codecs.Any(c => c is ShardingCodec) || index.Any(c => c is not (BytesCodec or Crc32CCodec)))
        {
            throw new ZarrFormatException("sharding_indexed: nested sharding, or index codecs other than bytes and crc32c, are not supported");
        }
        return new ShardingCodec((int)inner, codecs, index);
    }
}
