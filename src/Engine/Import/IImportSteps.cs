namespace Hark.Engine.Import;

/// <summary>
/// An import split into the steps a cluster can spread over nodes. Every step is idempotent and keeps its state in
/// the archive (the import's staging, under its token), so a step repeated after a crash, or on another node, is
/// harmless; a step whose token no longer holds the recording's id changes nothing (ImportSupersededException).
/// </summary>
public interface IImportSteps
{
    /// <summary>Probes the source, claims the id (a new token, or the same one when this very import is resumed) and
    /// writes the plan to the import's staging.</summary>
    Task<ImportPlan> PlanAsync(ImportRequest request, CancellationToken cancellationToken);

    /// <summary>Decodes the source once into lossless PCM chunks in staging. Calls <paramref name="onChunkStaged"/>
    /// for every chunk as it becomes available (also for chunks already staged by an earlier run). Returns the final
    /// plan (exact length, chunk count, source hash), saved to staging too. With a <paramref name="window"/>, told of
    /// every encoded chunk, staging keeps only a bounded number of decoded chunks at a time.</summary>
    Task<ImportPlan> StageSourceAsync(ImportPlan plan, Func<int, ValueTask> onChunkStaged, StagingWindow? window, IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken);

    /// <summary>Encodes one chunk of the import <paramref name="token"/> of recording <paramref name="id"/>, from
    /// staging into staging; the plan is read from staging. Needs chunk n+1 staged too (look-ahead), when it exists.</summary>
    Task<ChunkResult> EncodeChunkAsync(string id, string token, int chunkIndex, CancellationToken cancellationToken);

    /// <summary>Joins the encoded chunks in order into a new generation and flips the recording to it, only while
    /// <paramref name="token"/> holds the id; then clears the import's staging.</summary>
    Task<RecordingMetadata> CommitAsync(string id, string token, CancellationToken cancellationToken);

    /// <summary>Marks the import failed (staging is kept for a resume). Returns the reason as recorded: an import
    /// that lost its id says so instead of the error that followed from it.</summary>
    Task<string> FailAsync(string id, string token, string reason, CancellationToken cancellationToken);

    /// <summary>What the archive says of the recording and of the import holding it: what an entity starts from.</summary>
    Task<ImportState> LoadAsync(string id, CancellationToken cancellationToken);
}
