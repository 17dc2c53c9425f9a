using Hark.Storage;

namespace Hark.Engine.Import;

/// <summary>
/// An import split into the steps a cluster can spread over nodes. Every step is idempotent and keeps its
/// state in the archive (staging), so a step repeated after a crash, or on another node, is harmless.
/// </summary>
public interface IImportSteps
{
    /// <summary>Probes the source, checks the id, writes the plan to staging and marks the recording importing.
    /// Returns the existing plan when the same source is being resumed.</summary>
    Task<ImportPlan> PlanAsync(ImportRequest request, CancellationToken cancellationToken);

    /// <summary>Decodes the source once into lossless PCM chunks in staging. Calls <paramref name="onChunkStaged"/>
    /// for every chunk as it becomes available (also for chunks already staged by an earlier run).</summary>
    Task<ImportPlan> StageSourceAsync(ImportPlan plan, Func<int, ValueTask> onChunkStaged, IProgress<ImportProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Encodes one chunk from staging into staging. Needs chunk n+1 staged too (look-ahead), when it exists.</summary>
    Task<ChunkResult> EncodeChunkAsync(ImportPlan plan, int chunkIndex, CancellationToken cancellationToken);

    /// <summary>Joins the encoded chunks in order into the recording's audio and index, flips it to complete,
    /// and clears staging.</summary>
    Task<RecordingMetadata> CommitAsync(ImportPlan plan, CancellationToken cancellationToken);

    /// <summary>Marks an import failed (the recording stays invisible to readers; staging is kept for a resume).</summary>
    Task FailAsync(string id, string reason, CancellationToken cancellationToken);
}
