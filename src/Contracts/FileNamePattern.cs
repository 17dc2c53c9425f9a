using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Hark.Contracts;

/// <summary>
/// How a recorder names its files, e.g. <c>{station}_{yyyy}{MM}{dd}_{HH}{mm}{ss}</c> for <c>SITE4_20260530_041200.wav</c>:
/// the recording's start time (UTC) and station read from the name (without its extension). Fields: <c>{yyyy}</c>
/// <c>{MM}</c> <c>{dd}</c> <c>{HH}</c> <c>{mm}</c> <c>{ss}</c> (digits), <c>{station}</c> (a station name), <c>{*}</c>
/// (anything); every other character stands for itself. docs/batches.md.
/// </summary>
public sealed partial class FileNamePattern
{
    private static readonly string[] DateFields = ["yyyy", "MM", "dd", "HH", "mm", "ss"];

    private readonly Regex _regex;

    private FileNamePattern(string text, Regex regex)
    {
        Text = text;
        _regex = regex;
    }

    public string Text { get; }

    /// <summary>The pattern, or <see cref="ArgumentException"/> saying what is wrong with it.</summary>
    public static FileNamePattern Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            throw new ArgumentException("a file name pattern is 1-200 characters, e.g. {station}_{yyyy}{MM}{dd}_{HH}{mm}{ss}");
        }
        var regex = new StringBuilder("^");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int at = 0;
        foreach (Match field in Field().Matches(text))
        {
            regex.Append(Regex.Escape(Literal(text[at..field.Index])));
            var name = field.Groups[1].Value;
            if (name != "*" && !seen.Add(name))
            {
                throw new ArgumentException($"the file name pattern names {{{name}}} twice");
            }
            regex.Append(name switch
            {
                "yyyy" => "(?<yyyy>\\d{4})",
                "MM" or "dd" or "HH" or "mm" or "ss" => $"(?<{name}>\\d{{2}})",
                "station" => "(?<station>[A-Za-z0-9][A-Za-z0-9._-]{0,63}?)",
                "*" => ".*?",
                _ => throw new ArgumentException($"unknown field {{{name}}} in the file name pattern (use {{station}}, {{yyyy}}, {{MM}}, {{dd}}, {{HH}}, {{mm}}, {{ss}}, {{*}})"),
            });
            at = field.Index + field.Length;
        }
        regex.Append(Regex.Escape(Literal(text[at..]))).Append("\\z");
        if (seen.Overlaps(DateFields) && !DateFields.Take(3).All(seen.Contains))
        {
            throw new ArgumentException("a file name pattern with a time names the whole date: {yyyy}, {MM} and {dd}");
        }
        if (seen.Count == 0)
        {
            throw new ArgumentException("a file name pattern names {station} or a date ({yyyy}{MM}{dd}), or there is nothing to read");
        }
        return new FileNamePattern(text, new Regex(regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)));
    }

    /// <summary>What the name says: a start time when it holds a valid date (and time), a station when it holds one.</summary>
    public (DateTimeOffset? Start, string? Station) Read(string fileName)
    {
        var match = _regex.Match(Path.GetFileNameWithoutExtension(fileName));
        if (!match.Success)
        {
            return (null, null);
        }
        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        DateTimeOffset? start = null;
        if (match.Groups["yyyy"].Success && DateTime.TryParseExact(
                string.Create(CultureInfo.InvariantCulture, $"{Part("yyyy"):0000}{Part("MM"):00}{Part("dd"):00}{Part("HH"):00}{Part("mm"):00}{Part("ss"):00}"),
                "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
        {
            start = new DateTimeOffset(utc, TimeSpan.Zero);
        }
        var station = match.Groups["station"].Success && StationName.IsValid(match.Groups["station"].Value) ? match.Groups["station"].Value : null;
        return (start, station);
    }

    public override string ToString() => Text;

    private static string Literal(string text) =>
        text.Contains('{') || text.Contains('}') ? throw new ArgumentException("a '{' or '}' in the file name pattern is not part of a field") : text;

    [GeneratedRegex(@"\{([A-Za-z]+|\*)\}")]
    private static partial Regex Field();
}
