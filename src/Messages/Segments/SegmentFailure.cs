namespace Hark.Messages;

public enum SegmentFailure : byte
{
    /// <summary>Negative start, zero count, or past the end.</summary>
    Range = 0,
    /// <summary>No complete recording with that id.</summary>
    NotFound = 1,
    /// <summary>Anything else (corrupt data, storage error).</summary>
    Error = 2,
    /// <summary>The archive's storage cannot be reached right now: ask again later.</summary>
    Unavailable = 3,
    /// <summary>The recording's stored data is damaged (a chunk fails its checksum, an array is missing).</summary>
    Damaged = 4,
}
