using Hark.Codec.Png;
using Hark.Testing;

namespace Hark.Codec.Tests.Png;

/// <summary>Images written by <see cref="PngWriter"/>, decoded by ffmpeg (an independent PNG decoder) pixel for pixel.</summary>
public sealed class PngWriterTests
{
    [Theory]
    [InlineData(PngColorType.Rgb, 37, 19, "rgb24")]
    [InlineData(PngColorType.Grey, 300, 250, "gray")]
    [InlineData(PngColorType.Rgb, 1, 1, "rgb24")]
    public async Task FfmpegDecodesTheSamePixels(PngColorType colorType, int width, int height, string pixelFormat)
    {
        using var temp = new TempDirectory("png");
        var path = temp.File("image.png");
        int channels = colorType == PngColorType.Rgb ? 3 : 1;
        var pixels = new byte[width * height * channels];
        var random = new Random(width * 31 + height);
        // Smooth gradients plus noise: both the Up filter's gains and its wrap-around are exercised.
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i / channels % width * 7 + (i / (width * channels)) * 3 + random.Next(0, 3) * 90);
        }
        using (var file = File.Create(path))
        using (var png = new PngWriter(file, width, height, colorType))
        {
            for (int y = 0; y < height; y++)
            {
                png.WriteRow(pixels.AsSpan(y * width * channels, width * channels));
            }
            png.Complete();
        }
        var decoded = await ProcessRunner.RunAsync("ffmpeg", ["-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", pixelFormat, "-"]);
        Assert.True(decoded.ExitCode == 0, decoded.StandardError);
        Assert.Equal(pixels, decoded.StandardOutput);
        var probe = await ProcessRunner.RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0", path]);
        Assert.Equal($"{width},{height}", probe.Output.Trim());
    }

    [Fact]
    public void ALargeImageSpansSeveralIdatChunksEachWithItsHeader()
    {
        using var memory = new MemoryStream();
        const int width = 1000, height = 400;
        var random = new Random(7);
        var row = new byte[width * 3];
        using (var png = new PngWriter(memory, width, height, PngColorType.Rgb, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                random.NextBytes(row);
                png.WriteRow(row);
            }
            png.Complete();
        }
        var bytes = memory.ToArray().AsSpan(8);
        var types = new List<string>();
        while (bytes.Length > 0)
        {
            var header = PngChunkHeader.Parse(bytes);
            types.Add(System.Text.Encoding.ASCII.GetString(bytes.Slice(4, 4)));
            Assert.True(header.DataLength <= PngWriter.IdatLength);
            bytes = bytes.Slice(PngChunkHeader.Length + header.DataLength + 4);
        }
        Assert.Equal("IHDR", types[0]);
        Assert.Equal("IEND", types[^1]);
        Assert.True(types.Count(t => t == "IDAT") > 2);
    }

    [Fact]
    public void AWrongRowLengthIsRefused()
    {
        using var png = new PngWriter(new MemoryStream(), 4, 2, PngColorType.Grey);
        Assert.Throws<ArgumentException>(() => png.WriteRow(new byte[5]));
        Assert.Throws<PngFormatException>(() => new PngWriter(new MemoryStream(), 0, 2, PngColorType.Grey));
    }
}
