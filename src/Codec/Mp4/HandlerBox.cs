namespace Hark.Codec.Mp4;

/// <summary>hdlr: what a track's media (or a meta box's items) are. 'soun' for audio, 'tmcd' for the timecode; 'mdir'/'appl' for iTunes metadata.</summary>
public readonly record struct HandlerBox(string HandlerType, string Name, string? Manufacturer = null)
{
    public static readonly HandlerBox Sound = new("soun", "SoundHandler");

    /// <summary>A timecode track's media, named as QuickTime names it.</summary>
    public static readonly HandlerBox Timecode = new("tmcd", "TimeCodeHandler");

    public static readonly HandlerBox ItunesMetadata = new("mdir", "", "appl");

    public void WriteTo(Mp4BoxWriter writer)
    {
        writer.BeginFull("hdlr", 0, 0);
        writer.UInt32(0); // pre_defined
        writer.FourCc(HandlerType);
        if (Manufacturer is null)
        {
            writer.Zeros(4);
        }
        else
        {
            writer.FourCc(Manufacturer);
        }
        writer.Zeros(8);
        writer.Utf8(Name);
        writer.UInt8(0);
        writer.End();
    }
}
