using Hark.Codec.Png;

namespace Hark.Engine.Spectrograms;

/// <summary>An 8-bit RGB image held as rows, top row first, three bytes per pixel.</summary>
public sealed class RgbImage
{
    private readonly byte[] _pixels;

    public RgbImage(int width, int height)
    {
        if (width < 1 || height < 1 || (long)width * height * 3 > Array.MaxLength)
        {
            throw new ArgumentException($"a {width}x{height} image cannot be held");
        }
        Width = width;
        Height = height;
        _pixels = new byte[width * height * 3];
    }

    public int Width { get; }
    public int Height { get; }

    public int RowLength => Width * 3;

    /// <summary>All rows, top first.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    public Span<byte> Row(int y) => _pixels.AsSpan(y * RowLength, RowLength);

    public void WritePng(Stream output)
    {
        using var png = new PngWriter(output, Width, Height, PngColorType.Rgb, leaveOpen: true);
        for (int y = 0; y < Height; y++)
        {
            png.WriteRow(Row(y));
        }
        png.Complete();
    }
}
