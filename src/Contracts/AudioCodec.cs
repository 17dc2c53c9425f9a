using System.Text.Json.Serialization;

namespace Hark.Contracts;

/// <summary>How a recording's audio is stored. The names ("aac", "lac", "opus") are the ones in the archive, the API and the CLI.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AudioCodec>))]
public enum AudioCodec : byte
{
    /// <summary>AAC-LC through libavcodec: lossy, compact, every read bit-identical to a sequential decode.</summary>
    [JsonStringEnumMemberName("aac")] Aac = 1,
    /// <summary>Hark's lossless codec.</summary>
    [JsonStringEnumMemberName("lac")] Lac = 2,
    /// <summary>Opus through libopus at 48 kHz: lossy, smaller than AAC; reads are close to, not bit-identical with, a sequential decode.</summary>
    [JsonStringEnumMemberName("opus")] Opus = 3,
}
