using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Node.Tests.Browser;
using Hark.Node.Tests.Fixtures;
using Hark.Testing;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace Hark.Node.Tests.Api;

/// <summary>
/// Chromium plays an M4A export from a running node in an &lt;audio&gt; element: metadata loads with the edited duration,
/// playback advances with no media error, and a seek lands where asked. Chromium fetches media with Range requests
/// (its first is <c>bytes=0-</c>), so every answer it got for the export is a 206. This export is small enough to
/// arrive whole in that first answer, so the seek is played from Chromium's cache; ranges in the middle are checked
/// byte for byte in <see cref="ExportRangeTests"/>.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class ChromiumPlaybackTests(NodeWithRecording node, ITestOutputHelper output)
{
    private const long From = 24077;
    private const long To = 216000;

    /// <summary>Plays muted, waits for currentTime to move, seeks to 3 s, waits for it to move again; no wall-clock bound.</summary>
    private const string PlayScript = """
        async (src) => {
          const audio = document.createElement('audio');
          audio.muted = true;
          audio.preload = 'auto';
          document.body.appendChild(audio);
          const failed = new Promise((_, reject) => audio.addEventListener('error',
            () => reject(new Error(`media error ${audio.error?.code}: ${audio.error?.message}`))));
          const once = (name) => Promise.race([new Promise((resolve) => audio.addEventListener(name, resolve, { once: true })), failed]);
          const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
          const metadata = once('loadedmetadata');
          audio.src = src;
          await metadata;
          const duration = audio.duration;
          await Promise.race([audio.play(), failed]);
          while (audio.currentTime < 0.2) await Promise.race([pause(), failed]);
          const advanced = audio.currentTime;
          const seeked = once('seeked');
          audio.currentTime = 3.0;
          await seeked;
          const landed = audio.currentTime;
          while (audio.currentTime <= landed && !audio.ended) await Promise.race([pause(), failed]);
          return { duration, advanced, landed, after: audio.currentTime, error: audio.error?.code ?? 0 };
        }
        """;

    [Theory]
    [InlineData("aac")]
    [InlineData("opus")]
    public async Task An_audio_element_plays_the_export_with_its_edited_duration_and_seeks(string codec)
    {
        string id = codec == "aac" ? NodeWithRecording.RecordingId : await ImportOpusAsync();
        var origin = node.Client.BaseAddress!;
        var src = new Uri(origin, $"/recordings/{id}/export.m4a?from={From}&to={To}").ToString();
        await using var browser = await BrowserPage.OpenAsync();
        var page = browser.Page;
        var answers = new ConcurrentQueue<int>();
        page.Response += (_, e) =>
        {
            if (e.Response.Url.Contains("export.m4a", StringComparison.Ordinal))
            {
                answers.Enqueue((int)e.Response.Status);
            }
        };
        // A page of the node's own origin, so the audio is same-origin as a page served with it would be.
        await page.GoToAsync(new Uri(origin, "/readyz").ToString());
        var played = await page.EvaluateFunctionAsync<JsonElement>(PlayScript, src);

        double expected = (To - From) / (double)NodeWithRecording.SampleRate;
        double duration = played.GetProperty("duration").GetDouble();
        output.WriteLine(FormattableString.Invariant($"edit {expected:0.000000} s, Chromium's duration {duration:0.000000} s; answers {string.Join(' ', answers)}"));
        // Exactly the edit's duration, to well under a sample: Chromium honours the edit list's end, which ffmpeg 5.1 does not.
        Assert.Equal(expected, duration, 1e-5);
        Assert.True(played.GetProperty("advanced").GetDouble() >= 0.2);
        Assert.InRange(played.GetProperty("landed").GetDouble(), 2.99, 3.01);
        Assert.True(played.GetProperty("after").GetDouble() > played.GetProperty("landed").GetDouble());
        Assert.Equal(0, played.GetProperty("error").GetInt32());
        Assert.NotEmpty(answers);
        Assert.All(answers, status => Assert.Equal(206, status));
    }

    /// <summary>The same 5 s of audio as the shared AAC recording, stored as Opus (48 kHz, so the same range in samples).</summary>
    private async Task<string> ImportOpusAsync()
    {
        const string id = "chromium-opus";
        var source = await node.MakeSourceAsync("chromium-opus.wav", seconds: 5, channels: 2);
        using var started = await node.Client.PostAsJsonAsync("/recordings", new { path = source, id, codec = "opus", replace = true });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
        await ImportPolling.WaitForCompleteAsync(node.Client, id);
        return id;
    }
}
