using Hark.Media.Opus;
using Xunit.Abstractions;

namespace Hark.Engine.Tests;

/// <summary>How the difference from a sequential decode shrinks with the pre-roll: the figures behind OpusFormat.PreRollPackets.</summary>
public sealed class OpusPreRollMeasurement(StereoOpusFixture fixture, ITestOutputHelper output) : IClassFixture<StereoOpusFixture>
{
    [Fact]
    public async Task Longer_pre_rolls_converge_closer_to_the_sequential_decode()
    {
        var meta = fixture.Metadata;
        var reader = await fixture.Archive.OpenRecordingAsync(meta.Id, CancellationToken.None);
        int count = reader.Index.FrameCount;
        await reader.Index.EnsureAllAsync(CancellationToken.None);
        var bytes = new byte[reader.FrameBytes(0, count)];
        await reader.ReadFramesAsync(0, count, bytes, CancellationToken.None);
        var offsets = new int[count + 1];
        for (int i = 0; i < count; i++)
        {
            offsets[i + 1] = offsets[i] + reader.Index.FrameSize(i);
        }
        using var decoder = new OpusDecoder(meta.Channels);
        var snrs = new List<double>();
        foreach (int preRoll in new[] { 2, 4, 8, 16, 32 })
        {
            var random = new Random(12);
            var stats = new ErrorStats();
            for (int i = 0; i < 200; i++)
            {
                int n = random.Next(1, 4 * 960 + 1);
                long start = random.NextInt64(0, meta.TotalSamples - n + 1);
                var plan = OpusSegmentPlan.For(start, n, meta.PrimingSamples, count, preRoll);
                int first = (int)plan.FirstPacket;
                var sizes = Enumerable.Range(first, plan.PacketCount).Select(reader.Index.FrameSize).ToArray();
                var read = new float[n * meta.Channels];
                OpusSegmentDecoder.Decode(decoder, bytes.AsSpan(offsets[first], offsets[first + plan.PacketCount] - offsets[first]), sizes,
                    plan.SkipSamples, n, read);
                stats.Add(fixture.Reference, read, start, meta.Channels);
            }
            snrs.Add(stats.SnrDb);
            output.WriteLine($"pre-roll {preRoll,2} packets ({preRoll * 20,3} ms): max abs error {stats.MaxAbs:E2}, SNR {stats.SnrDb:F1} dB");
        }
        Assert.True(snrs[^1] > snrs[0], "a longer pre-roll should converge closer");
        Assert.True(snrs[3] >= 90, $"the 320 ms Hark uses gives {snrs[3]:F1} dB");
    }
}
