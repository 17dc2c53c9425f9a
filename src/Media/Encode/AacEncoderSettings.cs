using Hark.Media.Errors;

namespace Hark.Media.Encode;

/// <summary>What to encode: the PCM's rate and channel count, and the AAC bit rate (bits per second).</summary>
public sealed record AacEncoderSettings
{
    /// <summary>The rates AAC-LC frames carry in ADTS and ffmpeg's encoder accepts, 8 to 96 kHz.</summary>
    public static IReadOnlyList<int> SupportedSampleRates { get; } =
        [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 64000, 88200, 96000];

    public AacEncoderSettings(int sampleRate, int channels, int? bitRate = null)
    {
        SampleRate = sampleRate;
        Channels = channels;
        BitRate = bitRate ?? DefaultBitRate(channels);
    }

    public int SampleRate { get; init; }

    public int Channels { get; init; }

    public int BitRate { get; init; }

    /// <summary>128 kb/s mono, 160 kb/s stereo (the archive's targets), 64 kb/s per channel beyond that.</summary>
    public static int DefaultBitRate(int channels) => channels switch
    {
        1 => 128_000,
        2 => 160_000,
        _ => 64_000 * channels,
    };

    /// <summary>
    /// The rate ffmpeg really uses: an AAC frame holds at most 6144 bits per channel, so low sample rates cap the
    /// bit rate (8 kHz mono: 48 kb/s), and ffmpeg clamps to that.
    /// </summary>
    public int EffectiveBitRate => (int)Math.Min(BitRate, 6144L * Channels * SampleRate / 1024);

    public static bool IsSupported(int sampleRate, int channels) =>
        SupportedSampleRates.Contains(sampleRate) && AacChannelLayouts.IsSupported(channels);

    /// <summary>Throws <see cref="UnsupportedMediaException"/> naming what AAC cannot carry.</summary>
    public void Validate()
    {
        if (!SupportedSampleRates.Contains(SampleRate))
        {
            throw new UnsupportedMediaException(
                $"AAC cannot carry {SampleRate} Hz (supported: {string.Join(", ", SupportedSampleRates)}); use the lossless codec");
        }
        if (!AacChannelLayouts.IsSupported(Channels))
        {
            throw new UnsupportedMediaException($"AAC encoding supports 1 to 6 channels, not {Channels}; use the lossless codec");
        }
        if (BitRate is < 8_000 or > 1_536_000)
        {
            throw new ArgumentOutOfRangeException(nameof(BitRate), BitRate, "AAC bit rate must be 8000..1536000 b/s");
        }
    }
}
