using System.Globalization;
using Hark.Engine.Segments;

namespace Hark.Node.Api;

/// <summary>Parses the segment and export routes' queries, so a bad value is a 400 naming the parameter.</summary>
public static class SegmentQuery
{
    public static long Sample(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ApiInputException($"query parameter \"{name}\" is required (samples per channel)");
        }
        return Parse(text, name);
    }

    /// <summary>A sample position that may be left out (null); a negative one is the range check's to refuse.</summary>
    public static long? OptionalSample(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? null : Parse(text, name);

    public static SegmentFormat Format(string? text) => text?.ToLowerInvariant() switch
    {
        null or "" or "wav" => SegmentFormat.Wav,
        "f32" => SegmentFormat.F32,
        "s16" => SegmentFormat.S16,
        _ => throw new ApiInputException($"query parameter \"format\" must be wav, f32 or s16, not \"{text}\""),
    };

    private static long Parse(string text, string name) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new ApiInputException($"query parameter \"{name}\" must be a whole number of samples, not \"{text}\"");
}
