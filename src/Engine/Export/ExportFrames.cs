using Hark.Codec.Index;
using Hark.Media.Opus;
using Hark.Storage;

namespace Hark.Engine.Export;

/// <summary>
/// The stored frames (AAC) or packets (Opus) an export of samples [from, to) copies. A stretch starts early by the
/// decoder's pre-roll, as a segment read does (one frame for AAC, whose frames overlap-add with their predecessor;
/// <see cref="OpusFormat.PreRollPackets"/> packets for Opus), and ends with the frame holding its last sample, so a
/// player that decodes the file from its first frame with a fresh decoder gives what the segment reader gives.
/// A whole export starts at frame 0, priming included.
/// </summary>
/// <param name="SkippedSamples">Decoded samples before the first requested one: priming (pre-skip), pre-roll and the
/// offset into the first needed frame. An M4A edit list's media_time.</param>
public readonly record struct ExportFrames(int FirstFrame, int LastFrame, long SkippedSamples)
{
    public int FrameCount => LastFrame - FirstFrame + 1;

    public static ExportFrames For(RecordingMetadata metadata, RecordingIndex index, long from, long to) =>
        For(metadata, index.FrameCount, index.SamplesPerFrame, from, to);

    /// <summary>The same choice from the metadata alone (frame count and length): what a caller of the front door,
    /// which sees no index, knows an export of [from, to) will contain.</summary>
    public static ExportFrames For(RecordingMetadata metadata, int frameCount, int samplesPerFrame, long from, long to)
    {
        int preRoll = metadata.Codec == AudioCodec.Opus ? OpusFormat.PreRollPackets : 1;
        long encodedFrom = from + metadata.PrimingSamples;
        int firstFrame = from == 0 ? 0 : (int)Math.Max(0, encodedFrom / samplesPerFrame - preRoll);
        int lastFrame = to >= metadata.TotalSamples
            ? frameCount - 1
            : (int)Math.Min(frameCount - 1, (to - 1 + metadata.PrimingSamples) / samplesPerFrame);
        return new ExportFrames(firstFrame, lastFrame, encodedFrom - (long)firstFrame * samplesPerFrame);
    }
}
