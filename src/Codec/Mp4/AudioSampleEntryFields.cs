namespace Hark.Codec.Mp4;

/// <summary>The fields every ISO/IEC 14496-12 AudioSampleEntry starts with, whatever the codec ('mp4a', 'Opus').</summary>
internal static class AudioSampleEntryFields
{
    public static void WriteTo(Mp4BoxWriter writer, int channels, int sampleRate)
    {
        writer.Zeros(6);
        writer.UInt16(1); // data_reference_index: the dref's one entry
        writer.Zeros(8);
        writer.UInt16(checked((ushort)channels));
        writer.UInt16(16); // samplesize: the format's nominal value; neither AAC nor Opus has a sample size
        writer.Zeros(2 + 2);
        // 16.16 fixed point; a rate past 65535 cannot be written, and decoders take the rate from the codec's own box.
        writer.UInt32(sampleRate <= ushort.MaxValue ? (uint)sampleRate << 16 : 0);
    }
}
