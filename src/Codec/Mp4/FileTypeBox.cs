namespace Hark.Codec.Mp4;

/// <summary>ftyp: what the file is. M4A as the major brand (an iTunes audio file), readable as plain MP4 too.</summary>
public readonly record struct FileTypeBox(string MajorBrand, uint MinorVersion, IReadOnlyList<string> CompatibleBrands)
{
    public static readonly FileTypeBox M4a = new("M4A ", 0, ["M4A ", "mp42", "isom"]);

    /// <summary>
    /// The same for an Opus track, plus 'iso2' (a brand that requires roll groups, which Opus in ISOBMFF 4.3.6.2
    /// asks for) and 'Opus' (the brand that spec defines for files conforming to it).
    /// </summary>
    public static readonly FileTypeBox M4aOpus = new("M4A ", 0, ["M4A ", "mp42", "isom", "iso2", "Opus"]);

    public void WriteTo(Mp4BoxWriter writer)
    {
        writer.Begin("ftyp");
        writer.FourCc(MajorBrand);
        writer.UInt32(MinorVersion);
        foreach (var brand in CompatibleBrands)
        {
            writer.FourCc(brand);
        }
        writer.End();
    }
}
