using System.Globalization;
using System.Text.RegularExpressions;

namespace Hark.Media.Probe;

/// <summary>
/// Parses recording start times from the places recorders put them. Times without a zone are taken as UTC:
/// BWF has no zone field, and guessing the machine's zone would make imports depend on where they run.
/// </summary>
public static partial class StartTimeParsers
{
    /// <summary>BWF bext origination date (yyyy-mm-dd, any separator) and time (hh:mm:ss, any separator).</summary>
    public static DateTimeOffset? FromBext(string? date, string? time)
    {
        if (date is null || time is null)
        {
            return null;
        }
        var d = BextDate().Match(date.Trim());
        var t = BextTime().Match(time.Trim());
        if (!d.Success || !t.Success)
        {
            return null;
        }
        return Build(Int(d, 1), Int(d, 2), Int(d, 3), Int(t, 1), Int(t, 2), Int(t, 3), TimeSpan.Zero);
    }

    /// <summary>ISO 8601 creation_time as ffmpeg prints it ("2024-05-01T10:00:00.000000Z").</summary>
    public static DateTimeOffset? FromIso8601(string? value)
    {
        // A date must be there: .NET would otherwise fill in today for a bare time.
        if (string.IsNullOrWhiteSpace(value) || !IsoDate().IsMatch(value.Trim())
            || !DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return null;
        }
        // A zero date is what some muxers write when they know nothing.
        return parsed.Year < 1900 ? null : parsed.ToUniversalTime();
    }

    /// <summary>AudioMoth's comment: "Recorded at 12:34:56 01/05/2024 (UTC+1) by AudioMoth ...".</summary>
    public static DateTimeOffset? FromAudioMothComment(string? comment)
    {
        if (comment is null)
        {
            return null;
        }
        var m = AudioMoth().Match(comment);
        if (!m.Success)
        {
            return null;
        }
        var offset = TimeSpan.Zero;
        if (m.Groups[7].Success)
        {
            int sign = m.Groups[7].Value == "-" ? -1 : 1;
            int hours = int.Parse(m.Groups[8].Value, CultureInfo.InvariantCulture);
            int minutes = m.Groups[9].Success ? int.Parse(m.Groups[9].Value, CultureInfo.InvariantCulture) : 0;
            offset = sign * new TimeSpan(hours, minutes, 0);
        }
        return Build(Int(m, 6), Int(m, 5), Int(m, 4), Int(m, 1), Int(m, 2), Int(m, 3), offset);
    }

    /// <summary>The "Timestamp:" line of a GUANO block (ISO 8601, zone optional).</summary>
    public static DateTimeOffset? FromGuano(string? guano)
    {
        if (guano is null)
        {
            return null;
        }
        foreach (var line in guano.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("Timestamp:", StringComparison.Ordinal))
            {
                return FromIso8601(trimmed["Timestamp:".Length..]);
            }
        }
        return null;
    }

    /// <summary>
    /// A timestamp in a recorder's file name, in UTC: <c>20260530_041200</c> (AudioMoth, Song Meter
    /// <c>SITE_20260530_041200.wav</c>), <c>20260530T041200</c>, or <c>2026-05-30T04-12-00</c> (any of - : . between
    /// the time's fields, T, _ or a space before it). Digits running on either side are no timestamp.
    /// </summary>
    public static DateTimeOffset? FromFileName(string? fileName)
    {
        if (fileName is null)
        {
            return null;
        }
        var name = Path.GetFileNameWithoutExtension(fileName);
        var m = CompactStamp().Match(name);
        if (!m.Success)
        {
            m = DashedStamp().Match(name);
        }
        return m.Success ? Build(Int(m, 1), Int(m, 2), Int(m, 3), Int(m, 4), Int(m, 5), Int(m, 6), TimeSpan.Zero) : null;
    }

    private static DateTimeOffset? Build(int year, int month, int day, int hour, int minute, int second, TimeSpan offset)
    {
        if (year is < 1900 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60 || offset.Duration() > TimeSpan.FromHours(14))
        {
            return null;
        }
        // A leap second is folded into the next minute's first second.
        var local = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static int Int(Match m, int group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(\d{4})\D(\d{1,2})\D(\d{1,2})")]
    private static partial Regex BextDate();

    /// <summary>A time with no date: how ffmpeg's WAV demuxer reports bext origination_time (as creation_time).</summary>
    [GeneratedRegex(@"^\d{1,2}\D\d{1,2}\D\d{1,2}$")]
    internal static partial Regex BareTime();

    [GeneratedRegex(@"^(\d{1,2})\D(\d{1,2})\D(\d{1,2})")]
    private static partial Regex BextTime();

    [GeneratedRegex(@"(?<!\d)(\d{4})(\d{2})(\d{2})[_T-](\d{2})(\d{2})(\d{2})(?!\d)")]
    private static partial Regex CompactStamp();

    [GeneratedRegex(@"(?<!\d)(\d{4})-(\d{2})-(\d{2})[T_ ](\d{2})[-:.](\d{2})[-:.](\d{2})(?!\d)")]
    private static partial Regex DashedStamp();

    [GeneratedRegex(@"Recorded at (\d{1,2}):(\d{2}):(\d{2}) (\d{1,2})/(\d{1,2})/(\d{4}) \(UTC(?:([+-])(\d{1,2})(?::?(\d{2}))?)?\)")]
    private static partial Regex AudioMoth();
}
