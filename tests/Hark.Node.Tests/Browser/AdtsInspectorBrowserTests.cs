using System.Globalization;
using System.Text.Json;
using Hark.Codec.Adts;
using Hark.Node.Tests.Fixtures;
using Hark.Testing;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace Hark.Node.Tests.Browser;

/// <summary>
/// The ADTS inspector page (/tools/adts) parses files in the browser. Its result must be exactly what
/// <c>hark adts inspect --json --frames</c> (the C# parser) prints for the same file, every summary field and every
/// field of every frame, on ffmpeg-made files clean and damaged (garbage with a false sync word, a cut tail, CRCs one
/// of which is wrong); its frame count must be ffprobe's on a clean file; and at 100,000 frames the table holds only
/// the rows in view.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class AdtsInspectorBrowserTests(NodeWithRecording node, ITestOutputHelper output)
{
    private const string Inspection = "JSON.stringify(window.adtsInspection)";

    [Fact]
    public async Task A_dropped_file_shows_ffprobes_frame_count_and_the_clis_json()
    {
        using var folder = new TempDirectory("hark-adts-page");
        var aac = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 4, 48000), folder.File("clean.aac"),
            "-c:a", "aac", "-b:a", "128k", "-f", "adts");
        await using var browser = await OpenInspectorAsync();

        await DropAsync(browser, aac);

        long probed = await FfprobeFramesAsync(aac);
        await browser.WaitForAsync($"document.getElementById('frame-count').textContent === '{probed}'");
        await AssertSameAsCliAsync(browser, aac);
        Assert.Equal("None: every frame follows the one before and every CRC matches.",
            await browser.EvaluateAsync<string>("document.getElementById('no-damage').hidden ? '' : document.getElementById('no-damage').textContent"));
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task Damaged_files_give_the_clis_json_with_resyncs_truncation_and_crc_failures_highlighted()
    {
        using var folder = new TempDirectory("hark-adts-page");
        var clean = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 3, 44100), folder.File("clean.aac"),
            "-c:a", "aac", "-b:a", "96k", "-f", "adts");
        var bytes = await File.ReadAllBytesAsync(clean);
        // 777 bytes of garbage holding a false sync word, and a tail cut mid-frame.
        var garbage = new byte[777];
        new Random(14).NextBytes(garbage);
        garbage[100] = 0xFF;
        garbage[101] = 0xF1;
        var damaged = folder.File("damaged.aac");
        await File.WriteAllBytesAsync(damaged, [.. bytes[..2000], .. garbage, .. bytes[2000..^100]]);
        var protectedFile = folder.File("crc.aac");
        await File.WriteAllBytesAsync(protectedFile, WithCrcs(bytes, badCrcFrame: 5));

        await using var browser = await OpenInspectorAsync();
        foreach (var file in new[] { damaged, protectedFile })
        {
            var input = await browser.Page.QuerySelectorAsync("#pick");
            await input.UploadFileAsync(file);
            await browser.WaitForAsync($"window.adtsInspection?.file === '{Path.GetFileName(file)}'");
            await AssertSameAsCliAsync(browser, file);
        }

        Assert.Equal(1, await browser.EvaluateAsync<int>("document.querySelectorAll('#frames-body tr.crc-bad').length"));
        Assert.Contains("CRC mismatch", await browser.EvaluateAsync<string>("document.getElementById('damage').textContent"));
        await (await browser.Page.QuerySelectorAsync("#pick")).UploadFileAsync(damaged);
        await browser.WaitForAsync("window.adtsInspection?.file === 'damaged.aac'");
        Assert.True(await browser.EvaluateAsync<int>("document.querySelectorAll('#frames-body tr.resync').length") >= 1);
        Assert.Contains("bytes skipped before", await browser.EvaluateAsync<string>("document.getElementById('damage').textContent"));
        output.WriteLine($"screenshot: {await browser.ScreenshotAsync("adts-inspector")}");
        browser.AssertNoErrors();
    }

    [Fact]
    public async Task A_hundred_thousand_frames_keep_only_the_rows_in_view_in_the_page()
    {
        using var folder = new TempDirectory("hark-adts-page");
        var piece = await File.ReadAllBytesAsync(await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 4, 48000),
            folder.File("piece.aac"), "-c:a", "aac", "-b:a", "32k", "-f", "adts"));
        var big = folder.File("long.aac");
        await using (var stream = File.Create(big))
        {
            // ADTS frames stand alone: copies one after another are one valid stream.
            for (int i = 0; i < 540; i++)
            {
                stream.Write(piece);
            }
        }
        long probed = await FfprobeFramesAsync(big);
        Assert.True(probed >= 100_000, $"{probed} frames");
        await using var browser = await OpenInspectorAsync();

        await (await browser.Page.QuerySelectorAsync("#pick")).UploadFileAsync(big);

        await browser.WaitForAsync($"document.getElementById('frame-count').textContent === '{probed}'");
        Assert.InRange(await browser.EvaluateAsync<int>("document.querySelectorAll('#frames-body tr').length"), 10, 200);
        await browser.EvaluateAsync<int>("(() => { const v = document.getElementById('frames-viewport'); v.scrollTop = v.scrollHeight; v.dispatchEvent(new Event('scroll')); return 0; })()");
        await browser.WaitForAsync($"document.querySelector('#frames-body tr:last-child')?.dataset.index === '{probed - 1}'");
        Assert.InRange(await browser.EvaluateAsync<int>("document.querySelectorAll('#frames-body tr').length"), 10, 200);
        browser.AssertNoErrors();
    }

    private async Task<BrowserPage> OpenInspectorAsync()
    {
        var browser = await BrowserPage.OpenAsync();
        await browser.Page.GoToAsync(new Uri(node.Client.BaseAddress!, "/tools/adts").ToString());
        return browser;
    }

    /// <summary>Drops the file on the page's drop zone the way a drag from the desktop does: a drop event with a DataTransfer.</summary>
    private static async Task DropAsync(BrowserPage browser, string file)
    {
        await browser.Page.EvaluateFunctionAsync("""
            (name, base64) => {
              const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], name, { type: 'audio/aac' }));
              const zone = document.getElementById('drop');
              zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
              zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
            """, Path.GetFileName(file), Convert.ToBase64String(await File.ReadAllBytesAsync(file)));
    }

    private static async Task AssertSameAsCliAsync(BrowserPage browser, string file)
    {
        var cli = await ProcessRunner.HarkAsync("adts", "inspect", file, "--json", "--frames");
        Assert.True(cli.ExitCode == 0, cli.StandardError);
        using var expected = JsonDocument.Parse(cli.Output);
        using var actual = JsonDocument.Parse(await browser.EvaluateAsync<string>(Inspection));
        AssertSame(expected.RootElement, actual.RootElement, "$");
    }

    /// <summary>Field by field, numbers by value (the JSON writers format them differently), naming the first difference.</summary>
    private static void AssertSame(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: {expected.ValueKind} in the CLI's JSON, {actual.ValueKind} in the page's");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var names = expected.EnumerateObject().Select(p => p.Name).ToList();
                Assert.True(names.SequenceEqual(actual.EnumerateObject().Select(p => p.Name)),
                    $"{path}: fields {string.Join(",", names)} in the CLI's JSON, {string.Join(",", actual.EnumerateObject().Select(p => p.Name))} in the page's");
                foreach (var name in names)
                {
                    AssertSame(expected.GetProperty(name), actual.GetProperty(name), $"{path}.{name}");
                }
                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: {expected.GetArrayLength()} items in the CLI's JSON, {actual.GetArrayLength()} in the page's");
                for (int i = 0; i < expected.GetArrayLength(); i++)
                {
                    AssertSame(expected[i], actual[i], $"{path}[{i}]");
                }
                break;
            case JsonValueKind.Number:
                Assert.True(expected.GetDouble() == actual.GetDouble(), $"{path}: {expected} in the CLI's JSON, {actual} in the page's");
                break;
            default:
                Assert.True(expected.ToString() == actual.ToString(), $"{path}: {expected} in the CLI's JSON, {actual} in the page's");
                break;
        }
    }

    /// <summary>The stream's frames again with CRCs (Hark's own writer), one of them made wrong by a flipped payload byte.</summary>
    private static byte[] WithCrcs(byte[] adts, int badCrcFrame)
    {
        using var output = new MemoryStream();
        AdtsWriter? writer = null;
        var starts = new List<long>();
        AdtsInspector.Inspect(new MemoryStream(adts), frame =>
        {
            writer ??= new AdtsWriter(output, AdtsStreamFormat.From(frame.Header), withCrc: true);
            starts.Add(output.Position);
            writer.Write(frame.Payload.Span);
        });
        var bytes = output.ToArray();
        bytes[starts[badCrcFrame] + AdtsHeader.ProtectedLength + 3] ^= 0x5A;
        return bytes;
    }

    private static async Task<long> FfprobeFramesAsync(string file)
    {
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-count_packets", "-select_streams", "a:0",
            "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", file);
        return long.Parse(probe.Output.Trim(), CultureInfo.InvariantCulture);
    }
}
