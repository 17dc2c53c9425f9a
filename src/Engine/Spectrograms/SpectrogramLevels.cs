namespace Hark.Engine.Spectrograms;

/// <summary>
/// A finished spectrogram's levels in dB: <see cref="Columns"/> x <see cref="Bands"/>, column by column, band 0 the
/// lowest frequency.
/// </summary>
public sealed class SpectrogramLevels(int columns, int bands, float[] levels)
{
    public int Columns { get; } = columns;
    public int Bands { get; } = bands;

    public float this[int column, int band] => levels[column * Bands + band];

    /// <summary>The loudest cell, in dB.</summary>
    public float Peak => levels.Length == 0 ? 0 : levels.Max();

    /// <summary>
    /// An image, low frequencies at the bottom: <paramref name="dynamicRangeDb"/> below <see cref="Peak"/> (or below
    /// <paramref name="ceilingDb"/> when given, so tiles of one recording share a scale) maps to the colour map's
    /// first entry, the ceiling to its last.
    /// </summary>
    public RgbImage Render(ColorMap colors, double dynamicRangeDb, double? ceilingDb = null)
    {
        double ceiling = ceilingDb ?? Peak;
        double floor = ceiling - dynamicRangeDb;
        var image = new RgbImage(Columns, Bands);
        for (int y = 0; y < Bands; y++)
        {
            var row = image.Row(y);
            int band = Bands - 1 - y;
            for (int x = 0; x < Columns; x++)
            {
                double t = (this[x, band] - floor) / dynamicRangeDb;
                int index = (int)Math.Round(Math.Clamp(t, 0, 1) * 255);
                colors.CopyTo(index, row.Slice(3 * x, 3));
            }
        }
        return image;
    }
}
