using Hark.Codec.Adts;
using Hark.Testing;

namespace Hark.Codec.Tests.Adts;

/// <summary>Hark's ADTS reader against ffmpeg-made files and ffprobe's packet list.</summary>
public sealed class AdtsAgainstFfprobeTests
{
    public static TheoryData<int, int, int> Formats()
    {
        var data = new TheoryData<int, int, int>();
        foreach (var rate in new[] { 8000, 16000, 22050, 44100, 48000, 96000 })
        {
            foreach (var channels in new[] { 1, 2, 6 })
            {
                // Two bit rates per format, scaled to what the channel count can sensibly carry.
                data.Add(rate, channels, 32000 * channels);
                data.Add(rate, channels, 96000 * channels);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Frames_match_ffprobe_and_headers_rewrite_to_the_same_bytes(int sampleRate, int channels, int bitRate)
    {
        using var dir = new TempDirectory();
        var path = await AdtsTestFiles.EncodeAsync(dir, sampleRate, channels, bitRate);
        var bytes = await File.ReadAllBytesAsync(path);

        var frames = AdtsTestFiles.ReadAll(bytes, out var reader);
        var packets = await AdtsTestFiles.FfprobePacketsAsync(path);

        Assert.Equal(packets.Count, frames.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            Assert.Equal(packets[i].Offset, frames[i].Offset);
            Assert.Equal(packets[i].Size, frames[i].Frame.Header.FrameLength);
        }
        Assert.Equal(0, reader.BytesSkipped);
        Assert.Equal(0, reader.TruncatedBytes);

        var rewritten = new byte[AdtsHeader.ProtectedLength];
        foreach (var (frame, _) in frames)
        {
            var header = frame.Header;
            Assert.Equal(sampleRate, header.SampleRate);
            Assert.Equal(channels, header.Channels);
            Assert.Equal("AAC LC", header.ProfileName);
            int written = header.WriteTo(rewritten);
            Assert.Equal(frame.Bytes.AsSpan(0, written).ToArray(), rewritten.AsSpan(0, written).ToArray());
            Assert.Equal(header, AdtsHeader.Parse(frame.Bytes));
        }
    }

    [Fact]
    public async Task Mpeg2_variant_is_read_and_rewritten_exactly()
    {
        using var dir = new TempDirectory();
        var path = await AdtsTestFiles.EncodeAsync(dir, 44100, 2, 128000, mpeg2: true);
        var bytes = await File.ReadAllBytesAsync(path);
        var frames = AdtsTestFiles.ReadAll(bytes, out _);
        Assert.Equal((await AdtsTestFiles.FfprobePacketsAsync(path)).Count, frames.Count);
        Assert.All(frames, f => Assert.Equal(1, f.Frame.Header.MpegVersion));
        var rewritten = new byte[AdtsHeader.MinimumLength];
        frames[0].Frame.Header.WriteTo(rewritten);
        Assert.Equal(frames[0].Frame.Bytes[..7], rewritten);
    }

    [Fact]
    public async Task Summary_duration_and_bitrate_follow_the_frames()
    {
        using var dir = new TempDirectory();
        var path = await AdtsTestFiles.EncodeAsync(dir, 48000, 2, 128000, seconds: 5);
        await using var stream = File.OpenRead(path);
        var summary = AdtsInspector.Inspect(stream);
        var packets = await AdtsTestFiles.FfprobePacketsAsync(path);

        Assert.Equal(packets.Count, summary.FrameCount);
        Assert.Equal(packets.Count * 1024L, summary.TotalSamples);
        Assert.Equal(packets.Count * 1024.0 / 48000, summary.DurationSeconds, 9);
        Assert.Equal(new FileInfo(path).Length, summary.TotalBytes);
        Assert.Equal(new FileInfo(path).Length * 8.0 * 48000 / (packets.Count * 1024.0), summary.BitRateAverage, 6);
        Assert.InRange(summary.BitRateMin, 1, summary.BitRateAverage);
        Assert.InRange(summary.BitRateMax, summary.BitRateAverage, 10_000_000);
        Assert.Equal(packets.Min(p => p.Size), summary.FrameLengthMin);
        Assert.Equal(packets.Max(p => p.Size), summary.FrameLengthMax);
        Assert.False(summary.CrcPresent);
    }
}
