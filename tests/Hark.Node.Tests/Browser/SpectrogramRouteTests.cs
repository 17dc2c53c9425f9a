using System.Net;
using Hark.Engine.Spectrograms;
using Hark.Node.Spectrograms;
using Hark.Node.Tests.Fixtures;
using Hark.Testing;

namespace Hark.Node.Tests.Browser;

/// <summary>
/// GET /recordings/{id}/spectrogram.png, decoded by ffmpeg (an independent PNG reader): a 1 kHz tone is the brightest
/// row where the mel scale puts 1 kHz, in a tile read whole and in one sampled from a long range; answers carry an
/// ETag (304 when it matches) and a second ask comes from the cache; bad queries are 400 problems.
/// </summary>
public sealed class SpectrogramRouteTests(BrowsedArchive archive) : IClassFixture<BrowsedArchive>
{
    private const int Height = 128;

    [Theory]
    [InlineData("start=2&duration=1&width=256", 256)]   // read whole
    [InlineData("width=16", 16)]                          // 20 s over 16 columns: sampled
    public async Task A_tone_is_the_brightest_row_at_its_mel_position(string query, int width)
    {
        using var response = await archive.Client.GetAsync($"/recordings/{BrowsedArchive.Tone}/spectrogram.png?{query}&height={Height}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var rgb = await DecodeAsync(await response.Content.ReadAsByteArrayAsync(), width, Height);

        int brightest = Enumerable.Range(0, Height).MaxBy(y => RowBrightness(rgb, width, y));

        double top = Math.Min(SpectrogramTiles.TopFrequency, BrowsedArchive.SampleRate / 2.0 / MelSpectrogramSettings.DecimationFor(BrowsedArchive.SampleRate, SpectrogramTiles.TopFrequency));
        double band = MelFilterBank.ToMel(BrowsedArchive.ToneHertz) / MelFilterBank.ToMel(top) * Height;
        int expectedRow = Height - 1 - (int)Math.Floor(band);
        Assert.InRange(brightest, expectedRow - 2, expectedRow + 2);
    }

    [Fact]
    public async Task Answers_carry_an_etag_and_a_second_ask_is_served_from_the_cache()
    {
        const string path = $"/recordings/{BrowsedArchive.Tone}/spectrogram.png?start=5&duration=3&width=300&height=64";
        using var first = await archive.Client.GetAsync(path);
        using var second = await archive.Client.GetAsync(path);
        var tag = first.Headers.ETag;

        Assert.NotNull(tag);
        Assert.Equal(tag, second.Headers.ETag);
        Assert.Equal("hit", second.Headers.GetValues("X-Hark-Tile-Cache").Single());
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(tag);
        using var notModified = await archive.Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        using var other = await archive.Client.GetAsync(path.Replace("start=5", "start=6", StringComparison.Ordinal));
        Assert.NotEqual(tag, other.Headers.ETag);
    }

    [Theory]
    [InlineData("width=8")]
    [InlineData("width=4096")]
    [InlineData("height=1000")]
    [InlineData("start=-1")]
    [InlineData("start=abc")]
    [InlineData("duration=0")]
    [InlineData("start=25")]
    public async Task Bad_queries_are_400_problems(string query)
    {
        await Problems.AssertAsync(await archive.Client.GetAsync($"/recordings/{BrowsedArchive.Tone}/spectrogram.png?{query}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_recording_is_a_404_problem()
    {
        await Problems.AssertAsync(await archive.Client.GetAsync("/recordings/nothing-here/spectrogram.png"), HttpStatusCode.NotFound);
    }

    private static double RowBrightness(byte[] rgb, int width, int y)
    {
        double sum = 0;
        for (int x = 0; x < width; x++)
        {
            int i = (y * width + x) * 3;
            sum += rgb[i] + rgb[i + 1] + rgb[i + 2];
        }
        return sum;
    }

    private static async Task<byte[]> DecodeAsync(byte[] png, int width, int height)
    {
        using var folder = new TempDirectory("hark-tile");
        var file = folder.File("tile.png");
        await File.WriteAllBytesAsync(file, png);
        var raw = folder.File("tile.rgb");
        await ProcessRunner.RunCheckedAsync("ffmpeg", "-v", "error", "-y", "-i", file, "-f", "rawvideo", "-pix_fmt", "rgb24", raw);
        var rgb = await File.ReadAllBytesAsync(raw);
        Assert.Equal(width * height * 3, rgb.Length);
        return rgb;
    }
}
