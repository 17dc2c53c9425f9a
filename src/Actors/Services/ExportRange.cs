using Hark.Engine.Segments;

namespace Hark.Actors.Services;

/// <summary>The samples an export covers: [from, to) with the open ends filled in, or SegmentRangeException.</summary>
public static class ExportRange
{
    public static (long From, long To) Resolve(RecordingMetadata metadata, long? fromSample, long? toSample)
    {
        long from = fromSample ?? 0;
        long to = toSample ?? metadata.TotalSamples;
        try
        {
            SegmentRange.Check(metadata, from, to - from);
        }
        catch (SegmentRangeException e)
        {
            // A stretch the recording does not hold, whichever end is off: the range is not satisfiable.
            throw new SegmentRangeException(FormattableString.Invariant(
                $"cannot export samples {from}..{to} of {metadata.Id} ({metadata.TotalSamples} samples, {metadata.DurationSeconds:F3} s): {e.Message}"));
        }
        return (from, to);
    }
}
