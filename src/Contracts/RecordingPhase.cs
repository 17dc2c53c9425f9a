using System.Text.Json.Serialization;

namespace Hark.Contracts;

/// <summary>
/// Where a recording is in its life, one enum for the archive ("state" in its metadata), the wire and the API. Only
/// <see cref="Complete"/> recordings are readable. <see cref="Unknown"/> is never stored: it answers for an id the
/// archive has never seen.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecordingPhase>))]
public enum RecordingPhase : byte
{
    [JsonStringEnumMemberName("unknown")] Unknown = 0,
    [JsonStringEnumMemberName("importing")] Importing = 1,
    [JsonStringEnumMemberName("complete")] Complete = 2,
    [JsonStringEnumMemberName("failed")] Failed = 3,
}

public static class RecordingPhases
{
    /// <summary>"complete", "importing": as the archive, the API and `hark ls` print it.</summary>
    public static string Name(this RecordingPhase phase) => phase switch
    {
        RecordingPhase.Importing => "importing",
        RecordingPhase.Complete => "complete",
        RecordingPhase.Failed => "failed",
        _ => "unknown",
    };
}
