namespace Hark.Engine.Segments;

/// <summary>The one check of a requested range, used by every read and export and by the HTTP API before its first byte.</summary>
public static class SegmentRange
{
    /// <summary>Samples [start, start + count) must lie inside the recording; <see cref="SegmentRangeException"/> otherwise.</summary>
    public static void Check(RecordingMetadata meta, long startSample, long count)
    {
        if (startSample < 0)
        {
            throw new SegmentRangeException($"start sample {startSample} is negative", pastTheEnd: false);
        }
        if (count <= 0)
        {
            throw new SegmentRangeException($"count must be at least 1 (got {count})", pastTheEnd: false);
        }
        if (startSample > meta.TotalSamples - count)
        {
            throw new SegmentRangeException(
                $"samples {startSample}..{startSample + count - 1} run past the end of '{meta.Id}' ({meta.TotalSamples} samples)");
        }
    }
}
