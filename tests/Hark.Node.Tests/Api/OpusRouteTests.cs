using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Node.Tests.Fixtures;
using Hark.Testing;

namespace Hark.Node.Tests.Api;

/// <summary>"codec": "opus" over HTTP: a 44.1 kHz source stored at 48 kHz, read back, exported as M4A; ADTS refused.</summary>
[Collection(NodeCollection.Name)]
public sealed class OpusRouteTests(NodeWithRecording node)
{
    [Fact]
    public async Task An_opus_import_is_stored_at_48_kHz_reads_and_exports_as_m4a_but_not_adts()
    {
        var source = await node.MakeSourceAsync("opus.wav", seconds: 2, channels: 2, sampleRate: 44100);
        var started = await node.Client.PostAsJsonAsync("/recordings", new { path = source, id = "opus", codec = "opus", bitrate = "80k" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var view = await ImportPolling.WaitForCompleteAsync(node.Client, "opus");
        var metadata = view.GetProperty("metadata");
        Assert.Equal("opus", metadata.GetProperty("codec").GetString());
        Assert.Equal(48000, metadata.GetProperty("sample_rate").GetInt32());
        Assert.Equal(44100, metadata.GetProperty("source_sample_rate").GetInt32());
        Assert.Equal(80000, metadata.GetProperty("bitrate").GetInt32());
        Assert.Equal(312, metadata.GetProperty("priming_samples").GetInt32());
        Assert.InRange(metadata.GetProperty("total_samples").GetInt64(), 96_000 - 2, 96_000 + 2);

        using var segment = await node.Client.GetAsync("/recordings/opus/segment?start=48000&count=4800&format=f32");
        Assert.Equal(HttpStatusCode.OK, segment.StatusCode);
        Assert.Equal(4800 * 2 * 4, (await segment.Content.ReadAsByteArrayAsync()).Length);

        using var m4a = await node.Client.GetAsync("/recordings/opus/export.m4a?from=1000&to=50000");
        Assert.Equal(HttpStatusCode.OK, m4a.StatusCode);
        using var dir = new TempDirectory("hark-opus-route");
        var file = dir.File("opus.m4a");
        await File.WriteAllBytesAsync(file, await m4a.Content.ReadAsByteArrayAsync());
        var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,sample_rate,channels,duration_ts",
            "-of", "json", file);
        var stream = JsonDocument.Parse(probe.Output).RootElement.GetProperty("streams")[0];
        Assert.Equal("opus", stream.GetProperty("codec_name").GetString());
        Assert.Equal(2, stream.GetProperty("channels").GetInt32());
        Assert.Equal(49_000, stream.GetProperty("duration_ts").GetInt64());

        var adts = await Problems.AssertAsync(await node.Client.GetAsync("/recordings/opus/export.adts"), HttpStatusCode.BadRequest);
        Assert.Contains("recording opus is Opus; ADTS carries AAC only: export it as m4a or wav", adts);
    }

    [Fact]
    public async Task An_opus_import_of_ten_channels_or_of_2k_is_refused_with_the_reason()
    {
        var source = await node.MakeSourceAsync("ten.wav", seconds: 1, channels: 10);
        var started = await node.Client.PostAsJsonAsync("/recordings", new { path = source, id = "ten", codec = "opus" });
        // The entity answers once it has planned: a refused plan is a failed import with the reason, nothing stored.
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var view = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("failed", view.GetProperty("phase").GetString());
        Assert.Contains("Opus in Hark carries 1 to 8 channels, not 10; use --codec aac or lac", view.GetProperty("reason").GetString());

        var stereo = await node.Client.PostAsJsonAsync("/recordings", new { path = await node.MakeSourceAsync("low.wav", seconds: 1, channels: 2),
            id = "low", codec = "opus", bitrate = "2k" });
        var low = await stereo.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("failed", low.GetProperty("phase").GetString());
        Assert.Contains("an Opus bit rate for 2 channels must be 6k to 510k, not 2000", low.GetProperty("reason").GetString());
    }
}
