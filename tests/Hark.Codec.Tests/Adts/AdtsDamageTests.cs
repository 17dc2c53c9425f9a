using Hark.Codec.Adts;
using Hark.Testing;

namespace Hark.Codec.Tests.Adts;

/// <summary>Damaged streams: the reader resynchronises and counts what it skipped; it never throws.</summary>
public sealed class AdtsDamageTests
{
    private static async Task<byte[]> CleanStreamAsync(TempDirectory dir) =>
        await File.ReadAllBytesAsync(await AdtsTestFiles.EncodeAsync(dir, 44100, 2, 128000, seconds: 4));

    [Fact]
    public async Task Truncated_last_frame_is_reported_not_returned()
    {
        using var dir = new TempDirectory();
        var clean = await CleanStreamAsync(dir);
        var all = AdtsTestFiles.ReadAll(clean, out _);
        var lastLength = all[^1].Frame.Header.FrameLength;
        var cut = clean[..^(lastLength / 2)];

        var frames = AdtsTestFiles.ReadAll(cut, out var reader);
        Assert.Equal(all.Count - 1, frames.Count);
        Assert.Equal(lastLength - lastLength / 2, reader.TruncatedBytes);
        Assert.Equal(0, reader.BytesSkipped);
    }

    [Fact]
    public async Task Garbage_in_the_middle_is_skipped_and_counted()
    {
        using var dir = new TempDirectory();
        var clean = await CleanStreamAsync(dir);
        var all = AdtsTestFiles.ReadAll(clean, out _);
        long splitAt = all[40].Offset;
        var garbage = new byte[1234];
        new Random(3).NextBytes(garbage);
        garbage[100] = 0xFF; // a stray sync-looking byte pair inside the garbage
        garbage[101] = 0xF1;
        var damaged = clean[..(int)splitAt].Concat(garbage).Concat(clean[(int)splitAt..]).ToArray();

        var frames = AdtsTestFiles.ReadAll(damaged, out var reader);
        Assert.Equal(all.Count, frames.Count);
        Assert.Equal(garbage.Length, reader.BytesSkipped);
        Assert.Equal(1, reader.Resyncs);
        Assert.Equal(garbage.Length, frames[40].Frame.SkippedBefore);
        Assert.Equal(all[40].Frame.Bytes, frames[40].Frame.Bytes);
    }

    [Fact]
    public async Task A_frame_with_a_destroyed_header_is_skipped_and_the_rest_is_read()
    {
        using var dir = new TempDirectory();
        var damaged = await CleanStreamAsync(dir);
        var all = AdtsTestFiles.ReadAll(damaged, out _);
        damaged[(int)all[10].Offset] = 0x00;

        var frames = AdtsTestFiles.ReadAll(damaged, out var reader);
        Assert.Equal(all.Count - 1, frames.Count);
        Assert.Equal(all[10].Frame.Header.FrameLength, reader.BytesSkipped);
        Assert.Equal(all[11].Offset, frames[10].Offset);
    }

    [Fact]
    public void Random_bytes_yield_no_frames_and_count_every_byte()
    {
        var random = new Random(11);
        var bytes = new byte[256 * 1024];
        random.NextBytes(bytes);
        var frames = AdtsTestFiles.ReadAll(bytes, out var reader);
        Assert.Empty(frames);
        Assert.Equal(bytes.Length, reader.BytesSkipped);
    }

    [Fact]
    public void Empty_input_yields_nothing()
    {
        var frames = AdtsTestFiles.ReadAll([], out var reader);
        Assert.Empty(frames);
        Assert.Equal(0, reader.BytesSkipped);
        Assert.Equal(0, reader.TruncatedBytes);
    }

    [Fact]
    public async Task Reading_through_a_one_byte_at_a_time_stream_gives_the_same_frames()
    {
        using var dir = new TempDirectory();
        var clean = await CleanStreamAsync(dir);
        var expected = AdtsTestFiles.ReadAll(clean, out _);
        using var reader = new AdtsFrameReader(new TrickleStream(clean));
        int i = 0;
        while (reader.TryReadNext(out var frame))
        {
            Assert.Equal(expected[i].Offset, frame.Offset);
            Assert.Equal(expected[i].Frame.Bytes, frame.Bytes.ToArray());
            i++;
        }
        Assert.Equal(expected.Count, i);
    }

    /// <summary>Returns at most one byte per read, like a slow pipe.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));
    }
}
