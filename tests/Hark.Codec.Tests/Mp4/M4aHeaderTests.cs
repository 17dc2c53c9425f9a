using Hark.Codec.Mp4;
using Hark.Testing;

namespace Hark.Codec.Tests.Mp4;

/// <summary>The file layout: ftyp, moov, then mdat, with chunk offsets that point at the frames that follow.</summary>
public sealed class M4aHeaderTests
{
    private static M4aTrack Track(int[] sizes, long mediaTime = 2048, long played = 1000) =>
        new(48000, 2, [0x11, 0x90], 1024, sizes, mediaTime, played, new DateTimeOffset(2026, 3, 1, 8, 30, 0, TimeSpan.Zero),
            [ItunesTag.Atom("©nam", "r")]);

    [Fact]
    public void Moov_comes_before_mdat_and_the_first_chunk_starts_right_after_the_mdat_header()
    {
        int[] sizes = [.. Enumerable.Range(0, 300).Select(i => 200 + i % 7)];
        var header = M4aHeader.For(Track(sizes));
        var boxes = Mp4Boxes.Children(header.Bytes).Select(b => b.Type).ToArray();
        Assert.Equal(["ftyp", "moov", "mdat"], boxes);
        Assert.False(header.UsesCo64);
        Assert.Equal(sizes.Sum(), header.PayloadBytes);
        var mdat = Mp4Boxes.Find(header.Bytes, "mdat");
        Assert.Equal(8 + header.PayloadBytes, Mp4Boxes.UInt32At(mdat, 0)); // the size counts frames not in Bytes

        var stco = Mp4Boxes.Find(header.Bytes, "moov", "trak", "mdia", "minf", "stbl", "stco");
        Assert.Equal(2u, Mp4Boxes.UInt32At(stco, 12));
        Assert.Equal((uint)header.Bytes.Length, Mp4Boxes.UInt32At(stco, 16));
        Assert.Equal((uint)(header.Bytes.Length + sizes[..256].Sum()), Mp4Boxes.UInt32At(stco, 20));
    }

    [Fact]
    public void Durations_agree_the_movie_plays_the_edit_and_the_media_is_every_frame()
    {
        var header = M4aHeader.For(Track(new int[10], mediaTime: 3000, played: 6000));
        Assert.Equal(6000u, Mp4Boxes.UInt32At(Mp4Boxes.Find(header.Bytes, "moov", "mvhd"), 24));
        Assert.Equal(6000u, Mp4Boxes.UInt32At(Mp4Boxes.Find(header.Bytes, "moov", "trak", "tkhd"), 28));
        Assert.Equal(10240u, Mp4Boxes.UInt32At(Mp4Boxes.Find(header.Bytes, "moov", "trak", "mdia", "mdhd"), 24));
        Assert.True(EditListBox.TryParse(Mp4Boxes.Find(header.Bytes, "moov", "trak", "edts", "elst").Span, out var edit));
        Assert.Equal(new EditListBox(6000, 3000), edit);
    }

    [Fact]
    public void Past_4_GiB_the_offsets_are_co64_and_mdat_has_a_64_bit_size()
    {
        // 600 frames of 10 MB: the third chunk starts 5.12 GB into the data. Only the header is built, never the data.
        int[] sizes = [.. Enumerable.Repeat(10_000_000, 600)];
        var header = M4aHeader.For(Track(sizes));
        Assert.True(header.UsesCo64);
        var co64 = Mp4Boxes.Find(header.Bytes, "moov", "trak", "mdia", "minf", "stbl", "co64");
        long third = (long)Mp4Boxes.UInt32At(co64, 16 + 16) << 32 | Mp4Boxes.UInt32At(co64, 16 + 20);
        Assert.Equal(header.Bytes.Length + 512L * 10_000_000, third);
        var mdat = header.Bytes.AsMemory(header.Bytes.Length - 16);
        Assert.Equal(1u, Mp4Boxes.UInt32At(mdat, 0));
        Assert.Equal(6_000_000_016L, (long)Mp4Boxes.UInt32At(mdat, 8) << 32 | Mp4Boxes.UInt32At(mdat, 12));
        Assert.Equal(header.Bytes.Length + 6_000_000_000L, header.FileLength);
    }

    [Fact]
    public void A_timecode_is_a_second_track_referenced_by_the_audio_with_its_sample_first_in_mdat()
    {
        int[] sizes = [.. Enumerable.Range(0, 300).Select(i => 200 + i % 7)];
        var header = M4aHeader.For(Track(sizes) with { Timecode = new Mp4Timecode(0x01020304, 50) });
        var moov = Mp4Boxes.Find(header.Bytes, "moov")[8..];
        Assert.Equal(["mvhd", "trak", "trak", "udta"], Mp4Boxes.Children(moov).Select(b => b.Type));
        Assert.Equal(3u, Mp4Boxes.UInt32At(Mp4Boxes.Find(moov, "mvhd"), 104)); // next_track_ID
        Assert.Equal(2u, Mp4Boxes.UInt32At(Mp4Boxes.Find(moov, "trak", "tref", "tmcd"), 8));

        // mdat: its header, the 4-byte frame number, then the frames; both tracks' offsets say so.
        int payloadStart = header.Bytes.Length - 4;
        Assert.Equal(0x01020304u, Mp4Boxes.UInt32At(header.Bytes, payloadStart));
        Assert.Equal(8 + 4 + header.PayloadBytes, Mp4Boxes.UInt32At(header.Bytes, payloadStart - 8));
        Assert.Equal(header.Bytes.Length + header.PayloadBytes, header.FileLength);
        var tracks = Mp4Boxes.Children(moov).Where(b => b.Type == "trak").Select(b => b.Bytes[8..]).ToArray();
        Assert.Equal((uint)header.Bytes.Length, Mp4Boxes.UInt32At(Mp4Boxes.Find(tracks[0], "mdia", "minf", "stbl", "stco"), 16));
        Assert.Equal((uint)payloadStart, Mp4Boxes.UInt32At(Mp4Boxes.Find(tracks[1], "mdia", "minf", "stbl", "stco"), 16));
        Assert.Equal(1000u, Mp4Boxes.UInt32At(Mp4Boxes.Find(tracks[1], "tkhd"), 28)); // the audio's played duration
    }

    [Theory]
    [InlineData(0, 10241)]
    [InlineData(-1, 100)]
    [InlineData(10000, 241)]
    public void An_edit_outside_the_frames_is_refused(long mediaTime, long played) =>
        Assert.Throws<ArgumentException>(() => M4aHeader.For(Track(new int[10], mediaTime, played)));
}
