namespace Hark.Codec.Mp4;

/// <summary>stsd with one 'Opus' audio sample entry and its dOps (Opus in ISOBMFF, section 4.3.1): 48 kHz whatever the source rate.</summary>
public readonly record struct OpusSampleEntry(OpusSpecificBox Dops)
{
    public const int SampleRate = 48_000;

    public void WriteTo(Mp4BoxWriter writer)
    {
        writer.BeginFull("stsd", 0, 0);
        writer.UInt32(1);
        writer.Begin("Opus");
        AudioSampleEntryFields.WriteTo(writer, Dops.OutputChannelCount, SampleRate);
        Dops.WriteTo(writer);
        writer.End();
        writer.End();
    }
}
