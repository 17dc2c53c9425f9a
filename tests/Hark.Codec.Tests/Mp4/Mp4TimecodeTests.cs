using Hark.Codec.Mp4;

namespace Hark.Codec.Tests.Mp4;

/// <summary>The time of day as a frame count: exact integer arithmetic, rounded down, wrapping at midnight UTC.</summary>
public sealed class Mp4TimecodeTests
{
    private static readonly DateTimeOffset Morning = new(2026, 3, 1, 8, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(48000, 50)]
    [InlineData(44100, 50)]
    [InlineData(22050, 50)]
    [InlineData(8000, 50)]
    [InlineData(11025, 25)]
    public void The_rate_divides_the_sample_rate(int sampleRate, int expected)
    {
        Assert.Equal(expected, Mp4Timecode.RateFor(sampleRate));
        Assert.Equal(0, sampleRate % expected);
    }

    [Fact]
    public void A_rate_neither_50_nor_25_divides_has_no_timecode() => Assert.Null(Mp4Timecode.RateFor(44101));

    [Fact]
    public void The_start_of_a_recording_is_its_time_of_day()
    {
        var timecode = Mp4Timecode.At(Morning, 0, 48000, 50);
        Assert.Equal((8 * 3600 + 30 * 60) * 50u, timecode.FrameNumber);
        Assert.Equal("08:30:00:00", timecode.ToString());
    }

    [Fact]
    public void A_range_later_in_the_day_counts_its_offset_in_samples()
    {
        // 3723.5 s in is 1 h 2 min 3.5 s later: frame 25 of that second at 50 frames per second.
        Assert.Equal("09:32:03:25", Mp4Timecode.At(Morning, 3723 * 48000 + 24000, 48000, 50).ToString());
        // One sample short of the next frame (960 samples) is still the frame before.
        Assert.Equal("08:30:00:00", Mp4Timecode.At(Morning, 959, 48000, 50).ToString());
        Assert.Equal("08:30:00:01", Mp4Timecode.At(Morning, 960, 48000, 50).ToString());
    }

    [Fact]
    public void The_count_wraps_at_midnight_utc_whatever_the_offset_the_start_was_given_in()
    {
        var lateEvening = new DateTimeOffset(2026, 3, 2, 1, 59, 58, 500, TimeSpan.FromHours(2)); // 23:59:58.5 UTC
        Assert.Equal("23:59:58:25", Mp4Timecode.At(lateEvening, 0, 44100, 50).ToString());
        Assert.Equal("00:00:01:00", Mp4Timecode.At(lateEvening, 2 * 44100 + 22050, 44100, 50).ToString());
        // Days of samples later (past what long arithmetic of offset × ticks × rate holds): still the time of day.
        Assert.Equal("23:59:58:25", Mp4Timecode.At(lateEvening, 400L * 86400 * 96000, 96000, 50).ToString());
    }

    [Fact]
    public void At_25_frames_a_frame_is_40_ms() =>
        Assert.Equal("08:30:01:02", Mp4Timecode.At(Morning, 11025 + 882, 11025, 25).ToString());
}
