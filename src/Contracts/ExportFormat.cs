using System.Text.Json.Serialization;

namespace Hark.Contracts;

/// <summary>What a whole recording (or a stretch of it) is written as for other programs to open.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExportFormat>))]
public enum ExportFormat : byte
{
    /// <summary>The stored AAC frames in ADTS headers, no re-encoding (AAC recordings only).</summary>
    [JsonStringEnumMemberName("adts")] Adts = 1,
    /// <summary>A WAV file, as a segment read writes it.</summary>
    [JsonStringEnumMemberName("wav")] Wav = 2,
    /// <summary>The stored AAC frames in an MP4 (M4A) file with an edit list, no re-encoding (AAC recordings only).</summary>
    [JsonStringEnumMemberName("m4a")] M4a = 3,
}
