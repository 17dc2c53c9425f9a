namespace Hark.Contracts;

/// <summary>
/// Which recordings a station query means: those of <see cref="Station"/> (any station when null) that overlap
/// [<see cref="From"/>, <see cref="To"/>) (either end open when null). A time bound leaves out recordings without a
/// start time, which cannot be placed on the clock. Results are in start-time order, then by id.
/// </summary>
public sealed record StationQuery(string? Station, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public bool HasTimeRange => From is not null || To is not null;

    /// <summary>Throws <see cref="ArgumentException"/> for a range that ends before it starts or a bad station name.</summary>
    public StationQuery Validated()
    {
        if (Station is not null)
        {
            StationName.Validate(Station);
        }
        if (From is { } from && To is { } to && to <= from)
        {
            throw new ArgumentException($"the range ends ({to:O}) before it starts ({from:O})");
        }
        return this;
    }

    public bool Matches(RecordingMetadata recording)
    {
        if (Station is not null && recording.Station != Station)
        {
            return false;
        }
        if (!HasTimeRange)
        {
            return true;
        }
        if (recording.StartTime is not { } start)
        {
            return false;
        }
        return (To is null || start < To) && (From is null || EndOf(recording)!.Value > From);
    }

    public IReadOnlyList<RecordingMetadata> Apply(IEnumerable<RecordingMetadata> recordings) =>
        [.. recordings.Where(Matches).OrderBy(r => r.StartTime ?? DateTimeOffset.MaxValue).ThenBy(r => r.Id, StringComparer.Ordinal)];

    /// <summary>The instant just after the recording's last sample; null without a start time.</summary>
    public static DateTimeOffset? EndOf(RecordingMetadata recording) =>
        recording.StartTime is { } start && recording.SampleRate > 0
            ? start + SamplesToTime(recording.TotalSamples, recording.SampleRate)
            : null;

    /// <summary>Samples as time, to the tick (100 ns), without the rounding of a double for multi-day recordings.</summary>
    public static TimeSpan SamplesToTime(long samples, int sampleRate) =>
        TimeSpan.FromTicks((long)((Int128)samples * TimeSpan.TicksPerSecond / sampleRate));
}
