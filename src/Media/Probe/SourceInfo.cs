namespace Hark.Media.Probe;

/// <summary>What ffprobe (and Hark's own metadata readers) found out about a source file's first audio stream.</summary>
/// <param name="TotalSamples">
/// Samples per channel, exact, when the container states it reliably (PCM in WAV/W64/RF64/AIFF, FLAC and other
/// lossless codecs). Null for lossy codecs: priming and padding handling differs per container, so only a decode
/// can count them (see <see cref="MediaProbe.CountSamplesAsync"/>).
/// </param>
/// <param name="SampleFormat">ffmpeg's decoded sample format name (s16, s32, fltp, ...).</param>
/// <param name="BitsPerRawSample">Significant bits of an integer source (16, 24, 32), null when unknown or float.</param>
/// <param name="IsFloat">The decoder produces floating point samples (mp3, aac, vorbis, opus, f32/f64 PCM).</param>
/// <param name="StartTime">When the first sample was recorded, in UTC, if the file says so.</param>
public sealed record SourceInfo(
    string Path,
    string FormatName,
    string CodecName,
    int SampleRate,
    int Channels,
    string? ChannelLayout,
    double DurationSeconds,
    long? TotalSamples,
    string SampleFormat,
    int? BitsPerRawSample,
    bool IsFloat,
    DateTimeOffset? StartTime,
    long SizeBytes)
{
    /// <summary>Which source gave <see cref="StartTime"/>: bext, creation_time, audiomoth, guano; null when none.</summary>
    public string? StartTimeSource { get; init; }
}
