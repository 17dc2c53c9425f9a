using System.Text.Json;
using System.Text.Json.Serialization;
using Hark.Storage;

namespace Hark.Engine.Import;

/// <summary>Reads and writes an import's plan in staging.</summary>
internal static class PlanStore
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static async Task<ImportPlan?> LoadAsync(ArchiveStore archive, string id, CancellationToken ct)
    {
        var bytes = await archive.GetStagingAsync(id, StagingNames.Plan, ct);
        return bytes is null ? null : JsonSerializer.Deserialize<ImportPlan>(bytes, Json);
    }

    public static Task SaveAsync(ArchiveStore archive, ImportPlan plan, CancellationToken ct) =>
        archive.PutStagingAsync(plan.Id, StagingNames.Plan, JsonSerializer.SerializeToUtf8Bytes(plan, Json), ct);
}
