using Hark.Storage.Layout;
using Hark.Storage.Staging;
using Hark.Storage.Zarr;

namespace Hark.Storage;

/// <summary>
/// Who may change a recording. The recording group names the import that holds the id ("import_token"); every
/// change of the group is a compare and swap, so of two imports of one id (two processes on one archive, or an
/// entity that moved while its old node still commits) exactly one can flip the group, and a delete that removed
/// the group leaves every in-flight import nothing to flip.
/// </summary>
public sealed partial class ArchiveStore
{
    /// <summary>
    /// Takes the id for an import. A complete recording without <paramref name="replace"/> is a
    /// <see cref="RecordingExistsException"/>. When the import holding the id now is the same one
    /// (<paramref name="resumes"/> says so, from its staged plan) it carries on under its token; otherwise a new token
    /// supersedes it, and the superseded import's staging (revoked, it can commit nothing) is removed.
    /// </summary>
    /// <param name="planned">The recording as the import will describe it (codec, rate, channels, source).</param>
    /// <param name="takeOverUnfinished">An importing or failed recording is superseded (an import is simply run
    /// again); false refuses any existing recording unless <paramref name="replace"/>.</param>
    public async Task<ImportClaim> ClaimImportAsync(RecordingMetadata planned, bool replace,
        Func<StagingArea, CancellationToken, Task<bool>>? resumes, CancellationToken ct, bool takeOverUnfinished = true)
    {
        ArgumentNullException.ThrowIfNull(planned);
        var id = RecordingId.Validate(planned.Id);
        await EnsureCreatedAsync(ct);
        var importing = AsImporting(planned);
        importing.Validate();
        var key = ArchiveLayout.RecordingGroupKey(id);
        while (true)
        {
            var current = await ReadVersionedGroupAsync(id, ct);
            var document = current?.Document;
            if (document is not null && !replace && (document.Metadata.State == RecordingPhase.Complete || !takeOverUnfinished))
            {
                throw new RecordingExistsException(id, document.Metadata.State);
            }
            if (document?.ImportToken is { } held && resumes is not null && await resumes(Staging(id, held), ct))
            {
                if (document.Metadata.State == RecordingPhase.Failed
                    && !await Blobs.PutIfVersionAsync(key, (document with { Metadata = importing }).ToJsonBytes(), current!.Version, ct))
                {
                    continue;
                }
                return new ImportClaim(Staging(id, held), Resumed: true);
            }
            var token = ImportToken.New(DateTimeOffset.UtcNow);
            var claimed = document is { Metadata.State: RecordingPhase.Complete }
                ? document with { ImportToken = token }
                : new RecordingGroupDocument(importing, Generation: null, ImportToken: token);
            if (!await Blobs.PutIfVersionAsync(key, claimed.ToJsonBytes(), current?.Version, ct))
            {
                continue; // someone changed the group between our read and write: look again
            }
            await DeleteRevokedStagingAsync(id, token, ct);
            return new ImportClaim(Staging(id, token), Resumed: false);
        }
    }

    /// <summary>
    /// A new import writing straight into the archive (no staging): claims the id with a fresh token and opens a
    /// writer. Without <paramref name="replace"/> any existing recording, in any state, is a
    /// <see cref="RecordingExistsException"/>; with it a complete recording stays readable until the new one commits.
    /// </summary>
    public async Task<RecordingWriter> CreateRecordingAsync(RecordingMetadata metadata, bool replace, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        RecordingId.Validate(metadata.Id);
        metadata.Validate();
        var created = AsImporting(metadata); // one creation time for the claim and the writer
        var claim = await ClaimImportAsync(created, replace, resumes: null, ct, takeOverUnfinished: replace);
        return await OpenWriterAsync(created, claim.Token, ct);
    }

