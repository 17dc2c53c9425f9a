using System.Globalization;
using System.Text.Json;

namespace Hark.Media.Probe;

/// <summary>The few fields of ffprobe's JSON (-show_format -show_streams) that Hark uses.</summary>
internal sealed class FfprobeReport
{
    public required string FormatName { get; init; }
    public required double? FormatDuration { get; init; }
    public required IReadOnlyDictionary<string, string> FormatTags { get; init; }
    public required IReadOnlyList<FfprobeStream> Streams { get; init; }

    public static FfprobeReport Parse(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        var streams = new List<FfprobeStream>();
        if (root.TryGetProperty("streams", out var streamArray) && streamArray.ValueKind == JsonValueKind.Array)
        {
            foreach (var stream in streamArray.EnumerateArray())
            {
                streams.Add(FfprobeStream.From(stream));
            }
        }
        var format = root.TryGetProperty("format", out var f) ? f : default;
        return new FfprobeReport
        {
            FormatName = String(format, "format_name") ?? "unknown",
            FormatDuration = Double(format, "duration"),
            FormatTags = Tags(format),
            Streams = streams,
        };
    }

    internal static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    internal static long? Long(JsonElement element, string name) =>
        long.TryParse(String(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    internal static double? Double(JsonElement element, string name) =>
        double.TryParse(String(element, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Tags with lower-case keys: containers differ in case (ICMT vs comment, CREATION_TIME).</summary>
    internal static Dictionary<string, string> Tags(JsonElement element)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in t.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    tags[property.Name] = property.Value.GetString()!;
                }
            }
        }
        return tags;
    }
}

internal sealed record FfprobeStream(
    string CodecType,
    string CodecName,
    int SampleRate,
    int Channels,
    string? ChannelLayout,
    string SampleFormat,
    int? BitsPerRawSample,
    int? BitsPerSample,
    string? TimeBase,
    long? DurationTs,
    double? Duration,
    IReadOnlyDictionary<string, string> Tags)
{
    public static FfprobeStream From(JsonElement s) => new(
        FfprobeReport.String(s, "codec_type") ?? "",
        FfprobeReport.String(s, "codec_name") ?? "unknown",
        (int)(FfprobeReport.Long(s, "sample_rate") ?? 0),
        (int)(FfprobeReport.Long(s, "channels") ?? 0),
        FfprobeReport.String(s, "channel_layout"),
        FfprobeReport.String(s, "sample_fmt") ?? "unknown",
        Positive(FfprobeReport.Long(s, "bits_per_raw_sample")),
        Positive(FfprobeReport.Long(s, "bits_per_sample")),
        FfprobeReport.String(s, "time_base"),
        FfprobeReport.Long(s, "duration_ts"),
        FfprobeReport.Double(s, "duration"),
        FfprobeReport.Tags(s));

    private static int? Positive(long? value) => value is > 0 and <= 64 ? (int)value : null;
}
