namespace Hark.Engine.Tests.Batches;

public sealed class FileNamePatternTests
{
    [Fact]
    public void A_recorder_pattern_gives_station_and_utc_start_time()
    {
        var pattern = FileNamePattern.Parse("{station}_{yyyy}{MM}{dd}_{HH}{mm}{ss}");
        Assert.Equal((new DateTimeOffset(2026, 5, 30, 4, 12, 0, TimeSpan.Zero), "SITE4"), pattern.Read("SITE4_20260530_041200.wav"));
        Assert.Equal((new DateTimeOffset(2026, 5, 30, 4, 12, 0, TimeSpan.Zero), "north.ridge-2"), pattern.Read("/cards/a/north.ridge-2_20260530_041200.WAV"));
        Assert.Equal((null, null), pattern.Read("notes.wav"));
        // A name of the right shape but an impossible date gives no time; the station is still read.
        Assert.Equal((null, "SITE4"), pattern.Read("SITE4_20260230_041200.wav"));
    }

    [Fact]
    public void Fields_in_any_order_with_wildcards_and_dates_alone()
    {
        Assert.Equal((new DateTimeOffset(2025, 12, 31, 23, 59, 58, TimeSpan.Zero), (string?)null),
            FileNamePattern.Parse("{*}-{dd}.{MM}.{yyyy} {HH}h{mm}m{ss}s").Read("take 3-31.12.2025 23h59m58s.flac"));
        Assert.Equal((new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), "AM1"), FileNamePattern.Parse("{yyyy}{MM}{dd}-{station}").Read("20260102-AM1.wav"));
        Assert.Equal(((DateTimeOffset?)null, "ridge"), FileNamePattern.Parse("{station}-{*}").Read("ridge-anything at all.wav"));
    }

    [Theory]
    [InlineData("", "1-200 characters")]
    [InlineData("{station}_{when}", "unknown field {when}")]
    [InlineData("{HH}{mm}{ss}", "whole date")]
    [InlineData("{yyyy}{MM}{dd}_{yyyy}", "twice")]
    [InlineData("plain", "nothing to read")]
    [InlineData("{station}_{yyyy}{MM}{dd}{", "not part of a field")]
    public void A_bad_pattern_is_refused_saying_why(string text, string reason) =>
        Assert.Contains(reason, Assert.Throws<ArgumentException>(() => FileNamePattern.Parse(text)).Message);
}
