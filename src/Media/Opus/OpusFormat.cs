namespace Hark.Media.Opus;

/// <summary>The fixed shape of Hark's Opus streams: 48 kHz, 20 ms packets, one or two channels.</summary>
public static class OpusFormat
{
    /// <summary>Opus always decodes at 48 kHz; other source rates are resampled on import.</summary>
    public const int SampleRate = 48_000;

    /// <summary>20 ms: the frame size libopus is tuned for; shorter frames cost bits, longer ones (up to 60 ms) seek coarser.</summary>
    public const int SamplesPerPacket = 960;

    /// <summary>
    /// RFC 7845 section 4.6: a decoder started mid-stream needs at least 80 ms of packets before its output converges
    /// (CELT's energy prediction and SILK's LPC state); Hark decodes 4 packets of 20 ms before the first needed one.
    /// </summary>
    public const int PreRollPackets = 80 / 20;

    /// <summary>The largest packet one stream can have (RFC 6716 section 3.2.1: 1275 bytes per 20 ms frame).</summary>
    public const int MaxPacketBytes = 1275;

    public const int MaxChannels = 2;

    /// <summary>
    /// libopus's lookahead at 48 kHz (2.5 ms of CELT overlap plus 4 ms of delay compensation): every decode starts
    /// this many samples before the first source sample. The stream's pre-skip; each encoder checks its own.
    /// </summary>
    public const int PreSkip = 312;

    /// <summary>Chunks of an Opus import are multiples of this: 64 packets, and 15 of the staging's 4096-sample blocks.</summary>
    public const int ChunkUnit = 61_440;

    /// <summary>64 kb/s mono, 96 kb/s stereo (48k a channel beyond): 50-60 % of the AAC defaults, for what Opus does better per bit.</summary>
    public static int DefaultBitRate(int channels) => channels == 1 ? 64_000 : 48_000 * channels;

    public static bool IsSupported(int channels) => channels is >= 1 and <= MaxChannels;
}
