namespace Hark.Media.Aac;

/// <summary>
/// Which frames to fetch for samples [start, start + count) of a recording. Source sample s sits at encoded position
/// s + priming; the frame holding the first needed sample is preceded by one pre-roll frame (when there is one)
/// because a frame's output overlaps-adds with its predecessor's second half.
/// </summary>
/// <param name="FirstFrame">First frame to fetch (the pre-roll frame when <see cref="StartsWithPreRoll"/>).</param>
/// <param name="FrameCount">Frames to fetch from <see cref="FirstFrame"/>, pre-roll included.</param>
/// <param name="OffsetInFirstNeededFrame">Samples to skip in the first frame after the pre-roll.</param>
public readonly record struct AacSegmentPlan(long FirstFrame, int FrameCount, bool StartsWithPreRoll, int OffsetInFirstNeededFrame, int SampleCount)
{
    public static AacSegmentPlan For(long firstSample, int sampleCount, int primingSamples, long totalFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstSample);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleCount);
        ArgumentOutOfRangeException.ThrowIfNegative(primingSamples);
        long encoded = firstSample + primingSamples;
        long firstNeeded = encoded / AacDecoder.SamplesPerFrame;
        long lastNeeded = (encoded + sampleCount - 1) / AacDecoder.SamplesPerFrame;
        if (lastNeeded >= totalFrames)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleCount),
                $"Samples {firstSample}..{firstSample + sampleCount - 1} need frame {lastNeeded}; the stream has {totalFrames}.");
        }
        bool preRoll = firstNeeded > 0;
        long first = preRoll ? firstNeeded - 1 : firstNeeded;
        return new AacSegmentPlan(first, checked((int)(lastNeeded - first + 1)), preRoll, (int)(encoded % AacDecoder.SamplesPerFrame), sampleCount);
    }
}
