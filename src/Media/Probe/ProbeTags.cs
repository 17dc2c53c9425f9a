namespace Hark.Media.Probe;

/// <summary>A source's metadata tags: the container's first, then the audio stream's (Ogg and FLAC keep them there).</summary>
internal sealed class ProbeTags(IReadOnlyDictionary<string, string>? format, IReadOnlyDictionary<string, string>? stream)
{
    public string? Find(string key) =>
        format is not null && format.TryGetValue(key, out var value) ? value
        : stream is not null && stream.TryGetValue(key, out var fromStream) ? fromStream
        : null;
}
