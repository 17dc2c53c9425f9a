using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Node.Tests.Fixtures;
using Hark.Testing;

namespace Hark.Node.Tests.Api;

/// <summary>
/// GET /recordings/{id}/overview: the waveform stored at import, column by column, against the oracle of ffmpeg's own
/// decode of the source (the lowest and highest sample of any channel per 4096 samples, on the 16-bit scale).
/// </summary>
[Collection(OverviewCollection.Name)]
public sealed class OverviewRouteTests(OverviewArchive archive)
{
    private const int ColumnSamples = 4096;

    [Theory]
    [InlineData(OverviewArchive.Aac)]
    [InlineData(OverviewArchive.Opus)]
    public async Task An_import_reading_a_wav_in_place_stores_the_sources_min_and_max_per_column(string id)
    {
        var expected = Columns(await DecodeAsync(archive.Wav, "s16le"), sample => sample);

        AssertOverview(expected, await OverviewAsync(id));
    }

    [Fact]
    public async Task A_lac_import_of_a_staged_24_bit_source_stores_its_columns_on_the_16_bit_scale()
    {
        // ffmpeg gives 24-bit samples in the top of 32: the top 16 bits are the 16-bit scale, rounded down.
        var expected = Columns(await DecodeAsync(archive.Flac24, "s32le"), sample => sample >> 16);

        AssertOverview(expected, await OverviewAsync(OverviewArchive.Lac));
    }

    [Fact]
    public async Task A_copied_recording_has_no_overview_and_an_unknown_one_is_a_404_problem()
    {
        using var copied = await archive.Client.GetAsync($"/recordings/{OverviewArchive.Copied}/overview");
        Assert.Equal(HttpStatusCode.NoContent, copied.StatusCode);

        await Problems.AssertAsync(await archive.Client.GetAsync("/recordings/no-such-recording/overview"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await archive.Client.GetAsync("/recordings/bad%20id/overview"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Stored_bytes_at_commit_equal_the_audio_array_and_the_totals_add_them_up_by_codec()
    {
        var totals = await archive.Client.GetFromJsonAsync<JsonElement>("/cluster/archive");
        long stored = 0, pcm = 0;
        foreach (var id in new[] { OverviewArchive.Aac, OverviewArchive.Opus, OverviewArchive.Lac, OverviewArchive.Copied })
        {
            var info = await archive.Client.GetFromJsonAsync<JsonElement>($"/recordings/{id}/info");
            Assert.Equal(info.GetProperty("audio_bytes").GetInt64(), info.GetProperty("stored_bytes").GetInt64());
            stored += info.GetProperty("audio_bytes").GetInt64();
            long bytesPerSample = info.TryGetProperty("bit_depth", out var depth) && depth.ValueKind == JsonValueKind.Number ? (depth.GetInt32() + 7) / 8 : 2;
            pcm += info.GetProperty("total_samples").GetInt64() * info.GetProperty("channels").GetInt32() * bytesPerSample;
        }

        Assert.Equal(stored, totals.GetProperty("stored_bytes").GetInt64());
        Assert.Equal(pcm, totals.GetProperty("pcm_bytes").GetInt64());
        Assert.Equal((double)pcm / stored, totals.GetProperty("ratio_to_pcm").GetDouble(), 6);
        Assert.Equal(0, totals.GetProperty("unsized").GetInt32());
        var lac = totals.GetProperty("by_codec").EnumerateArray().Single(c => c.GetProperty("codec").GetString() == "lac");
        var lossless = await archive.Client.GetFromJsonAsync<JsonElement>($"/recordings/{OverviewArchive.Lac}/info");
        Assert.Equal(lossless.GetProperty("audio_bytes").GetInt64(), lac.GetProperty("stored_bytes").GetInt64());
        Assert.InRange(lac.GetProperty("ratio_to_pcm").GetDouble(), 1.05, 20);
    }

    [Fact]
    public async Task The_recording_page_draws_the_stored_waveform_and_a_sampled_spectrogram_for_a_copy()
    {
        await using var browser = await Browser.BrowserPage.OpenAsync();
        await browser.Page.GoToAsync(new Uri(archive.Client.BaseAddress!, $"/browse/{OverviewArchive.Aac}").ToString());
        await browser.WaitForAsync("window.harkOverview === 'stored'");
        var heights = (await browser.EvaluateAsync<int[]>(Browser.WaveformCanvas.LitByColumn)).Where(h => h > 0).ToList();
        // Where both swells are quiet (the start, 21 s) the bar is short; where one is loud, nearly the canvas's height.
        Assert.True(heights.Count > 1000, $"{heights.Count} columns drawn");
        Assert.True(heights.Max() > 100 && heights.Min() < 40, $"bars {heights.Min()}..{heights.Max()} pixels of 128");

        await browser.Page.GoToAsync(new Uri(archive.Client.BaseAddress!, $"/browse/{OverviewArchive.Copied}").ToString());
        await browser.WaitForAsync("window.harkOverview === 'sampled' && document.getElementById('overview-image').naturalWidth > 0");
        Assert.True(await browser.EvaluateAsync<bool>("document.getElementById('overview-wave').hidden"));
        browser.AssertNoErrors();
    }

    private async Task<JsonElement> OverviewAsync(string id)
    {
        using var response = await archive.Client.GetAsync($"/recordings/{id}/overview");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<(byte[] Pcm, int Width)> DecodeAsync(string file, string format)
    {
        var result = await ProcessRunner.RunCheckedAsync("ffmpeg", "-v", "error", "-i", file, "-f", format, "-");
        return (result.StandardOutput, format == "s16le" ? 2 : 4);
    }

    /// <summary>The oracle's columns: per 4096 frames of 2 channels, the least and greatest sample, scaled by <paramref name="to16"/>.</summary>
    private static List<(int Min, int Max)> Columns((byte[] Pcm, int Width) decoded, Func<int, int> to16)
    {
        var (pcm, width) = decoded;
        int frameBytes = 2 * width;
        var columns = new List<(int, int)>();
        for (int start = 0; start < pcm.Length; start += ColumnSamples * frameBytes)
        {
            int min = int.MaxValue, max = int.MinValue;
            for (int at = start; at < Math.Min(pcm.Length, start + ColumnSamples * frameBytes); at += width)
            {
                int sample = to16(width == 2 ? BinaryPrimitives.ReadInt16LittleEndian(pcm.AsSpan(at)) : BinaryPrimitives.ReadInt32LittleEndian(pcm.AsSpan(at)));
                min = Math.Min(min, sample);
                max = Math.Max(max, sample);
            }
            columns.Add((min, max));
        }
        return columns;
    }

    private static void AssertOverview(List<(int Min, int Max)> expected, JsonElement overview)
    {
        Assert.Equal(ColumnSamples, overview.GetProperty("samples_per_column").GetInt64());
        var min = overview.GetProperty("min").EnumerateArray().Select(v => v.GetInt32()).ToList();
        var max = overview.GetProperty("max").EnumerateArray().Select(v => v.GetInt32()).ToList();
        Assert.Equal(expected.Count, overview.GetProperty("columns").GetInt32());
        Assert.Equal(expected.Select(c => c.Min), min);
        Assert.Equal(expected.Select(c => c.Max), max);
        // The swell is really there: loud and quiet columns, and a channel off zero.
        Assert.True(max.Max() > 25_000 && max.Min() < 12_000, $"max runs {max.Min()}..{max.Max()}");
    }
}
