namespace Hark.Engine.Spectrograms;

/// <summary>A 256-entry colour table, entry 0 for the quietest level.</summary>
public sealed class ColorMap
{
    private readonly byte[] _rgb;

    private ColorMap(byte[] rgb) => _rgb = rgb;

    /// <summary>
    /// Magma-like: black through purple and orange to pale yellow, perceptually ordered and legible in greyscale.
    /// Interpolated linearly between nine colours of matplotlib's magma, taken at every eighth of its range.
    /// </summary>
    public static ColorMap Magma { get; } = Interpolate(
    [
        (0, 0, 4), (28, 16, 68), (79, 18, 123), (129, 37, 129), (181, 54, 122),
        (229, 89, 100), (251, 135, 97), (254, 194, 135), (252, 253, 191),
    ]);

    public void CopyTo(int index, Span<byte> rgb) => _rgb.AsSpan(3 * index, 3).CopyTo(rgb);

    private static ColorMap Interpolate((byte R, byte G, byte B)[] anchors)
    {
        var rgb = new byte[256 * 3];
        int segments = anchors.Length - 1;
        for (int i = 0; i < 256; i++)
        {
            double position = i / 255.0 * segments;
            int low = Math.Min((int)position, segments - 1);
            double t = position - low;
            var (a, b) = (anchors[low], anchors[low + 1]);
            rgb[3 * i] = (byte)Math.Round(a.R + (b.R - a.R) * t);
            rgb[3 * i + 1] = (byte)Math.Round(a.G + (b.G - a.G) * t);
            rgb[3 * i + 2] = (byte)Math.Round(a.B + (b.B - a.B) * t);
        }
        return new ColorMap(rgb);
    }
}
