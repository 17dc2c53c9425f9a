namespace Hark.Codec.Tiff;

/// <summary>
/// One page (IFD) of 8-bit, uncompressed, chunky samples: its size, its strips where they already lie in the file,
/// and its ImageDescription. What the writer lays out and the reader gives back.
/// </summary>
public sealed record TiffPage(
    long Width,
    long Height,
    int SamplesPerPixel,
    TiffPhotometric Photometric,
    long RowsPerStrip,
    IReadOnlyList<long> StripOffsets,
    IReadOnlyList<long> StripByteCounts,
    string? Description)
{
    /// <summary>Bits per sample of each channel; the writer writes 8 only.</summary>
    public int BitsPerSample { get; init; } = 8;

    /// <summary>1 = none; the reader refuses to read strips of any other.</summary>
    public int Compression { get; init; } = 1;

    public string? Software { get; init; }

    public long RowBytes => Width * SamplesPerPixel * BitsPerSample / 8;

    /// <summary>Strips of <paramref name="rowsPerStrip"/> rows, laid end to end from <paramref name="dataOffset"/>.</summary>
    public static (long[] Offsets, long[] Counts) ContiguousStrips(long dataOffset, long rowBytes, long height, long rowsPerStrip)
    {
        long strips = (height + rowsPerStrip - 1) / rowsPerStrip;
        var offsets = new long[strips];
        var counts = new long[strips];
        for (long s = 0; s < strips; s++)
        {
            long rows = Math.Min(rowsPerStrip, height - s * rowsPerStrip);
            offsets[s] = dataOffset + s * rowsPerStrip * rowBytes;
            counts[s] = rows * rowBytes;
        }
        return (offsets, counts);
    }
}
