using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Hark.Codec.Ogg;
using Hark.Codec.Opus;
using Hark.Testing;

namespace Hark.Codec.Tests.Ogg;

/// <summary>An Ogg Opus file from ffmpeg's libopus read packet by packet, checked against ffprobe's view of the same file.</summary>
public sealed partial class OggOpusReadingTests : IDisposable
{
    private readonly TempDirectory _dir = new("hark-ogg");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1, "96k", "0.02")]
    [InlineData(2, "64k", "0.06")]
    public async Task Packets_headers_and_durations_match_ffprobe(int channels, string bitrate, string frameSeconds)
    {
        var ogg = await AudioGenerator.GenerateAsync($"sine=f=440:d=3.3:r=48000", _dir.File($"tone{channels}.ogg"),
            "-ac", $"{channels}", "-c:a", "libopus", "-b:a", bitrate, "-frame_duration", $"{double.Parse(frameSeconds, System.Globalization.CultureInfo.InvariantCulture) * 1000}");
        await using var file = File.OpenRead(ogg);
        var reader = new OggPacketReader(file);

        var head = OpusHead.Parse(reader.ReadPacket()!.Bytes);
        Assert.Equal(channels, head.Channels);
        Assert.Equal(312, head.PreSkip);
        Assert.Equal(0, head.MappingFamily);
        Assert.StartsWith("OpusTags", System.Text.Encoding.ASCII.GetString(reader.ReadPacket()!.Bytes, 0, 8));

        var hashes = new List<string>();
        var durations = new List<long>();
        long lastGranule = -1;
        while (reader.ReadPacket() is { } packet)
        {
            hashes.Add(Convert.ToHexStringLower(MD5.HashData(packet.Bytes)));
            durations.Add(OpusToc.SamplesPerPacket(packet.Bytes));
            if (packet.Granule >= 0)
            {
                lastGranule = packet.Granule;
            }
        }
        Assert.True(reader.Ended);
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_packets", "-show_data_hash", "md5",
            "-show_entries", "packet=data_hash,duration", "-of", "default=nw=1", ogg);
        Assert.Equal(Hash().Matches(probe.Output).Select(m => m.Groups[1].Value), hashes);
        // ffprobe's durations come from the TOCs too, except the last packet's, which the final granule trims.
        var probed = Duration().Matches(probe.Output).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(probed.SkipLast(1), durations.SkipLast(1));
        Assert.InRange(probed[^1], 1, durations[^1]);
        // The final granule is the end of the played audio: pre-skip plus the 3.3 s.
        Assert.Equal(312 + 158_400, lastGranule);
        Assert.Equal(lastGranule, probed.Sum());
    }

    [Fact]
    public void An_opus_head_writes_and_parses_back_and_the_toc_counts_every_configuration()
    {
        var head = new OpusHead(6, 312, 44100, -256, 1, 4, 2, [0, 4, 1, 2, 3, 5]);
        var bytes = new byte[head.Length];
        head.WriteTo(bytes);
        Assert.Equal(27, bytes.Length);
        Assert.Equal("4f70757348656164" + "01" + "06" + "3801" + "44ac0000" + "00ff" + "01" + "04" + "02" + "000401020305", Convert.ToHexStringLower(bytes));
        var parsed = OpusHead.Parse(bytes);
        Assert.Equal(head with { Mapping = null }, parsed with { Mapping = null });
        Assert.Equal(head.Mapping, parsed.Mapping);

        Assert.Equal(480, OpusToc.SamplesPerPacket([0 << 3]));       // SILK 10 ms
        Assert.Equal(2880, OpusToc.SamplesPerPacket([3 << 3]));      // SILK 60 ms
        Assert.Equal(960, OpusToc.SamplesPerPacket([13 << 3]));      // hybrid 20 ms
        Assert.Equal(120, OpusToc.SamplesPerPacket([16 << 3]));      // CELT 2.5 ms
        Assert.Equal(1920, OpusToc.SamplesPerPacket([(31 << 3) | 1])); // CELT 20 ms, two frames
        Assert.Equal(5760, OpusToc.SamplesPerPacket([(31 << 3) | 3, 6])); // six 20-ms frames: the 120-ms maximum
        Assert.Equal(0, OpusToc.SamplesPerPacket([(31 << 3) | 3, 7]));    // more than 120 ms: malformed
        Assert.Equal(0, OpusToc.SamplesPerPacket([]));
    }

    [GeneratedRegex("data_hash=MD5:([0-9a-f]{32})")]
    private static partial Regex Hash();

    [GeneratedRegex("duration=(\\d+)")]
    private static partial Regex Duration();
}
