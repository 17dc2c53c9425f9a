using System.Globalization;

namespace Hark.Cli;

/// <summary>How the CLI prints and parses sizes, durations and times.</summary>
internal static class Formatting
{
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F2} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F1} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        _ => $"{bytes} B",
    };

    public static string Duration(double seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:D2}:{span.Seconds:D2}.{span.Milliseconds:D3}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes:D2}:{span.Seconds:D2}.{span.Milliseconds:D3}");
    }

    /// <summary>"160k", "160000", "1.5M" as bits per second.</summary>
    public static int ParseBitRate(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        double factor = t.EndsWith('k') ? 1000 : t.EndsWith('m') ? 1_000_000 : 1;
        if (factor != 1)
        {
            t = t[..^1];
        }
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new UsageException($"'{text}' is not a bit rate (e.g. 160k)");
        }
        return (int)(value * factor);
    }

    /// <summary>"HH:MM:SS.fff", "MM:SS.fff" or plain seconds.</summary>
    public static double ParseTime(string text, string option)
    {
        var parts = text.Trim().Split(':');
        double seconds = 0;
        foreach (var part in parts)
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                throw new UsageException($"{option}: '{text}' is not a time (HH:MM:SS.fff or seconds)");
            }
            seconds = seconds * 60 + value;
        }
        return seconds;
    }

    public static DateTimeOffset ParseInstant(string text, string option) =>
        UtcText.TryParse(text, out var value)
            ? value
            : throw new UsageException($"{option}: '{text}' is not an ISO-8601 time");
}
