using System.Text.RegularExpressions;
using Hark.Engine.Import;

namespace Hark.Engine.Batches;

/// <summary>
/// A batch's source list made concrete: each entry a file, a directory (the audio files in it, not descending) or a
/// glob in its last part (<c>/cards/*.wav</c>); each file a recording whose id comes from its file name. Two files
/// with one name (from two cards) get the folder's name in front, so the ids stay the same on every rerun.
/// </summary>
public static class BatchSources
{
    /// <summary>What a directory contributes: files ffmpeg is likely to read as audio.</summary>
    public static readonly IReadOnlySet<string> AudioExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".wav", ".w64", ".rf64", ".bwf", ".flac", ".mp3", ".ogg", ".opus", ".oga", ".m4a", ".mp4", ".aac", ".mka", ".mkv",
        ".webm", ".aif", ".aiff", ".caf", ".wv",
    };

    public static IReadOnlyList<BatchItem> Expand(IEnumerable<string> entries)
    {
        var files = new List<string>();
        foreach (var entry in entries)
        {
            files.AddRange(FilesOf(entry));
        }
        var distinct = files.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            throw new FileNotFoundException("the batch names no audio file");
        }
        if (distinct.Count > BatchRequest.MaxSources)
        {
            throw new ImportRefusedException($"a batch holds at most {BatchRequest.MaxSources} sources, not {distinct.Count}");
        }
        return AssignIds(distinct);
    }

    private static IEnumerable<string> FilesOf(string entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            throw new ImportRefusedException("a batch source is empty");
        }
        if (Hark.Engine.Import.Sources.RemoteSource.IsRemote(entry))
        {
            // A blob or an upload, made concrete already (SourceFiles.ExpandAsync).
            return [entry];
        }
        var full = Path.GetFullPath(entry);
        if (Directory.Exists(full))
        {
            return Directory.EnumerateFiles(full).Where(f => IsAudio(Path.GetFileName(f)))
                .Order(StringComparer.Ordinal);
        }
        var name = Path.GetFileName(full);
        if (name.IndexOfAny(['*', '?']) >= 0)
        {
            var folder = Path.GetDirectoryName(full)!;
            if (!Directory.Exists(folder))
            {
                throw new FileNotFoundException($"{entry}: no such folder");
            }
            var matches = Directory.EnumerateFiles(folder).Where(f => Matches(name, Path.GetFileName(f))).Order(StringComparer.Ordinal).ToList();
            return matches.Count > 0 ? matches : throw new FileNotFoundException($"{entry}: matches no file");
        }
        return File.Exists(full) ? [full] : throw new FileNotFoundException($"{entry}: no such file or folder");
    }

    /// <summary>Whether a file name matches a glob of <c>*</c> and <c>?</c>.</summary>
    public static bool Matches(string glob, string name) =>
        Regex.IsMatch(name, "^" + Regex.Escape(glob).Replace("\\*", ".*").Replace("\\?", ".") + "\\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static bool IsAudio(string name) => AudioExtensions.Contains(Path.GetExtension(name)) && !name.StartsWith('.');

    private static List<BatchItem> AssignIds(IReadOnlyList<string> files)
    {
        var byName = files.GroupBy(f => RecordingId.FromName(Path.GetFileName(f))).ToDictionary(g => g.Key, g => g.Count());
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<BatchItem>(files.Count);
        foreach (var file in files)
        {
            var id = RecordingId.FromName(Path.GetFileName(file));
            if (byName[id] > 1)
            {
                var folder = Path.GetFileName(Path.GetDirectoryName(file)) ?? "";
                id = RecordingId.FromName($"{folder}-{Path.GetFileName(file)}");
            }
            var unique = id;
            for (int n = 2; !taken.Add(unique); n++)
            {
                unique = $"{id}-{n}";
            }
            items.Add(new BatchItem { Source = file, RecordingId = unique });
        }
        return items;
    }
}
