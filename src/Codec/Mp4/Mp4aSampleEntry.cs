namespace Hark.Codec.Mp4;

/// <summary>stsd with one 'mp4a' audio sample entry (ISO/IEC 14496-12 AudioSampleEntry) and its esds.</summary>
public readonly record struct Mp4aSampleEntry(int Channels, int SampleRate, EsdsBox Esds)
{
    public void WriteTo(Mp4BoxWriter writer)
    {
        writer.BeginFull("stsd", 0, 0);
        writer.UInt32(1);
        writer.Begin("mp4a");
        AudioSampleEntryFields.WriteTo(writer, Channels, SampleRate);
        Esds.WriteTo(writer);
        writer.End();
        writer.End();
    }
}
