using System.Globalization;
using Hark.Engine.Segments;

namespace Hark.Node.Api;

/// <summary>Parses the segment route's query, so a bad value is a 400 naming the parameter.</summary>
public static class SegmentQuery
{
    public static long Sample(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ApiInputException($"query parameter \"{name}\" is required (samples per channel)");
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
        {
            throw new ApiInputException($"query parameter \"{name}\" must be a non-negative whole number, not \"{text}\"");
        }
        return value;
    }

    public static SegmentFormat Format(string? text) => text?.ToLowerInvariant() switch
    {
        null or "" or "wav" => SegmentFormat.Wav,
        "f32" => SegmentFormat.F32,
        "s16" => SegmentFormat.S16,
        _ => throw new ApiInputException($"query parameter \"format\" must be wav, f32 or s16, not \"{text}\""),
    };
}
