using Hark.Codec.Mp4;
using Hark.Testing;

namespace Hark.Codec.Tests.Mp4;

/// <summary>The timecode track's boxes (tmcd entry, nmhd, tref, silent tkhd, hdlr) against bytes laid out by hand from TN2174.</summary>
public sealed class TimecodeBoxTests
{
    private const ulong Created = 0xD0000000;

    [Fact]
    public void Tmcd_entry_has_the_seed_numbers_at_48_khz_and_wraps_at_24_hours() =>
        Assert.Equal(BoxBytes.Golden(
                // stsd, one entry: size 34, 'tmcd', reserved, data_reference_index 1, reserved,
                // flags 2 (24-hour max), timescale 48000, frame duration 960, 50 frames, reserved.
                "00000032 73747364 00000000 00000001 00000022 746D6364 000000000000 0001 00000000 00000002 0000BB80 000003C0 32 00"),
            BoxBytes.Of(new TimecodeSampleEntry(48000, 960, 50).WriteTo));

    [Fact]
    public void Nmhd_is_an_empty_full_box() =>
        Assert.Equal(BoxBytes.Golden("0000000C 6E6D6864 00000000"), BoxBytes.Of(NullMediaHeaderBox.WriteTo));

    [Fact]
    public void Tref_points_the_audio_at_the_timecode_track() =>
        Assert.Equal(BoxBytes.Golden("00000014 74726566 0000000C 746D6364 00000002"),
            BoxBytes.Of(TrackReferenceBox.Timecode(2).WriteTo));

    [Fact]
    public void Hdlr_for_timecode() =>
        Assert.Equal(BoxBytes.Golden(
                "00000030 68646C72 00000000 00000000 746D6364 00000000 00000000 00000000 54696D65436F646548616E646C6572 00"),
            BoxBytes.Of(HandlerBox.Timecode.WriteTo));

    [Fact]
    public void A_timecode_tkhd_is_silent() =>
        // volume sits after creation, modification, track id, reserved, duration, reserved, layer and alternate group.
        Assert.Equal("0000", BoxBytes.Of(new TrackHeaderBox(Created, 2, 1000, TrackHeaderBox.Silent).WriteTo).Substring(2 * 44, 4));

    [Fact]
    public void The_track_lays_out_its_one_sample_over_the_whole_movie()
    {
        var timecode = new Mp4Timecode(1_537_500, 50); // 08:32:30:00
        var bytes = BoxBytes.Of(new TimecodeTrack(2, Created, 48000, 96000, timecode, 0x1234).WriteTo);
        var trak = Convert.FromHexString(bytes).AsMemory();
        Assert.Equal(["tkhd", "mdia"], Mp4Boxes.Children(trak[8..]).Select(b => b.Type));
        Assert.Equal(["nmhd", "dinf", "stbl"], Mp4Boxes.Children(Mp4Boxes.Find(trak[8..], "mdia", "minf")[8..]).Select(b => b.Type));
        Assert.Equal(48000u, Mp4Boxes.UInt32At(Mp4Boxes.Find(trak[8..], "mdia", "mdhd"), 20));
        Assert.Equal(96000u, Mp4Boxes.UInt32At(Mp4Boxes.Find(trak[8..], "mdia", "mdhd"), 24));
        var stbl = Mp4Boxes.Find(trak[8..], "mdia", "minf", "stbl")[8..];
        Assert.Equal(BoxBytes.Golden("00000018 73747473 00000000 00000001 00000001 00017700"), Convert.ToHexString(Mp4Boxes.Find(stbl, "stts").Span));
        Assert.Equal(BoxBytes.Golden("00000018 7374737A 00000000 00000000 00000001 00000004"), Convert.ToHexString(Mp4Boxes.Find(stbl, "stsz").Span));
        Assert.Equal(BoxBytes.Golden("00000014 7374636F 00000000 00000001 00001234"), Convert.ToHexString(Mp4Boxes.Find(stbl, "stco").Span));

        var sample = new Mp4BoxWriter();
        new TimecodeTrack(2, Created, 48000, 96000, timecode, 0).WriteSample(sample);
        Assert.Equal("001775DC", Convert.ToHexString(sample.Written));
    }
}
