namespace Hark.Codec.Mp4;

/// <summary>
/// udta/meta/ilst: metadata as iTunes writes it, which exiftool, ffprobe and players read. Each item holds a 'data'
/// box of type 1 (UTF-8 text); a freeform item names itself with 'mean' and 'name' boxes first.
/// </summary>
public readonly record struct UserDataBox(IReadOnlyList<ItunesTag> Tags)
{
    private const uint Utf8Text = 1;

    public void WriteTo(Mp4BoxWriter writer)
    {
        writer.Begin("udta");
        writer.BeginFull("meta", 0, 0);
        HandlerBox.ItunesMetadata.WriteTo(writer);
        writer.Begin("ilst");
        foreach (var tag in Tags)
        {
            WriteItem(writer, tag);
        }
        writer.End();
        writer.End();
        writer.End();
    }

    private static void WriteItem(Mp4BoxWriter writer, ItunesTag tag)
    {
        if (tag.Mean is null)
        {
            writer.Begin(tag.Name);
        }
        else
        {
            writer.Begin("----");
            WriteText(writer, "mean", tag.Mean);
            WriteText(writer, "name", tag.Name);
        }
        writer.Begin("data");
        writer.UInt32(Utf8Text);
        writer.UInt32(0); // locale: any
        writer.Utf8(tag.Value);
        writer.End();
        writer.End();
    }

    private static void WriteText(Mp4BoxWriter writer, string type, string text)
    {
        writer.BeginFull(type, 0, 0);
        writer.Utf8(text);
        writer.End();
    }
}
