using System.Globalization;
using Hark.Node.Api;

namespace Hark.Node.Spectrograms;

/// <summary>
/// GET /recordings/{id}/spectrogram.png's query: seconds from the recording's start, seconds shown, and the image's
/// size in pixels, bounded so one tile's cost is bounded whatever is asked. A bad value is a 400 naming it.
/// </summary>
public sealed record SpectrogramTileQuery(double Start, double? Duration, int Width, int Height)
{
    public const int MinSize = 16;
    public const int MaxWidth = 2048;
    public const int MaxHeight = 512;
    public const int DefaultWidth = 1024;
    public const int DefaultHeight = 128;

    public static SpectrogramTileQuery Parse(string? start, string? duration, string? width, string? height) => new(
        Seconds(start, "start") ?? 0,
        Seconds(duration, "duration") is { } d && d <= 0 ? throw new ApiInputException("query parameter \"duration\" must be more than 0 s") : Seconds(duration, "duration"),
        Pixels(width, "width", MaxWidth) ?? DefaultWidth,
        Pixels(height, "height", MaxHeight) ?? DefaultHeight);

    /// <summary>Samples [first, first + count) of <paramref name="recording"/> this tile shows; the duration is cut at the end.</summary>
    public (long First, long Count) SamplesOf(RecordingMetadata recording)
    {
        long first = (long)Math.Round(Start * recording.SampleRate);
        if (first >= recording.TotalSamples)
        {
            throw new ApiInputException(FormattableString.Invariant(
                $"start {Start} s is past the end of '{recording.Id}' ({recording.DurationSeconds:0.###} s)"));
        }
        long count = Duration is { } seconds ? (long)Math.Round(seconds * recording.SampleRate) : recording.TotalSamples - first;
        return (first, Math.Clamp(count, 1, recording.TotalSamples - first));
    }

    /// <summary>The query as a cache key and ETag part: the same tile of the same recording is the same string.</summary>
    public string Key(RecordingMetadata recording) => FormattableString.Invariant(
        $"{recording.Id}|{recording.Created.UtcTicks}|{recording.TotalSamples}|{Start:R}|{Duration:R}|{Width}|{Height}");

    private static double? Seconds(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new ApiInputException($"query parameter \"{name}\" must be a number of seconds ≥ 0, not \"{PrintableText.Of(text)}\"");
    }

    private static int? Pixels(string? text, string name, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value is >= MinSize && value <= max
            ? value
            : throw new ApiInputException($"query parameter \"{name}\" must be a whole number of pixels from {MinSize} to {max}, not \"{PrintableText.Of(text)}\"");
    }
}
