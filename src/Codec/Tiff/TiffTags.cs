namespace Hark.Codec.Tiff;

/// <summary>The baseline tags the writer sets and the reader looks for (TIFF 6.0 §8).</summary>
public static class TiffTags
{
    public const ushort NewSubfileType = 254;
    public const ushort ImageWidth = 256;
    public const ushort ImageLength = 257;
    public const ushort BitsPerSample = 258;
    public const ushort Compression = 259;
    public const ushort PhotometricInterpretation = 262;
    public const ushort ImageDescription = 270;
    public const ushort StripOffsets = 273;
    public const ushort SamplesPerPixel = 277;
    public const ushort RowsPerStrip = 278;
    public const ushort StripByteCounts = 279;
    public const ushort XResolution = 282;
    public const ushort YResolution = 283;
    public const ushort PlanarConfiguration = 284;
    public const ushort ResolutionUnit = 296;
    public const ushort Software = 305;
}

/// <summary>The field types used here; BigTIFF adds LONG8 (16) for offsets and counts past 4 GiB.</summary>
public enum TiffFieldType : ushort
{
    Byte = 1,
    Ascii = 2,
    Short = 3,
    Long = 4,
    Rational = 5,
    Long8 = 16,
}

/// <summary>PhotometricInterpretation values.</summary>
public enum TiffPhotometric : ushort
{
    BlackIsZero = 1,
    Rgb = 2,
}
