namespace Hark.Media.Opus;

/// <summary>The fixed shape of Hark's Opus streams: 48 kHz, 20 ms packets, 1 to 8 channels.</summary>
public static class OpusFormat
{
    /// <summary>Opus always decodes at 48 kHz; other source rates are resampled on import.</summary>
    public const int SampleRate = 48_000;

    /// <summary>20 ms: the frame size libopus is tuned for; shorter frames cost bits, longer ones (up to 60 ms) seek coarser.</summary>
    public const int SamplesPerPacket = 960;

    /// <summary>
    /// Packets a read decodes (and drops) before the one holding its first sample: 320 ms. RFC 7845 section 4.6 asks
    /// for at least 80 ms, after which the output is "converged" for listening; CELT's band energies are predicted from
    /// the previous packet's (at 20 ms with a weight of 0.5), so a fresh decoder's error halves with every packet.
    /// Measured against one sequential decode of speech over noise (docs/opus.md): 80 ms leaves up to 2.5e-2 (35 dB
    /// SNR), 160 ms 1.9e-3 (60 dB), 320 ms 4e-6 (111 dB, under a 16-bit step), for 12 more packet decodes per read.
    /// </summary>
    public const int PreRollPackets = 16;

    /// <summary>The least pre-roll RFC 7845 allows: 80 ms.</summary>
    public const int MinPreRollPackets = 80 / 20;

    /// <summary>The largest packet one stream can have (RFC 6716 section 3.2.1: 1275 bytes per 20 ms frame); a
    /// multistream packet holds up to one per channel, with a few bytes of self-delimiting framing each.</summary>
    public const int MaxPacketBytes = 1275;

    /// <summary>RFC 7845 mapping family 1 goes to 8 channels (7.1).</summary>
    public const int MaxChannels = 8;

    /// <summary>A buffer that takes any packet of <paramref name="channels"/> channels.</summary>
    public static int MaxPacketBytesFor(int channels) => (MaxPacketBytes + 2) * channels;

    /// <summary>
    /// libopus's lookahead at 48 kHz (2.5 ms of CELT overlap plus 4 ms of delay compensation): every decode starts
    /// this many samples before the first source sample. The stream's pre-skip; each encoder checks its own.
    /// </summary>
    public const int PreSkip = 312;

    /// <summary>Chunks of an Opus import are multiples of this: 64 packets, and 15 of the staging's 4096-sample blocks.</summary>
    public const int ChunkUnit = 61_440;

    /// <summary>Packets of a whole recording of <paramref name="totalSamples"/>: enough for every sample after the pre-skip.</summary>
    public static long PacketsFor(long totalSamples) => (totalSamples + PreSkip + SamplesPerPacket - 1) / SamplesPerPacket;

    /// <summary>64 kb/s mono, 96 kb/s stereo (48k a channel beyond): 50-60 % of the AAC defaults, for what Opus does better per bit.</summary>
    public static int DefaultBitRate(int channels) => channels == 1 ? 64_000 : 48_000 * channels;

    public static bool IsSupported(int channels) => channels is >= 1 and <= MaxChannels;

    public const int MinBitRate = 6_000;

    /// <summary>What libopus accepts: 510 kb/s for one stream, 256 kb/s a channel for several.</summary>
    public static int MaxBitRateFor(int channels) => channels <= 2 ? 510_000 : 256_000 * channels;

    public static bool IsSupportedBitRate(int bitRate, int channels) => bitRate >= MinBitRate && bitRate <= MaxBitRateFor(channels);
}
