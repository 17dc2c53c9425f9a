namespace Hark.Codec.Mp4;

/// <summary>tref with one reference type: here 'tmcd', from the audio track to the timecode track that times it.</summary>
public readonly record struct TrackReferenceBox(string ReferenceType, uint TrackId)
{
    public static TrackReferenceBox Timecode(uint trackId) => new("tmcd", trackId);

    public void WriteTo(Mp4BoxWriter writer)
    {
        writer.Begin("tref");
        writer.Begin(ReferenceType);
        writer.UInt32(TrackId);
        writer.End();
        writer.End();
    }
}
