using Hark.Media.Probe;

namespace Hark.Engine.Import;

/// <summary>
/// How many samples a source file can justify, whatever its header or ffprobe says: the plan's chunk count (one
/// message to the recording entity per chunk) and the staging pass are bounded by it.
/// </summary>
internal static class SourceLengthBound
{
    /// <summary>
    /// Samples per channel a byte of compressed audio can stand for, generously: FLAC's constant subframes carry 65535
    /// silent samples in a few bytes; nothing real goes beyond this.
    /// </summary>
    private const long MaxSamplesPerCompressedByte = 8192;

    /// <summary>Decoding past the probe's length is tolerated by this share of it (estimated durations are estimates).</summary>
    private const double EstimateMargin = 0.5;

    /// <summary>The most samples per channel <paramref name="source"/> can hold, from its size alone.</summary>
    public static long MaxSamples(SourceInfo source)
    {
        long bytes = Math.Max(source.SizeBytes, 1);
        if (source.CodecName.StartsWith("pcm_", StringComparison.Ordinal))
        {
            // Uncompressed: at least one byte per sample and channel (8-bit PCM).
            return bytes / Math.Max(source.Channels, 1);
        }
        return bytes > long.MaxValue / MaxSamplesPerCompressedByte ? long.MaxValue : bytes * MaxSamplesPerCompressedByte;
    }

    /// <summary>
    /// Where staging stops with an error: just past an exact length, 50 % plus a minute past an estimated one, never
    /// past what the file's size justifies.
    /// </summary>
    public static long StagingLimit(long? exactSamples, double estimatedSeconds, int sampleRate, long fileBound)
    {
        if (exactSamples is { } exact)
        {
            return Math.Min(fileBound, exact + StagingCodec.BlockSamples);
        }
        if (estimatedSeconds > 0)
        {
            double limit = estimatedSeconds * sampleRate * (1 + EstimateMargin) + 60.0 * sampleRate;
            return limit >= fileBound ? fileBound : (long)limit;
        }
        return fileBound;
    }
}
