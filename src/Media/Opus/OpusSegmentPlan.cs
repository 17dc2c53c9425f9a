namespace Hark.Media.Opus;

/// <summary>
/// Which packets to fetch for samples [start, start + count) of an Opus recording. Source sample s sits at decoded
/// position s + pre-skip; a fresh decoder starts <see cref="OpusFormat.PreRollPackets"/> packets (320 ms) before the
/// packet holding the first needed sample, or at packet 0, and everything it decodes before that sample is dropped.
/// </summary>
/// <param name="SkipSamples">Decoded samples before the first requested one: pre-roll, and pre-skip at packet 0.</param>
public readonly record struct OpusSegmentPlan(long FirstPacket, int PacketCount, int SkipSamples, int SampleCount)
{
    public static OpusSegmentPlan For(long firstSample, int sampleCount, int preSkip, long totalPackets,
        int preRollPackets = OpusFormat.PreRollPackets)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstSample);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleCount);
        ArgumentOutOfRangeException.ThrowIfNegative(preSkip);
        long decoded = firstSample + preSkip;
        long firstNeeded = decoded / OpusFormat.SamplesPerPacket;
        long lastNeeded = (decoded + sampleCount - 1) / OpusFormat.SamplesPerPacket;
        if (lastNeeded >= totalPackets)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleCount),
                $"Samples {firstSample}..{firstSample + sampleCount - 1} need packet {lastNeeded}; the stream has {totalPackets}.");
        }
        long first = Math.Max(0, firstNeeded - preRollPackets);
        return new OpusSegmentPlan(first, checked((int)(lastNeeded - first + 1)),
            (int)(decoded - first * OpusFormat.SamplesPerPacket), sampleCount);
    }
}
