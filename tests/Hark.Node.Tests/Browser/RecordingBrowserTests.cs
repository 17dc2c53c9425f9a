using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace Hark.Node.Tests.Browser;

/// <summary>
/// The recording list and a recording's page in headless Chromium: server-side filters, the overview and the zoomed
/// spectrogram drawn (images with many colours, not blank), a click on the spectrogram plays from there (the audio
/// element's currentTime advances), a drag selects a range whose WAV and M4A downloads hold exactly that range.
/// </summary>
public sealed class RecordingBrowserTests(BrowsedArchive archive, ITestOutputHelper output) : IClassFixture<BrowsedArchive>
{
    private const string Rows = "document.querySelectorAll('#recordings tbody tr')";

    /// <summary>Distinct colours among a sample of an image's pixels (a blank or failed image has one or none).</summary>
    private static string Colours(string image) => $$"""
        (() => {
          const img = document.getElementById('{{image}}');
          if (!img.src || !img.complete || !img.naturalWidth) return 0;
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
          const context = canvas.getContext('2d');
          context.drawImage(img, 0, 0);
          const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
          const seen = new Set();
          for (let i = 0; i < data.length; i += 4 * 7) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
          return seen.size;
        })()
        """;

    [Fact]
    public async Task The_list_filters_on_the_server_and_links_each_recording()
    {
        await using var browser = await BrowserPage.OpenAsync();
        await browser.Page.GoToAsync(new Uri(archive.Client.BaseAddress!, "/browse").ToString());
        await browser.WaitForAsync($"{Rows}.length === 2");

        await browser.Page.SelectAsync("select[name=codec]", "lac");
        await browser.Page.ClickAsync("#filters button[type=submit]");
        await browser.WaitForAsync($"{Rows}.length === 1 && {Rows}[0].cells[0].textContent === '{BrowsedArchive.Lossless}'");
        Assert.Equal("1–1 of 1", await browser.EvaluateAsync<string>("document.getElementById('page').textContent"));

        await browser.Page.SelectAsync("select[name=codec]", "");
        await browser.Page.TypeAsync("input[name=text]", "marsh");
        await browser.Page.ClickAsync("#filters button[type=submit]");
        await browser.WaitForAsync($"{Rows}.length === 1 && {Rows}[0].cells[0].textContent === '{BrowsedArchive.Tone}'");
        Assert.Equal($"/browse/{BrowsedArchive.Tone}", await browser.EvaluateAsync<string>($"{Rows}[0].querySelector('a').getAttribute('href')"));
        output.WriteLine($"screenshot: {await browser.ScreenshotAsync("recordings")}");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task The_list_pages_with_a_total_count_and_refuses_bad_filters()
    {
        using var page = await archive.Client.GetAsync("/recordings?limit=1&offset=1");
        Assert.Equal("2", page.Headers.GetValues("X-Total-Count").Single());
        var rows = await page.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(BrowsedArchive.Lossless, Assert.Single(rows.EnumerateArray()).GetProperty("id").GetString());

        foreach (var bad in new[] { "limit=0", "limit=1001", "offset=-1", "codec=mp3", "state=done" })
        {
            await Fixtures.Problems.AssertAsync(await archive.Client.GetAsync($"/recordings?{bad}"), HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task The_recording_page_draws_its_spectrograms_plays_where_clicked_and_downloads_a_selected_range()
    {
        await using var browser = await BrowserPage.OpenAsync();
        await browser.Page.GoToAsync(new Uri(archive.Client.BaseAddress!, $"/browse/{BrowsedArchive.Tone}").ToString());

        // The stored waveform of a steady tone: a band as tall as the tone's range (from the route) over the whole width.
        await browser.WaitForAsync("window.harkOverview === 'stored'");
        var overview = await archive.Client.GetFromJsonAsync<JsonElement>($"/recordings/{BrowsedArchive.Tone}/overview");
        double range = (overview.GetProperty("max").EnumerateArray().Max(v => v.GetInt32()) - overview.GetProperty("min").EnumerateArray().Min(v => v.GetInt32())) / 65536.0;
        Assert.InRange(await browser.EvaluateAsync<double>(WaveformCanvas.LitFraction), range - 2.0 / 128, range + 2.0 / 128);
        await browser.WaitForAsync($"{Colours("zoom-image")} > 20");
        var zoom = await browser.Page.QuerySelectorAsync("#zoom");
        var box = await zoom.BoundingBoxAsync();

        // A click at 40 % of a view of the whole 20 s plays from 8 s.
        await browser.Page.Mouse.ClickAsync(box.X + box.Width * 0.4m, box.Y + box.Height / 2);
        await browser.WaitForAsync("document.getElementById('player').currentTime > 0.2");
        double start = await browser.EvaluateAsync<double>("Number(document.getElementById('player').dataset.start)");
        Assert.InRange(start, 7.9, 8.1);
        output.WriteLine($"screenshot: {await browser.ScreenshotAsync("recording")}");

        // A drag from 25 % to 50 %: 5 s to 10 s.
        await browser.Page.Mouse.MoveAsync(box.X + box.Width * 0.25m, box.Y + 10);
        await browser.Page.Mouse.DownAsync();
        await browser.Page.Mouse.MoveAsync(box.X + box.Width * 0.5m, box.Y + 10, new PuppeteerSharp.Input.MoveOptions { Steps = 5 });
        await browser.Page.Mouse.UpAsync();
        await browser.WaitForAsync("window.harkSelection && !document.getElementById('downloads').hidden");
        long from = await browser.EvaluateAsync<long>("window.harkSelection.from");
        long to = await browser.EvaluateAsync<long>("window.harkSelection.to");
        Assert.InRange(from, 4.9 * BrowsedArchive.SampleRate, 5.1 * BrowsedArchive.SampleRate);
        Assert.InRange(to, 9.9 * BrowsedArchive.SampleRate, 10.1 * BrowsedArchive.SampleRate);

        var wav = await archive.Client.GetByteArrayAsync(await browser.EvaluateAsync<string>("window.harkSelection.wav"));
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
        // The data chunk holds exactly the selected frames (frame size from the fmt chunk's block align).
        var (blockAlign, dataBytes) = WavLayout(wav);
        Assert.Equal((to - from) * blockAlign, dataBytes);
        using var m4a = await archive.Client.GetAsync(await browser.EvaluateAsync<string>("window.harkSelection.m4a"));
        Assert.Equal(HttpStatusCode.OK, m4a.StatusCode);
        Assert.Equal("audio/mp4", m4a.Content.Headers.ContentType?.MediaType);
        browser.AssertNoErrors();
    }

    private static (int BlockAlign, long DataBytes) WavLayout(byte[] wav)
    {
        int blockAlign = 0;
        for (int at = 12; at + 8 <= wav.Length;)
        {
            var id = System.Text.Encoding.ASCII.GetString(wav, at, 4);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(at + 4));
            if (id == "fmt ")
            {
                blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(at + 8 + 12));
            }
            if (id == "data")
            {
                return (blockAlign, Math.Min(size, wav.Length - at - 8));
            }
            at += 8 + (int)size + (int)(size & 1);
        }
        throw new InvalidDataException("no data chunk");
    }
}