    /// <summary>A writer for a new generation of the recording, owned by the import holding <paramref name="token"/>.</summary>
    public async Task<RecordingWriter> OpenWriterAsync(RecordingMetadata metadata, string token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        metadata.Validate();
        ImportToken.Validate(token);
        var importing = AsImporting(metadata);
        await RequireCurrentAsync(metadata.Id, token, ct);
        var generation = Layout.Generation.New(DateTimeOffset.UtcNow);
        var group = new ZarrGroupMetadata(GenerationAttributes(importing, generation, token));
        await Blobs.PutAsync(ArchiveLayout.GenerationGroupKey(metadata.Id, generation), group.ToJsonBytes(), ct);
        return new RecordingWriter(this, importing, generation, token);
    }

    /// <summary>What the recording group says now; null when there is no recording of that id.</summary>
    public async Task<RecordingGroupState?> ReadStateAsync(string id, CancellationToken ct) =>
        await ReadGroupAsync(RecordingId.Validate(id), ct) is { } document ? RecordingGroupState.From(document) : null;

    /// <summary>True while <paramref name="token"/> holds the id.</summary>
    public async Task<bool> IsCurrentAsync(string id, string token, CancellationToken ct) =>
        (await ReadGroupAsync(RecordingId.Validate(id), ct))?.ImportToken == token;

