using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Hark.Storage.Zarr;

namespace Hark.Storage.Layout;

/// <summary>
/// The recording group's zarr.json: attributes.hark holds the metadata (snake_case) plus
/// <list type="bullet">
/// <item>"generation": the subgroup whose arrays are current; absent until the first import commits;</item>
/// <item>"import_token": the import that holds the id now (<see cref="ImportToken"/>); absent when none does;</item>
/// <item>"committed_token": the import that wrote the current generation.</item>
/// </list>
/// Every change of this object is a conditional write (compare and swap), and the write that names a new
/// generation with state complete is the commit point of an import.
/// </summary>
public sealed record RecordingGroupDocument(RecordingMetadata Metadata, string? Generation, string? ImportToken = null, string? CommittedToken = null)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false), new UtcTimestampConverter() },
        WriteIndented = true,
    };

    public byte[] ToJsonBytes()
    {
        var attributes = ToAttributes(Metadata, Generation);
        var hark = (JsonObject)attributes["hark"]!;
        if (ImportToken is not null)
        {
            hark["import_token"] = ImportToken;
        }
        if (CommittedToken is not null)
        {
            hark["committed_token"] = CommittedToken;
        }
        return new ZarrGroupMetadata(attributes).ToJsonBytes();
    }

    public static JsonObject ToAttributes(RecordingMetadata metadata, string? generation)
    {
        var hark = (JsonObject)JsonSerializer.SerializeToNode(Normalize(metadata), JsonOptions)!;
        if (generation is not null)
        {
            hark["generation"] = generation;
        }
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
            var generation = hark["generation"]?.GetValue<string>();
            var importToken = hark["import_token"]?.GetValue<string>();
            var committedToken = hark["committed_token"]?.GetValue<string>();
            var copy = hark.DeepClone().AsObject();
            copy.Remove("generation");
            copy.Remove("import_token");
            copy.Remove("committed_token");
            var metadata = copy.Deserialize<RecordingMetadata>(JsonOptions) ?? throw new ArchiveFormatException($"{key}: empty hark attributes");
            if (metadata.State == RecordingPhase.Complete && generation is null)
            {
                throw new ArchiveFormatException($"{key}: a complete recording without hark.generation");
            }
            return new RecordingGroupDocument(metadata, generation, importToken, committedToken);
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
