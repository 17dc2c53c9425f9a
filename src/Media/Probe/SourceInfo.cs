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
    /// <summary>Which source gave <see cref="StartTime"/>: bext, creation_time, audiomoth, guano, file_name; null when none.</summary>
    public string? StartTimeSource { get; init; }

    /// <summary>Which audio stream of the file this is, counted from 0 among its audio streams (ffmpeg's 0:a:N).</summary>
    public int AudioStream { get; init; }

    /// <summary>How many audio streams the file has.</summary>
    public int AudioStreamCount { get; init; } = 1;

    /// <summary>The codec profile as ffprobe names it ("LC", "HE-AAC", "Main"); null when the codec has none.</summary>
    public string? Profile { get; init; }

    /// <summary>The stream's length in samples as the container states it (duration_ts in a 1/rate time base, which
    /// an MP4 edit list trims to the played length); null when the container does not count in samples.</summary>
    public long? ContainerSamples { get; init; }

    /// <summary>The source's bit rate in bit/s, when ffprobe knows it.</summary>
    public long? BitRate { get; init; }

    /// <summary>The "encoder" tag (e.g. "Lavf59.27.100", "iTunes 12.9"), when present.</summary>
    public string? EncoderTag { get; init; }

    /// <summary>Apple's iTunSMPB gapless tag (priming, padding, length in hex), when present.</summary>
    public string? ITunSmpb { get; init; }

    /// <summary>The "station" tag, when present: an import's default station.</summary>
    public string? StationTag { get; init; }
}
