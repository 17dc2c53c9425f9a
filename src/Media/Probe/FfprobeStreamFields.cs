using System.Globalization;
using System.Text.Json;
using FFMpegCore;

namespace Hark.Media.Probe;

/// <summary>
/// The stream fields Hark needs that FFMpegCore has no property for (sample_fmt, time_base, duration_ts: the last
/// two give exact sample counts), read from the JSON it keeps aside in <see cref="FFProbeStream.ExtensionData"/>,
/// and the numbers it keeps as text.
/// </summary>
internal static class FfprobeStreamFields
{
    public static string? Text(FFProbeStream stream, string field) =>
        stream.ExtensionData.TryGetValue(field, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    public static long? Integer(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static double? Seconds(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A bit count ffprobe gives as 0 or leaves out when unknown.</summary>
    public static int? Bits(long? value) => value is > 0 and <= 64 ? (int)value : null;
}
