using Hark.Engine.Segments;

namespace Hark.Actors.Services;

/// <summary>The samples an export covers: [from, to) with the open ends filled in, or SegmentRangeException.</summary>
public static class ExportRange
{
    public static (long From, long To) Resolve(RecordingMetadata metadata, long? fromSample, long? toSample)
    {
        long from = fromSample ?? 0;
        long to = toSample ?? metadata.TotalSamples;
        if (from < 0 || to > metadata.TotalSamples || from >= to)
        {
            throw new SegmentRangeException(FormattableString.Invariant(
                $"cannot export samples {from}..{to} of {metadata.Id}: it has {metadata.TotalSamples} samples ({metadata.DurationSeconds:F3} s), and the start must come before the end"));
        }
        return (from, to);
    }
}
