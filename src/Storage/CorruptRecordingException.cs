namespace Hark.Storage;

/// <summary>A complete recording whose stored data is inconsistent (index does not match audio, missing arrays).</summary>
public class CorruptRecordingException(string id, string message) : Exception($"recording {id}: {message}")
{
    public string Id { get; } = id;
}
