namespace Hark.Codec.Mp4;

/// <summary>mvhd: the movie's timescale and duration (the sum of the edit list, in that timescale) and its creation time.</summary>
public readonly record struct MovieHeaderBox(ulong CreationTime, uint Timescale, ulong Duration, uint NextTrackId)
{
    public void WriteTo(Mp4BoxWriter writer)
    {
        byte version = Mp4Time.VersionFor(CreationTime, Duration);
        writer.BeginFull("mvhd", version, 0);
        TimesWriter.Write(writer, version, CreationTime, Timescale, Duration);
        writer.UInt32(0x00010000); // rate 1.0
        writer.UInt16(0x0100); // volume 1.0
        writer.Zeros(2 + 8);
        UnityMatrix.WriteTo(writer);
        writer.Zeros(6 * 4); // pre_defined
        writer.UInt32(NextTrackId);
        writer.End();
    }
}
