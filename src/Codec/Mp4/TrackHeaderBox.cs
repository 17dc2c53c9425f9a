namespace Hark.Codec.Mp4;

/// <summary>tkhd: an enabled audio track in the movie; its duration (in the movie's timescale) is the edit list's.</summary>
public readonly record struct TrackHeaderBox(ulong CreationTime, uint TrackId, ulong Duration)
{
    /// <summary>track_enabled | track_in_movie.</summary>
    public const int EnabledInMovie = 0x000003;

    public void WriteTo(Mp4BoxWriter writer)
    {
        byte version = Mp4Time.VersionFor(CreationTime, Duration);
        writer.BeginFull("tkhd", version, EnabledInMovie);
        TimesWriter.WriteTime(writer, version, CreationTime);
        TimesWriter.WriteTime(writer, version, CreationTime);
        writer.UInt32(TrackId);
        writer.Zeros(4);
        TimesWriter.WriteTime(writer, version, Duration);
        writer.Zeros(8);
        writer.Zeros(2 + 2); // layer, alternate_group
        writer.UInt16(0x0100); // volume 1.0: an audio track
        writer.Zeros(2);
        UnityMatrix.WriteTo(writer);
        writer.Zeros(4 + 4); // width, height: none for audio
        writer.End();
    }
}
