namespace Hark.Media.Aac;

/// <summary>
/// A raw AAC-LC frame of silence in a long block with the sine window, for a channel configuration (1..7).
/// avcodec_flush_buffers clears the overlap buffers but keeps each channel's last window shape, so the first frame
/// after a flush would not decode like a new decoder's first frame. Decoding this frame after the flush leaves
/// exactly a new decoder's state: zero overlap, previous window "only long" with the sine shape.
/// </summary>
public static class AacSilentFrame
{
    private const int Sce = 0;
    private const int Cpe = 1;
    private const int Lfe = 3;
    private const int End = 7;

    /// <summary>Syntactic elements per channel configuration (ISO/IEC 14496-3 table 1.19).</summary>
    private static readonly int[][] Elements =
    [
        [],
        [Sce],
        [Cpe],
        [Sce, Cpe],
        [Sce, Cpe, Sce],
        [Sce, Cpe, Cpe],
        [Sce, Cpe, Cpe, Lfe],
        [Sce, Cpe, Cpe, Cpe, Lfe],
    ];

    public static byte[] For(int channelConfiguration)
    {
        if (channelConfiguration is < 1 or > 7)
        {
            throw new ArgumentOutOfRangeException(nameof(channelConfiguration), channelConfiguration, "1..7");
        }
        var bits = new BitWriter();
        var tags = new int[4];
        foreach (int element in Elements[channelConfiguration])
        {
            bits.Write(element, 3);
            bits.Write(tags[element]++, 4);
            if (element == Cpe)
            {
                bits.Write(0, 1); // common_window: each channel has its own ics_info
                WriteSilentChannel(bits);
            }
            WriteSilentChannel(bits);
        }
        bits.Write(End, 3);
        return bits.ToArray();
    }

    /// <summary>individual_channel_stream with no scale factor bands: nothing but zeros to decode.</summary>
    private static void WriteSilentChannel(BitWriter bits)
    {
        bits.Write(100, 8); // global_gain, unused without bands
        bits.Write(0, 1);   // ics_reserved_bit
        bits.Write(0, 2);   // window_sequence: ONLY_LONG_SEQUENCE
        bits.Write(0, 1);   // window_shape: sine, a new decoder's assumption
        bits.Write(0, 6);   // max_sfb
        bits.Write(0, 1);   // predictor_data_present
        bits.Write(0, 1);   // pulse_data_present
        bits.Write(0, 1);   // tns_data_present
        bits.Write(0, 1);   // gain_control_data_present
    }

    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _bitCount;

        public void Write(int value, int count)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                if (_bitCount % 8 == 0)
                {
                    _bytes.Add(0);
                }
                if (((value >> i) & 1) != 0)
                {
                    _bytes[^1] |= (byte)(0x80 >> (_bitCount % 8));
                }
                _bitCount++;
            }
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
