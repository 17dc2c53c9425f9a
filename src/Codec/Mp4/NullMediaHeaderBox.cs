namespace Hark.Codec.Mp4;

/// <summary>
/// nmhd: the ISO media header of a track that is neither sound nor video. The timecode track carries it, as the seed
/// and ISO/IEC 14496-12 say, where a QuickTime movie would have gmhd; ffmpeg, mediainfo and mp4box.js read either.
/// </summary>
public static class NullMediaHeaderBox
{
    public static void WriteTo(Mp4BoxWriter writer)
    {
        writer.BeginFull("nmhd", 0, 0);
        writer.End();
    }
}
