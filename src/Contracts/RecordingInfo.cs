using System.Text.Json.Serialization;

namespace Hark.Contracts;

/// <summary>
/// A complete recording's metadata with what it takes in the archive: `hark info` prints it and GET
/// /recordings/{id}/info answers it. In JSON the metadata's fields and the sizes sit side by side in one object.
/// </summary>
[JsonConverter(typeof(RecordingInfoJsonConverter))]
public sealed record RecordingInfo(RecordingMetadata Metadata, long IndexBytes, long AudioBytes)
{
    public double DurationSeconds => Metadata.DurationSeconds;

    /// <summary>Index bytes per audio byte (the design keeps it under 1 %).</summary>
    public double IndexRatio => IndexBytes / (double)Math.Max(1, AudioBytes);

    /// <summary>How many times smaller than the same samples as PCM at the source's depth (16-bit when unknown).</summary>
    public double RatioToPcm => Metadata.PcmBytes / (double)Math.Max(1, AudioBytes);
}
