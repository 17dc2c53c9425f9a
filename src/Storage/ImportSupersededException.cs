namespace Hark.Storage;

/// <summary>
/// The import no longer holds its recording's id: another import of the id took over, or the recording was deleted.
/// It may change nothing any more; what it staged and wrote is its own to remove.
/// </summary>
public sealed class ImportSupersededException(string id, string detail)
    : Exception($"import of {id} was stopped: {detail}")
{
    public string Id { get; } = id;

    /// <summary>The recording group is gone: a delete revoked the import.</summary>
    public static ImportSupersededException Deleted(string id) => new(id, "the recording was deleted");

    /// <summary>The group names another token: a later import of the id holds it now.</summary>
    public static ImportSupersededException TakenOver(string id) => new(id, "another import of the same id took over");
}
