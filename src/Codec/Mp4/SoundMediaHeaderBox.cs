namespace Hark.Codec.Mp4;

/// <summary>smhd: the audio track's media header, centred balance.</summary>
public static class SoundMediaHeaderBox
{
    public static void WriteTo(Mp4BoxWriter writer)
    {
        writer.BeginFull("smhd", 0, 0);
        writer.Int16(0); // balance
        writer.UInt16(0);
        writer.End();
    }
}
