using System.Globalization;
using Hark.Engine.Segments;

namespace Hark.Cli.Commands;

/// <summary>One clip of a <see cref="ClipList"/>: samples [Start, Start + Count), written as Name plus the format's extension.</summary>
internal sealed record Clip(int Line, string Name, long Start, long Count);

/// <summary>
/// The clips file of <c>hark segment ID --list FILE</c>: CSV, one clip a line; blank lines and lines starting with
/// <c>#</c> are skipped. An optional header names the columns, in any order: <c>start,duration</c> (times: seconds or
/// HH:MM:SS.fff) or <c>start_sample,count</c>, and optionally <c>name</c>. Without a header a line is
/// <c>START,DURATION[,NAME]</c>. Every line is checked against the recording before any clip is written, so a bad
/// line is refused with its number and nothing is left half done.
/// </summary>
internal static class ClipList
{
    private static readonly string[] Known = ["start", "duration", "start_sample", "count", "name"];

    public static IReadOnlyList<Clip> Read(string path, RecordingMetadata meta)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--list: no such file '{path}'");
        }
        var clips = new List<Clip>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        string[]? columns = null;
        int number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var fields = line.Split(',').Select(f => f.Trim()).ToArray();
            // A first line that does not start with a time or a number is the header.
            if (columns is null && clips.Count == 0 && !fields[0].All(c => char.IsAsciiDigit(c) || c is ':' or '.'))
            {
                columns = Header(fields, path, number);
                continue;
            }
            var clip = Parse(fields, columns ?? ["start", "duration", "name"], meta, clips.Count + 1, path, number);
            if (!names.Add(clip.Name))
            {
                throw new UsageException($"{path} line {number}: the name '{clip.Name}' is given twice");
            }
            clips.Add(clip);
        }
        if (clips.Count == 0)
        {
            throw new UsageException($"{path}: no clips in it");
        }
        return clips;
    }

    private static string[] Header(string[] fields, string path, int number)
    {
        var columns = fields.Select(f => f.ToLowerInvariant()).ToArray();
        foreach (var column in columns)
        {
            if (!Known.Contains(column))
            {
                throw new UsageException($"{path} line {number}: unknown column '{column}' (known: {string.Join(", ", Known)})");
            }
        }
        bool times = columns.Contains("start") && columns.Contains("duration");
        bool samples = columns.Contains("start_sample") && columns.Contains("count");
        if (times == samples)
        {
            throw new UsageException($"{path} line {number}: the columns must be start,duration or start_sample,count (and optionally name)");
        }
        return columns;
    }

    private static Clip Parse(string[] fields, string[] columns, RecordingMetadata meta, int index, string path, int number)
    {
        string? Field(string column)
        {
            int at = Array.IndexOf(columns, column);
            return at >= 0 && at < fields.Length && fields[at].Length > 0 ? fields[at] : null;
        }
        if (fields.Length > columns.Length)
        {
            throw new UsageException($"{path} line {number}: {fields.Length} fields, the columns are {string.Join(",", columns)}");
        }
        long start, count;
        try
        {
            if (columns.Contains("start_sample"))
            {
                start = Whole(Field("start_sample"), "start_sample");
                count = Whole(Field("count"), "count");
            }
            else
            {
                start = (long)Math.Round(Formatting.ParseTime(Field("start") ?? throw Missing("start"), "start") * meta.SampleRate);
                count = (long)Math.Round(Formatting.ParseTime(Field("duration") ?? throw Missing("duration"), "duration") * meta.SampleRate);
            }
            SegmentRange.Check(meta, start, count);
        }
        catch (Exception e) when (e is UsageException or SegmentRangeException)
        {
            throw new UsageException($"{path} line {number}: {e.Message}");
        }
        var name = Field("name") ?? string.Create(CultureInfo.InvariantCulture, $"{meta.Id}-{index:D5}");
        if (!RecordingId.IsValid(name))
        {
            throw new UsageException($"{path} line {number}: the name '{name}' is not a file name Hark writes (letters, digits and . _ -, 128 at most, not starting with . _ -)");
        }
        return new Clip(number, name, start, count);
    }

    private static long Whole(string? text, string column) =>
        long.TryParse(text ?? throw Missing(column), NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new UsageException($"{column} '{text}' is not a whole number of samples");

    private static UsageException Missing(string column) => new($"no {column}");
}
