using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Hark.Storage.Zarr;

namespace Hark.Storage.Layout;

/// <summary>
/// The recording group's zarr.json: attributes.hark holds the metadata (snake_case) plus "generation", the
/// subgroup whose arrays are current. Writing this one object is the commit point of an import.
/// </summary>
public sealed record RecordingGroupDocument(RecordingMetadata Metadata, string Generation)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false), new UtcTimestampConverter() },
        WriteIndented = true,
    };

    public byte[] ToJsonBytes() => new ZarrGroupMetadata(ToAttributes(Metadata, Generation)).ToJsonBytes();

    public static JsonObject ToAttributes(RecordingMetadata metadata, string generation)
    {
        var hark = (JsonObject)JsonSerializer.SerializeToNode(Normalize(metadata), JsonOptions)!;
        hark["generation"] = generation;
        return new JsonObject { ["hark"] = hark };
    }

    public static RecordingGroupDocument Parse(ReadOnlySpan<byte> json, string key)
    {
        var group = ZarrGroupMetadata.Parse(json, key);
        if (group.Attributes["hark"] is not JsonObject hark)
        {
            throw new ArchiveFormatException($"{key}: no \"hark\" attributes");
        }
        try
        {
            var generation = hark["generation"]?.GetValue<string>() ?? throw new ArchiveFormatException($"{key}: no hark.generation");
            var metadata = hark.Deserialize<RecordingMetadata>(JsonOptions) ?? throw new ArchiveFormatException($"{key}: empty hark attributes");
            return new RecordingGroupDocument(metadata, generation);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new ArchiveFormatException($"{key}: bad recording metadata ({e.Message})");
        }
    }

    /// <summary>Times are stored in UTC so that documents compare and sort without time zones.</summary>
    private static RecordingMetadata Normalize(RecordingMetadata m) => m with
    {
        Created = m.Created.ToUniversalTime(),
        Completed = m.Completed?.ToUniversalTime(),
        StartTime = m.StartTime?.ToUniversalTime(),
    };
}
