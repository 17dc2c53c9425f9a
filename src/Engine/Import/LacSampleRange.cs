namespace Hark.Engine.Import;

/// <summary>
/// LAC carries |s| &lt;= 2^23 - 1, so a 24-bit sample clipped at -2^23 does not fit. For AAC (lossy anyway) it moves
/// up by one step; a lossless import refuses instead of changing a sample.
/// </summary>
internal static class LacSampleRange
{
    private const int Lowest = -(1 << 23) + 1;

    public static void Keep(Span<int> samples, ImportPlan plan)
    {
        if (plan.BitDepth != 24)
        {
            return;
        }
        for (int i = 0; i < samples.Length; i++)
        {
            if (samples[i] < Lowest)
            {
                if (plan.Codec == AudioCodec.Lac)
                {
                    throw new ImportRefusedException(
                        $"{plan.SourceName}: a sample at -2^23 (full-scale negative clipping) is outside LAC's range; use --codec aac");
                }
                samples[i] = Lowest;
            }
        }
    }
}