    /// <summary>
    /// Records that the import failed: in its staging (for a restarted entity), and, while it still holds the id of
    /// a recording that is not complete, as the recording's state. A complete recording stays as it was.
    /// </summary>
    public async Task RecordFailureAsync(string id, string token, string reason, CancellationToken ct)
    {
        var key = ArchiveLayout.RecordingGroupKey(RecordingId.Validate(id));
        while (true)
        {
            var current = await ReadVersionedGroupAsync(id, ct);
            if (current is null || current.Document.ImportToken != token)
            {
                return; // revoked: the failure is nobody's business any more
            }
            await Staging(id, token).RecordFailureAsync(reason, ct);
            if (current.Document.Metadata.State != RecordingPhase.Importing)
            {
                return;
            }
            var failed = current.Document with { Metadata = current.Document.Metadata with { State = RecordingPhase.Failed, FailureReason = reason } };
            if (await Blobs.PutIfVersionAsync(key, failed.ToJsonBytes(), current.Version, ct))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Removes the recording (any state) with all its generations and staging. The group goes first, by compare and
    /// swap: from then on no import holds the id, so no commit in flight and no late worker can bring it back.
    /// </summary>
    public async Task DeleteRecordingAsync(string id, CancellationToken ct)
    {
        RecordingId.Validate(id);
        var key = ArchiveLayout.RecordingGroupKey(id);
        bool existed = false;
        while (await ReadVersionedGroupAsync(id, ct) is { } current)
        {
            if (await Blobs.DeleteIfVersionAsync(key, current.Version, ct))
            {
                existed = true;
                break;
            }
        }
        await DeletePrefixAsync(ArchiveLayout.RecordingFolder(id), ct);
        await DeletePrefixAsync(ArchiveLayout.StagingRecordingFolder(id), ct);
        Cache.RemovePrefix(ArchiveLayout.RecordingFolder(id));
        if (!existed)
        {
            throw new RecordingNotFoundException(id);
        }
    }

    /// <summary>
    /// The commit point: flips the group to <paramref name="complete"/> in <paramref name="generation"/>, only while
    /// <paramref name="token"/> holds the id. Returns the generation it superseded (null if none). A commit of the
    /// same token that already happened (a moved entity committing twice) returns the recording as committed then.
    /// </summary>
    internal async Task<CommitOutcome> CommitGroupAsync(RecordingMetadata complete, string generation, string token, CancellationToken ct)
    {
        var id = complete.Id;
        var key = ArchiveLayout.RecordingGroupKey(id);
        while (true)
        {
            var current = await ReadVersionedGroupAsync(id, ct)
                ?? throw ImportSupersededException.Deleted(id);
            var document = current.Document;
            if (document.ImportToken != token)
            {
                if (document.CommittedToken == token && document.Metadata.State == RecordingPhase.Complete)
                {
                    return new CommitOutcome(document.Metadata, document.Generation!, AlreadyCommitted: true, Superseded: null);
                }
                throw ImportSupersededException.TakenOver(id);
            }
            var committed = new RecordingGroupDocument(complete, generation, ImportToken: null, CommittedToken: token);
            if (await Blobs.PutIfVersionAsync(key, committed.ToJsonBytes(), current.Version, ct))
            {
                return new CommitOutcome(complete, generation, AlreadyCommitted: false, Superseded: document.Generation);
            }
        }
    }

    /// <summary>
    /// Removes generations nobody can read or commit: not the current one and not one being written by the import
    /// holding the id. The group is read after the listing, so a generation begun by an import that claimed the id
    /// meanwhile is seen as that import's and kept.
    /// </summary>
    internal async Task CollectGenerationsAsync(string id, CancellationToken ct)
    {
        var generations = new List<string>();
        await foreach (var child in Blobs.ListChildrenAsync(ArchiveLayout.RecordingFolder(id), ct))
        {
            if (Layout.Generation.IsGenerationFolder(child))
            {
                generations.Add(child[..^1]);
            }
        }
        var group = await ReadGroupAsync(id, ct);
        foreach (var generation in generations)
        {
            if (generation == group?.Generation)
            {
                continue;
            }
            if (group?.ImportToken is { } live && await GenerationTokenAsync(id, generation, ct) is { } owner && owner == live)
            {
                continue;
            }
            await DeleteGenerationAsync(id, generation, ct);
        }
    }

    /// <summary>The recording as an import in progress describes it: nothing written yet, no failure, no completion.</summary>
    private static RecordingMetadata AsImporting(RecordingMetadata metadata) => metadata with
    {
        State = RecordingPhase.Importing,
        FrameCount = 0,
        FailureReason = null,
        Created = metadata.Created == default ? DateTimeOffset.UtcNow : metadata.Created,
        Completed = null,
    };

    internal static System.Text.Json.Nodes.JsonObject GenerationAttributes(RecordingMetadata metadata, string generation, string token)
    {
        var attributes = RecordingGroupDocument.ToAttributes(metadata, generation);
        attributes["hark"]!["import_token"] = token;
        return attributes;
    }

    private async Task<string?> GenerationTokenAsync(string id, string generation, CancellationToken ct)
    {
        try
        {
            var group = ZarrGroupMetadata.Parse(await Blobs.GetAsync(ArchiveLayout.GenerationGroupKey(id, generation), ct), generation);
            return group.Attributes["hark"]?["import_token"]?.GetValue<string>();
        }
        catch (Exception e) when (e is BlobNotFoundException or ZarrFormatException or InvalidOperationException or FormatException)
        {
            return null; // half deleted or never finished: nobody's
        }
    }

    /// <summary>Why an import no longer holds its id, read from the group now: deleted, or taken over.</summary>
    public async Task<ImportSupersededException> SupersededAsync(string id, CancellationToken ct) =>
        await ReadGroupAsync(RecordingId.Validate(id), ct) is null ? ImportSupersededException.Deleted(id) : ImportSupersededException.TakenOver(id);

    private async Task RequireCurrentAsync(string id, string token, CancellationToken ct)
    {
        if (!await IsCurrentAsync(id, token, ct))
        {
            throw await SupersededAsync(id, ct);
        }
    }

    /// <summary>Staging of tokens that no longer hold the id: what they staged can never be committed.</summary>
    private async Task DeleteRevokedStagingAsync(string id, string token, CancellationToken ct)
    {
        var folder = ArchiveLayout.StagingRecordingFolder(id);
        var revoked = new List<string>();
        await foreach (var child in Blobs.ListChildrenAsync(folder, ct))
        {
            var name = child.TrimEnd('/');
            if (name != token)
            {
                revoked.Add(child);
            }
        }
        foreach (var child in revoked)
        {
            await DeletePrefixAsync(folder + child, ct);
        }
    }
}
