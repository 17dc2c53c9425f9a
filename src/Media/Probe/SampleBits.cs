namespace Hark.Media.Probe;

/// <summary>How many bits an integer source really uses, which decides how S32 output is scaled.</summary>
public static class SampleBits
{
    public static bool IsFloatFormat(string sampleFormat) => sampleFormat is "flt" or "fltp" or "dbl" or "dblp";

    /// <summary>
    /// Significant bits of an integer source: ffprobe's bits_per_raw_sample (FLAC, 24-bit PCM), else the PCM
    /// codec's bits_per_sample, else the decoded format's width (u8 8, s16 16, s32 32). Null for float sources.
    /// </summary>
    public static int? Resolve(string sampleFormat, int? bitsPerRawSample, int? bitsPerSample, string codecName)
    {
        if (IsFloatFormat(sampleFormat))
        {
            return null;
        }
        if (bitsPerRawSample is > 0 and <= 32)
        {
            return bitsPerRawSample;
        }
        if (codecName.StartsWith("pcm_", StringComparison.Ordinal) && bitsPerSample is > 0 and <= 32)
        {
            return bitsPerSample;
        }
        return sampleFormat switch
        {
            "u8" or "u8p" => 8,
            "s16" or "s16p" => 16,
            "s32" or "s32p" or "s64" or "s64p" => 32,
            _ => null,
        };
    }
}
