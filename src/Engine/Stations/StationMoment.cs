namespace Hark.Engine.Stations;

/// <summary>
/// The recordings of a station that cover one moment, and the stretch of each from that moment on: what
/// <c>GET /segments?station=&amp;at=&amp;duration=</c> and <c>hark segment --station</c> read, one segment per
/// recording (recorders often overlap: two microphones at one site, a backup recorder).
/// </summary>
public static class StationMoment
{
    /// <summary>A recording's part in the answer: samples [<see cref="StartSample"/>, + <see cref="Count"/>).</summary>
    public sealed record Part(RecordingMetadata Recording, long StartSample, long Count);

    /// <summary>The complete recordings of <paramref name="station"/> holding the instant <paramref name="at"/>, each
    /// read for <paramref name="duration"/> or to its end, in start-time order.</summary>
    public static IReadOnlyList<Part> At(string station, DateTimeOffset at, TimeSpan duration, IEnumerable<RecordingMetadata> recordings)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentException("the duration must be positive");
        }
        var covering = new StationQuery(station, at, at + TimeSpan.FromTicks(1))
            .Apply(recordings.Where(r => r.State == RecordingPhase.Complete));
        var parts = new List<Part>();
        foreach (var recording in covering)
        {
            long start = Math.Max(0, StationTimeline.ToSamples(at - recording.StartTime!.Value, recording.SampleRate));
            long count = Math.Min(StationTimeline.ToSamples(duration, recording.SampleRate), recording.TotalSamples - start);
            if (count > 0)
            {
                parts.Add(new Part(recording, start, count));
            }
        }
        return parts;
    }
}
