namespace Hark.Codec.Png;

/// <summary>The two 8-bit colour types the writer produces (IHDR colour type values).</summary>
public enum PngColorType : byte
{
    Grey = 0,
    Rgb = 2,
}
