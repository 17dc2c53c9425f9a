namespace Hark.Contracts;

/// <summary>Batch ids follow the recording id rule (they name an archive key too).</summary>
public static class BatchId
{
    public static string Validate(string? id) => RecordingId.IsValid(id) ? id! : throw new InvalidRecordingIdException(id);

    /// <summary>A new id: the UTC time and a random suffix, so ids sort by creation.</summary>
    public static string New() => $"batch-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..3])}";
}
