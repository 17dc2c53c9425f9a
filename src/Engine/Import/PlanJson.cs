using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hark.Engine.Import;

/// <summary>The plan as it is kept in staging: snake_case JSON, readable by a person looking at the archive.</summary>
internal static class PlanJson
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static byte[] ToBytes(ImportPlan plan) => JsonSerializer.SerializeToUtf8Bytes(plan, Json);

    public static ImportPlan FromBytes(byte[] json, string where)
    {
        try
        {
            return JsonSerializer.Deserialize<ImportPlan>(json, Json) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new Hark.Storage.ArchiveFormatException($"{where}plan.json: not an import plan ({e.Message})");
        }
    }
}
