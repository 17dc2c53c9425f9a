namespace Hark.Storage;

/// <summary>A complete recording whose stored data is inconsistent (index does not match audio, missing arrays).</summary>
public class CorruptRecordingException(string id, string message) : Exception($"recording {id}: {message}")
{
    public string Id { get; } = id;

    /// <summary>What is damaged, without the recording's name ("audio chunk 3 is corrupt: CRC-32C mismatch").</summary>
    public string Detail { get; } = message;
}
