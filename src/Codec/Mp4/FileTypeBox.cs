namespace Hark.Codec.Mp4;

/// <summary>ftyp: what the file is. M4A as the major brand (an iTunes audio file), readable as plain MP4 too.</summary>
public readonly record struct FileTypeBox(string MajorBrand, uint MinorVersion, IReadOnlyList<string> CompatibleBrands)
{
    public static readonly FileTypeBox M4a = new("M4A ", 0, ["M4A ", "mp42", "isom"]);

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
