using Hark.Codec.Mp4;

namespace Hark.Codec.Tests.Mp4;

/// <summary>ftyp, mvhd, tkhd, mdhd, hdlr, smhd, dinf against bytes laid out by hand from ISO/IEC 14496-12.</summary>
public sealed class HeaderBoxTests
{
    private const ulong Created = 0xD0000000;
    private const string Matrix = "00010000 00000000 00000000 00000000 00010000 00000000 00000000 00000000 40000000";

    [Fact]
    public void Ftyp_names_m4a_and_its_compatible_brands() =>
        Assert.Equal(BoxBytes.Golden("0000001C 66747970 4D344120 00000000 4D344120 6D703432 69736F6D"),
            BoxBytes.Of(FileTypeBox.M4a.WriteTo));

    [Fact]
    public void Mvhd_version_0() =>
        Assert.Equal(BoxBytes.Golden(
                "0000006C 6D766864 00000000 D0000000 D0000000 0000BB80 0001193B 00010000 0100 0000 00000000 00000000 " +
                Matrix + " 00000000 00000000 00000000 00000000 00000000 00000000 00000002"),
            BoxBytes.Of(new MovieHeaderBox(Created, 48000, 71995, 2).WriteTo));

    [Fact]
    public void Mvhd_switches_to_version_1_when_the_duration_passes_32_bits()
    {
        var hex = BoxBytes.Of(new MovieHeaderBox(Created, 48000, 0x1_0000_0001, 2).WriteTo);
        Assert.StartsWith(BoxBytes.Golden(
            "00000078 6D766864 01000000 00000000D0000000 00000000D0000000 0000BB80 0000000100000001 00010000"), hex);
    }

    [Fact]
    public void Tkhd_is_an_enabled_audio_track_at_full_volume() =>
        Assert.Equal(BoxBytes.Golden(
                "0000005C 746B6864 00000003 D0000000 D0000000 00000001 00000000 0001193B 00000000 00000000 0000 0000 0100 0000 " +
                Matrix + " 00000000 00000000"),
            BoxBytes.Of(new TrackHeaderBox(Created, 1, 71995).WriteTo));

    [Fact]
    public void Mdhd_has_the_sample_rate_as_timescale_and_language_und() =>
        Assert.Equal(BoxBytes.Golden("00000020 6D646864 00000000 D0000000 D0000000 0000BB80 00012000 55C4 0000"),
            BoxBytes.Of(new MediaHeaderBox(Created, 48000, 0x12000).WriteTo));

    [Fact]
    public void Hdlr_for_sound() =>
        Assert.Equal(BoxBytes.Golden(
                "0000002D 68646C72 00000000 00000000 736F756E 00000000 00000000 00000000 536F756E6448616E646C6572 00"),
            BoxBytes.Of(HandlerBox.Sound.WriteTo));

    [Fact]
    public void Smhd_is_centred() =>
        Assert.Equal(BoxBytes.Golden("00000010 736D6864 00000000 0000 0000"), BoxBytes.Of(SoundMediaHeaderBox.WriteTo));

    [Fact]
    public void Dinf_holds_one_self_contained_url() =>
        Assert.Equal(BoxBytes.Golden("00000024 64696E66 0000001C 64726566 00000000 00000001 0000000C 75726C20 00000001"),
            BoxBytes.Of(DataInformationBox.WriteTo));
}
