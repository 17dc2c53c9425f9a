namespace Hark.Media.Opus;

/// <summary>
/// A 20-ms Opus packet of digital silence from Hark's own encoder (DTX off, so it is a real packet a decoder
/// plays as 20 ms of silence): what fills the gaps of a station's Opus M4A export.
/// </summary>
public static class OpusSilence
{
    /// <summary>Encodes a few packets of zeros and keeps the last, once the encoder has settled on silence.</summary>
    public static byte[] Packet(int channels, int? bitRate)
    {
        using var encoder = new OpusEncoder(channels, bitRate ?? OpusFormat.DefaultBitRate(channels));
        var zeros = new float[OpusFormat.SamplesPerPacket * channels];
        var packet = new byte[4000];
        int length = 0;
        for (int i = 0; i < 8; i++)
        {
            length = encoder.Encode(zeros, packet);
        }
        return packet.AsSpan(0, length).ToArray();
    }
}
