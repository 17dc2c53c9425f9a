using System.Text.Json.Nodes;

namespace Hark.Storage.Zarr;

/// <summary>One entry of an array's "codecs" list. Hark writes and reads bytes, zstd and crc32c.</summary>
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
            _ => throw new ZarrFormatException($"unsupported codec \"{name}\" (this reader knows bytes, zstd, crc32c)"),
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
