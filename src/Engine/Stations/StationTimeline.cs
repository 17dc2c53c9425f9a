using System.Globalization;

namespace Hark.Engine.Stations;

/// <summary>
/// Lays a station's recordings on one timeline over [from, to): each recording where its start time puts it (to the
/// nearest sample), gaps between them silent. Overlaps: the recording that started first keeps the overlapping
/// stretch, the later one joins where the earlier ends (a recorder's own recording is never cut by a later copy).
/// All recordings must share rate, channels, codec (and a lossless one's depth): a continuous file cannot change them mid-way.
/// </summary>
public sealed class StationTimeline
{
    private StationTimeline(string station, DateTimeOffset from, long totalSamples, int sampleRate, int channels, AudioCodec codec, IReadOnlyList<TimelinePiece> pieces)
    {
        Station = station;
        From = from;
        TotalSamples = totalSamples;
        SampleRate = sampleRate;
        Channels = channels;
        Codec = codec;
        Pieces = pieces;
    }

    public string Station { get; }
    public DateTimeOffset From { get; }
    public long TotalSamples { get; }
    public int SampleRate { get; }
    public int Channels { get; }
    public AudioCodec Codec { get; }
    public IReadOnlyList<TimelinePiece> Pieces { get; }

    public IEnumerable<TimelinePiece> Gaps => Pieces.Where(p => p.IsGap);

    /// <param name="recordings">The station's complete recordings overlapping the range, in any order.</param>
    public static StationTimeline Build(string station, DateTimeOffset from, DateTimeOffset to, IEnumerable<RecordingMetadata> recordings)
    {
        if (to <= from)
        {
            throw new ArgumentException($"the range ends ({to:O}) before it starts ({from:O})");
        }
        var placed = new StationQuery(station, from, to).Apply(recordings.Where(r => r.State == RecordingPhase.Complete));
        if (placed.Count == 0)
        {
            throw new StationEmptyException(station, from, to);
        }
        var first = placed[0];
        foreach (var other in placed.Skip(1))
        {
            if (other.SampleRate != first.SampleRate || other.Channels != first.Channels || other.Codec != first.Codec || other.BitDepth != first.BitDepth)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"station {station}: {first.Id} is {Describe(first)} but {other.Id} is {Describe(other)}; one file cannot hold both (export a narrower range)"));
            }
        }
        int rate = first.SampleRate;
        long total = ToSamples(to - from, rate);
        var pieces = new List<TimelinePiece>();
        long cursor = 0;
        foreach (var recording in placed)
        {
            long start = ToSamples(recording.StartTime!.Value - from, rate);
            long begin = Math.Max(start, cursor);
            long end = Math.Min(start + recording.TotalSamples, total);
            if (end <= begin)
            {
                continue; // wholly inside an earlier recording, or past the range
            }
            if (begin > cursor)
            {
                pieces.Add(new TimelinePiece(null, 0, begin - cursor, cursor));
            }
            pieces.Add(new TimelinePiece(recording, begin - start, end - begin, begin));
            cursor = end;
        }
        if (cursor < total)
        {
            pieces.Add(new TimelinePiece(null, 0, total - cursor, cursor));
        }
        return new StationTimeline(station, from, total, rate, first.Channels, first.Codec, pieces);
    }

    /// <summary>The gaps as "START +SECONDS s; ...": what the command prints, the m4a's udta and the HTTP header carry.</summary>
    public string GapList => string.Join("; ", Gaps.Select(g =>
        string.Create(CultureInfo.InvariantCulture, $"{UtcText.Of(TimeAt(g.TimelineStart))} +{(double)g.Count / SampleRate:0.000} s")));

    /// <summary>The instant of a timeline position.</summary>
    public DateTimeOffset TimeAt(long sample) => From + StationQuery.SamplesToTime(sample, SampleRate);

    /// <summary>A time span in samples, to the nearest sample (negative before the timeline's start).</summary>
    public static long ToSamples(TimeSpan span, int sampleRate) =>
        (long)Math.Round((decimal)span.Ticks * sampleRate / TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero);

    private static string Describe(RecordingMetadata m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.Codec.Name()} {m.SampleRate} Hz {m.Channels} ch{(m.BitDepth is { } bits ? $" {bits}-bit" : "")}");
}
