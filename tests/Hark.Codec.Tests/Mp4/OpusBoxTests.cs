using Hark.Codec.Mp4;

namespace Hark.Codec.Tests.Mp4;

/// <summary>dOps, the 'Opus' sample entry and the 'roll' sample group against bytes laid out by hand from the Opus-in-ISOBMFF spec.</summary>
public sealed class OpusBoxTests
{
    // size, 'dOps', Version 0, OutputChannelCount 2, PreSkip 312, InputSampleRate 44100, OutputGain 0, family 0.
    private const string StereoDops = "00000013 644F7073 00 02 0138 0000AC44 0000 00";

    [Fact]
    public void Dops_family_0_carries_channels_pre_skip_rate_and_gain() =>
        Assert.Equal(BoxBytes.Golden(StereoDops), BoxBytes.Of(OpusSpecificBox.MonoOrStereo(2, 312, 44100).WriteTo));

    [Fact]
    public void Dops_family_1_appends_the_mapping_table()
    {
        var surround = new OpusSpecificBox(6, 312, 48000, -256, 1, StreamCount: 4, CoupledCount: 2, ChannelMapping: [0, 4, 1, 2, 3, 5]);
        Assert.Equal(BoxBytes.Golden("0000001B 644F7073 00 06 0138 0000BB80 FF00 01 04 02 000401020305"), BoxBytes.Of(surround.WriteTo));
        var bytes = Convert.FromHexString(BoxBytes.Of(surround.WriteTo));
        Assert.True(OpusSpecificBox.TryParse(bytes.AsSpan(8), out var parsed));
        Assert.Equal((6, 4, 2, -256), (parsed.OutputChannelCount, parsed.StreamCount, parsed.CoupledCount, parsed.OutputGain));
        Assert.Equal([0, 4, 1, 2, 3, 5], parsed.ChannelMapping!);
        Assert.False(OpusSpecificBox.TryParse(bytes.AsSpan(8, 15), out _)); // the mapping table cut short
    }

    [Fact]
    public void Dops_parses_back_what_it_wrote()
    {
        var bytes = Convert.FromHexString(BoxBytes.Golden(StereoDops));
        Assert.True(OpusSpecificBox.TryParse(bytes.AsSpan(8), out var parsed));
        Assert.Equal(OpusSpecificBox.MonoOrStereo(2, 312, 44100), parsed);
        Assert.False(OpusSpecificBox.TryParse(bytes.AsSpan(8, 10), out _)); // cut short
        bytes[8] = 1;
        Assert.False(OpusSpecificBox.TryParse(bytes.AsSpan(8), out _)); // a version Hark does not know
    }

    [Fact]
    public void Stsd_holds_one_Opus_entry_at_48_kHz_whatever_the_source_rate() =>
        Assert.Equal(BoxBytes.Golden(
                "00000047 73747364 00000000 00000001 00000037 4F707573 000000000000 0001 0000000000000000 0001 0010 0000 0000 BB800000 " +
                "00000013 644F7073 00 01 0138 00005622 0000 00"),
            BoxBytes.Of(new OpusSampleEntry(OpusSpecificBox.MonoOrStereo(1, 312, 22050)).WriteTo));

    [Fact]
    public void Roll_group_gives_every_sample_the_80_ms_pre_roll() =>
        Assert.Equal(BoxBytes.Golden(
                "0000001A 73677064 01000000 726F6C6C 00000002 00000001 FFFC " +
                "0000001C 73626770 00000000 726F6C6C 00000001 00000BB8 00000001"),
            BoxBytes.Of(new RollSampleGroup(-4, 3000).WriteTo));

    [Fact]
    public void An_opus_file_declares_iso2_for_its_roll_groups_and_the_Opus_brand() =>
        Assert.Equal(BoxBytes.Golden("00000024 66747970 4D344120 00000000 4D344120 6D703432 69736F6D 69736F32 4F707573"),
            BoxBytes.Of(FileTypeBox.M4aOpus.WriteTo));

    [Fact]
    public void Family_0_refuses_more_than_two_channels() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OpusSpecificBox.MonoOrStereo(3, 312, 48000));
}
