namespace Hark.Codec.Mp4;

/// <summary>mdhd: the media's timescale (the sample rate) and duration (every sample of every frame stored).</summary>
public readonly record struct MediaHeaderBox(ulong CreationTime, uint Timescale, ulong Duration)
{
    /// <summary>ISO-639-2 "und" packed as three 5-bit letters: the language is not known.</summary>
    public const ushort Undetermined = 0x55C4;

    public void WriteTo(Mp4BoxWriter writer)
    {
        byte version = Mp4Time.VersionFor(CreationTime, Duration);
        writer.BeginFull("mdhd", version, 0);
        TimesWriter.Write(writer, version, CreationTime, Timescale, Duration);
        writer.UInt16(Undetermined);
        writer.UInt16(0);
        writer.End();
    }
}
