namespace Hark.Storage;

/// <summary>A stored chunk that is missing or fails its CRC-32C: never returned as data.</summary>
public sealed class CorruptChunkException(string id, string array, long chunk, string reason)
    : CorruptRecordingException(id, $"{array} chunk {chunk} is corrupt: {reason}")
{
    /// <summary>The array inside the recording: "audio" or "index/frame_sizes".</summary>
    public string Array { get; } = array;

    public long Chunk { get; } = chunk;
}
