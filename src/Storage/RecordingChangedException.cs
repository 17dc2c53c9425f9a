namespace Hark.Storage;

/// <summary>
/// A chunk an open reader needed is gone because the recording was deleted or replaced since the reader opened it:
/// the reader is stale, the archive is fine. Open the recording again (it may no longer exist).
/// </summary>
public sealed class RecordingChangedException(string id, string generation)
    : Exception($"recording {id} was deleted or replaced while it was being read")
{
    public string Id { get; } = id;

    /// <summary>The generation the stale reader had open.</summary>
    public string Generation { get; } = generation;
}
