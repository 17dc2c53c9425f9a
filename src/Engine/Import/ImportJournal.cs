using Hark.Storage;

namespace Hark.Engine.Import;

/// <summary>
/// What the archive remembers of an import in progress: its plan and, once it failed, why. A cluster entity that
/// starts on another node (or after a restart) reads this to resume where the import stood.
/// </summary>
public static class ImportJournal
{
    /// <summary>Written by <see cref="IImportSteps.FailAsync"/>.</summary>
    public const string FailureName = StagingNames.Failure;

    public static Task<ImportPlan?> LoadPlanAsync(ArchiveStore archive, string id, CancellationToken ct) =>
        PlanStore.LoadAsync(archive, id, ct);

    public static async Task<string?> LoadFailureAsync(ArchiveStore archive, string id, CancellationToken ct)
    {
        var bytes = await archive.GetStagingAsync(id, FailureName, ct);
        return bytes is null ? null : System.Text.Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Forgets an earlier failure before the import is tried again (the staged chunks stay).</summary>
    public static Task ClearFailureAsync(ArchiveStore archive, string id, CancellationToken ct) =>
        archive.Blobs.DeleteAsync(Hark.Storage.Layout.ArchiveLayout.StagingRecordingFolder(id) + FailureName, ct);
}
