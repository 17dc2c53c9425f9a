using Hark.Codec.Mp4;

namespace Hark.Codec.Tests.Mp4;

/// <summary>stsd (mp4a + esds), stts, stsc, stsz, stco and co64 against bytes laid out by hand.</summary>
public sealed class SampleTableBoxTests
{
    // AAC LC, 48 kHz, stereo: object type 2, frequency index 3, channel configuration 2.
    private static readonly byte[] AacLc48kStereo = [0x11, 0x90];

    private const string Esds =
        "00000027 65736473 00000000 03 19 0000 00 04 11 40 15 000300 00028000 0001F400 05 02 1190 06 01 02";

    private static readonly EsdsBox EsdsBox = new(AacLc48kStereo, 0x300, 0x28000, 128000);

    [Fact]
    public void Esds_carries_the_audio_specific_config() =>
        Assert.Equal(BoxBytes.Golden(Esds), BoxBytes.Of(EsdsBox.WriteTo));

    [Fact]
    public void Stsd_holds_one_mp4a_entry_with_channels_and_rate() =>
        Assert.Equal(BoxBytes.Golden(
                "0000005B 73747364 00000000 00000001 0000004B 6D703461 000000000000 0001 0000000000000000 0002 0010 0000 0000 BB800000 " + Esds),
            BoxBytes.Of(new Mp4aSampleEntry(2, 48000, EsdsBox).WriteTo));

    [Fact]
    public void Stts_is_one_run_of_equal_frames() =>
        Assert.Equal(BoxBytes.Golden("00000018 73747473 00000000 00000001 00000046 00000400"),
            BoxBytes.Of(new TimeToSampleBox(70, 1024).WriteTo));

    [Fact]
    public void Stsc_has_a_second_run_for_a_short_last_chunk() =>
        Assert.Equal(BoxBytes.Golden(
                "00000028 73747363 00000000 00000002 00000001 00000100 00000001 00000003 00000058 00000001"),
            BoxBytes.Of(new SampleToChunkBox(600, 256).WriteTo));

    [Fact]
    public void Stsc_has_one_run_when_the_chunks_are_all_full() =>
        Assert.Equal(BoxBytes.Golden("0000001C 73747363 00000000 00000001 00000001 00000100 00000001"),
            BoxBytes.Of(new SampleToChunkBox(512, 256).WriteTo));

    [Fact]
    public void Stsz_lists_every_frame_size() =>
        Assert.Equal(BoxBytes.Golden("00000020 7374737A 00000000 00000000 00000003 00000173 0000012C 00000006"),
            BoxBytes.Of(new SampleSizeBox([371, 300, 6]).WriteTo));

    [Fact]
    public void Stco_while_offsets_fit_32_bits() =>
        Assert.Equal(BoxBytes.Golden("00000018 7374636F 00000000 00000002 00000803 00010000"),
            BoxBytes.Of(new ChunkOffsetBox([0x803, 0x10000]).WriteTo));

    [Fact]
    public void Co64_once_an_offset_passes_4_GiB() =>
        Assert.Equal(BoxBytes.Golden("00000020 636F3634 00000000 00000002 0000000000000008 0000000100000000"),
            BoxBytes.Of(new ChunkOffsetBox([8, 0x1_0000_0000]).WriteTo));
}
