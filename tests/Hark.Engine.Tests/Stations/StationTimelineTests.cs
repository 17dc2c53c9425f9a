using Hark.Engine.Stations;

namespace Hark.Engine.Tests.Stations;

public sealed class StationTimelineTests
{
    private static readonly DateTimeOffset Ten = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private static RecordingMetadata Recording(string id, double startSeconds, double seconds, string station = "s1", int rate = 1000,
        AudioCodec codec = AudioCodec.Aac) => new()
    {
        Id = id,
        Codec = codec,
        SampleRate = rate,
        Channels = 1,
        TotalSamples = (long)(seconds * rate),
        StartTime = Ten.AddSeconds(startSeconds),
        Station = station,
        State = RecordingPhase.Complete,
    };

    [Fact]
    public void Recordings_sit_at_their_start_times_with_gaps_between_them()
    {
        var timeline = StationTimeline.Build("s1", Ten.AddSeconds(-2), Ten.AddSeconds(30),
            [Recording("b", 15.5, 8), Recording("a", 0, 10), Recording("elsewhere", 0, 30, station: "s2")]);

        Assert.Equal(32_000, timeline.TotalSamples);
        Assert.Equal(
            [(null, 0, 2000, 0), ("a", 0, 10_000, 2000), (null, 0, 5500, 12_000), ("b", 0, 8000, 17_500), (null, 0, 6500, 25_500)],
            timeline.Pieces.Select(p => (p.Recording?.Id, p.RecordingStart, p.Count, p.TimelineStart)));
        Assert.Equal(14_000, timeline.Gaps.Sum(g => g.Count));
    }

    [Fact]
    public void An_overlap_goes_to_the_recording_that_started_first_and_the_range_clips_both_ends()
    {
        var timeline = StationTimeline.Build("s1", Ten.AddSeconds(3), Ten.AddSeconds(12),
            [Recording("a", 0, 10), Recording("b", 8, 6), Recording("inside", 4, 2)]);

        Assert.Equal(
            [("a", 3000, 7000, 0), ("b", 2000, 2000, 7000)],
            timeline.Pieces.Select(p => (p.Recording?.Id, p.RecordingStart, p.Count, p.TimelineStart)));
    }

    [Fact]
    public void Recordings_of_different_rates_or_codecs_cannot_share_a_file()
    {
        var rates = Assert.Throws<ArgumentException>(() => StationTimeline.Build("s1", Ten, Ten.AddSeconds(20),
            [Recording("a", 0, 5), Recording("b", 6, 5, rate: 2000)]));
        Assert.Equal("station s1: a is aac 1000 Hz 1 ch but b is aac 2000 Hz 1 ch; one file cannot hold both (export a narrower range)", rates.Message);
        Assert.Throws<ArgumentException>(() => StationTimeline.Build("s1", Ten, Ten.AddSeconds(20),
            [Recording("a", 0, 5), Recording("b", 6, 5, codec: AudioCodec.Lac) with { BitDepth = 16 }]));
    }

    [Fact]
    public void A_range_without_recordings_and_recordings_without_a_start_time_are_not_placed()
    {
        var empty = Assert.Throws<StationEmptyException>(() => StationTimeline.Build("s1", Ten.AddHours(1), Ten.AddHours(2),
            [Recording("a", 0, 10), Recording("unplaced", 0, 10) with { StartTime = null }]));
        Assert.Equal("station s1 has no complete recording between 2026-05-01T11:00:00.000Z and 2026-05-01T12:00:00.000Z", empty.Message);
        Assert.Throws<ArgumentException>(() => StationTimeline.Build("s1", Ten, Ten, [Recording("a", 0, 10)]));
    }

    [Fact]
    public void Sample_positions_are_exact_to_the_tick_for_long_spans()
    {
        // 40 days at 48 kHz: a double of seconds would be off by samples; ticks are not.
        long samples = StationTimeline.ToSamples(TimeSpan.FromDays(40) + TimeSpan.FromTicks(208_333), 48_000);
        Assert.Equal(40L * 86_400 * 48_000 + 1000, samples);
        Assert.Equal(TimeSpan.FromDays(40), StationQuery.SamplesToTime(40L * 86_400 * 48_000, 48_000));
    }
}
