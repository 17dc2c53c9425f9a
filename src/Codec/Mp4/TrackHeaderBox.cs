namespace Hark.Codec.Mp4;

/// <summary>
/// tkhd: an enabled track in the movie; its duration (in the movie's timescale) is the edit list's. Audio at full volume;
/// a track that makes no sound (the timecode) at <see cref="Silent"/>.
/// </summary>
public readonly record struct TrackHeaderBox(ulong CreationTime, uint TrackId, ulong Duration, ushort Volume = TrackHeaderBox.FullVolume)
{
    /// <summary>8.8 fixed point 1.0.</summary>
    public const ushort FullVolume = 0x0100;

    public const ushort Silent = 0;

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
        writer.UInt16(Volume);
        writer.Zeros(2);
        UnityMatrix.WriteTo(writer);
        writer.Zeros(4 + 4); // width, height: none for audio
        writer.End();
    }
}
