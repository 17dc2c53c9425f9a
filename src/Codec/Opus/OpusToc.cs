namespace Hark.Codec.Opus;

/// <summary>
/// What an Opus packet's first byte (its TOC, RFC 6716 section 3.1) and, for code 3, its second say about its
/// length: the frame size of its configuration times its frame count, in samples at 48 kHz.
/// </summary>
public static class OpusToc
{
    /// <summary>Samples at 48 kHz the packet decodes to; 0 for an empty or malformed packet.</summary>
    public static int SamplesPerPacket(ReadOnlySpan<byte> packet)
    {
        if (packet.IsEmpty)
        {
            return 0;
        }
        int config = packet[0] >> 3;
        int frameSamples = config switch
        {
            < 12 => (config % 4) switch { 0 => 480, 1 => 960, 2 => 1920, _ => 2880 }, // SILK: 10, 20, 40, 60 ms
            < 16 => config % 2 == 0 ? 480 : 960,                                      // hybrid: 10, 20 ms
            _ => (config % 4) switch { 0 => 120, 1 => 240, 2 => 480, _ => 960 },     // CELT: 2.5, 5, 10, 20 ms
        };
        int frames = (packet[0] & 3) switch
        {
            0 => 1,
            1 or 2 => 2,
            _ => packet.Length < 2 ? 0 : packet[1] & 0x3F,
        };
        long samples = (long)frameSamples * frames;
        return samples > 5760 ? 0 : (int)samples; // RFC 6716: at most 120 ms a packet
    }
}
