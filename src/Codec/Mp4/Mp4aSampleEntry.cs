namespace Hark.Codec.Mp4;

/// <summary>stsd with one 'mp4a' audio sample entry (ISO/IEC 14496-12 AudioSampleEntry) and its esds.</summary>
public readonly record struct Mp4aSampleEntry(int Channels, int SampleRate, EsdsBox Esds)
{
    public void WriteTo(Mp4BoxWriter writer)
    {
        writer.BeginFull("stsd", 0, 0);
        writer.UInt32(1);
        writer.Begin("mp4a");
        writer.Zeros(6);
        writer.UInt16(1); // data_reference_index: the dref's one entry
        writer.Zeros(8);
        writer.UInt16(checked((ushort)Channels));
        writer.UInt16(16); // samplesize: the format's nominal value; AAC has no sample size
        writer.Zeros(2 + 2);
        // 16.16 fixed point; a rate past 65535 cannot be written, and decoders take the rate from the esds anyway.
        writer.UInt32(SampleRate <= ushort.MaxValue ? (uint)SampleRate << 16 : 0);
        Esds.WriteTo(writer);
        writer.End();
        writer.End();
    }
}
