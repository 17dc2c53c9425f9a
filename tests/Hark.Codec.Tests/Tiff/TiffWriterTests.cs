using Hark.Codec.Tiff;
using Hark.Testing;

namespace Hark.Codec.Tests.Tiff;

/// <summary>
/// A data-first TIFF (pixels written, then the directory) in classic and BigTIFF form, read back by this reader, by
/// Python's tifffile pixel for pixel and by libtiff's tiffinfo; hostile directories refused.
/// </summary>
public sealed class TiffWriterTests
{
    private static byte[] WriteTwoPages(bool big, out byte[] rgb, out byte[] grey)
    {
        const int width = 33, height = 7, greyWidth = 100, greyRows = 5;
        rgb = new byte[width * height * 3];
        grey = new byte[greyWidth * greyRows];
        new Random(3).NextBytes(rgb);
        new Random(4).NextBytes(grey);
        using var file = new MemoryStream();
        TiffIfdWriter.WriteHeader(file, big);
        long greyStart = file.Position;
        file.Write(grey);
        long rgbStart = file.Position;
        file.Write(rgb);
        var (rgbOffsets, rgbCounts) = TiffPage.ContiguousStrips(rgbStart, width * 3, height, 2);
        var (greyOffsets, greyCounts) = TiffPage.ContiguousStrips(greyStart, greyWidth, greyRows, 2);
        TiffIfdWriter.WritePages(file, 0, big,
        [
            new TiffPage(width, height, 3, TiffPhotometric.Rgb, 2, rgbOffsets, rgbCounts, "{\"page\":1}") { Software = "test" },
            new TiffPage(greyWidth, greyRows, 1, TiffPhotometric.BlackIsZero, 2, greyOffsets, greyCounts, "second page"),
        ]);
        return file.ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_reader_finds_both_pages_and_their_strips(bool big)
    {
        var bytes = WriteTwoPages(big, out var rgb, out var grey);
        using var file = new MemoryStream(bytes);
        Assert.Equal(big, TiffReader.ReadHeader(file).IsBig);
        var pages = TiffReader.ReadPages(file);
        Assert.Equal(2, pages.Count);
        Assert.Equal((33L, 7L, 3, "{\"page\":1}", "test"), (pages[0].Width, pages[0].Height, pages[0].SamplesPerPixel, pages[0].Description, pages[0].Software));
        Assert.Equal(4, pages[0].StripOffsets.Count);
        var strip = new byte[427];
        using var page2 = new TiffStripStream(file, pages[1], 427);
        page2.ReadExactly(strip);
        Assert.Equal(grey.AsSpan(0, 427).ToArray(), strip);
        Assert.Equal(0, page2.Read(new byte[1]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tifffile_and_tiffinfo_read_what_was_written(bool big)
    {
        using var temp = new TempDirectory("tiff");
        var path = temp.File("two.tiff");
        await File.WriteAllBytesAsync(path, WriteTwoPages(big, out var rgb, out var grey));
        var python = await ProcessRunner.RunAsync("/usr/bin/python3", ["-c",
            "import sys, tifffile; t = tifffile.TiffFile(sys.argv[1]); sys.stdout.buffer.write(bytes([t.is_bigtiff, len(t.pages)]) + t.pages[0].asarray().tobytes() + t.pages[1].asarray().tobytes())",
            path]);
        Assert.True(python.ExitCode == 0, python.StandardError);
        Assert.Equal([big ? (byte)1 : (byte)0, 2, .. rgb, .. grey], python.StandardOutput);
        var info = await ProcessRunner.RunAsync("tiffinfo", [path]);
        Assert.True(info.ExitCode == 0, info.StandardError);
        Assert.Equal(2, info.Output.Split('\n').Count(l => l.StartsWith("TIFF Directory at offset", StringComparison.Ordinal)));
        Assert.Contains("ImageDescription: second page", info.Output);
    }

    [Fact]
    public void Hostile_directories_are_refused()
    {
        var bytes = WriteTwoPages(false, out _, out _);
        // The first IFD pointed at itself from its own next-IFD field: a loop.
        var looped = bytes.ToArray();
        uint first = BitConverter.ToUInt32(looped, 4);
        int entries = BitConverter.ToUInt16(looped, (int)first);
        BitConverter.GetBytes(first).CopyTo(looped, (int)first + 2 + entries * 12);
        Assert.Throws<TiffFormatException>(() => TiffReader.ReadPages(new MemoryStream(looped)));
        // An IFD past the end, a truncated header, big-endian.
        var past = bytes.ToArray();
        BitConverter.GetBytes(uint.MaxValue).CopyTo(past, 4);
        Assert.Throws<TiffFormatException>(() => TiffReader.ReadPages(new MemoryStream(past)));
        Assert.Throws<TiffFormatException>(() => TiffReader.ReadPages(new MemoryStream(bytes.AsSpan(0, 5).ToArray())));
        Assert.Throws<TiffFormatException>(() => TiffHeader.Parse("MM\0*\0\0\0\b"u8));
        // A strip that lies past the end of the file.
        var cut = bytes.AsSpan(0, bytes.Length).ToArray();
        using var file = new MemoryStream(cut);
        var pages = TiffReader.ReadPages(file);
        Assert.Throws<TiffFormatException>(() => new TiffStripStream(file, pages[1], pages[1].StripByteCounts.Sum() + 1));
    }

    [Fact]
    public void Classic_tiff_refuses_offsets_past_4_gib()
    {
        var page = new TiffPage(1, 1, 1, TiffPhotometric.BlackIsZero, 1, [5_000_000_000L], [1], null);
        Assert.Throws<TiffFormatException>(() => TiffIfdWriter.WritePages(new MemoryStream(), 0, false, [page]));
    }
}
