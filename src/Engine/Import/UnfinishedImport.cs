using Hark.Storage;
using Hark.Storage.Layout;

namespace Hark.Engine.Import;

/// <summary>An import with work in staging and no commit yet: running, interrupted or failed.</summary>
public sealed record UnfinishedImport(string Id, string SourceName, long? TotalSamples, int SampleRate, int Channels, string Codec, string? FailureReason)
{
    /// <summary>Every import that has a plan in staging, so `hark ls` shows what is in progress or can be resumed.</summary>
    public static async Task<IReadOnlyList<UnfinishedImport>> ListAsync(ArchiveStore archive, CancellationToken ct)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var key in archive.Blobs.ListAsync(ArchiveLayout.StagingFolder, ct))
        {
            var rest = key[ArchiveLayout.StagingFolder.Length..];
            if (rest.EndsWith("/" + StagingNames.Plan, StringComparison.Ordinal))
            {
                ids.Add(rest[..rest.IndexOf('/')]);
            }
        }
        var imports = new List<UnfinishedImport>();
        foreach (var id in ids)
        {
            if (await PlanStore.LoadAsync(archive, id, ct) is not { } plan)
            {
                continue;
            }
            var failure = await archive.GetStagingAsync(id, StagingNames.Failure, ct);
            imports.Add(new UnfinishedImport(id, plan.SourceName, plan.TotalSamples, plan.SampleRate, plan.Channels, plan.Codec,
                failure is null ? null : System.Text.Encoding.UTF8.GetString(failure)));
        }
        return imports;
    }
}
