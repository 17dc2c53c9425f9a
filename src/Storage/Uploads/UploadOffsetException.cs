namespace Hark.Storage.Uploads;

/// <summary>A part sent for another offset than the upload has reached (a resumed client must ask first).</summary>
public sealed class UploadOffsetException(string id, long sent, long expected)
    : Exception($"upload {id} is at byte {expected}, not {sent}: send the part from {expected}")
{
    public long Expected { get; } = expected;
}
