using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Node.Tests.Fixtures;
using Hark.Testing;

namespace Hark.Node.Tests.Api;

/// <summary>
/// Imports with "codec": "copy" and a station through POST /recordings, then the station queries: the list filtered
/// by station and time, and GET /segments for the recordings covering a moment, whose URLs read the right samples.
/// </summary>
public sealed class StationRouteTests : IAsyncLifetime
{
    private readonly TempDirectory _sources = new("hark-station-sources");
    private RunningNode _node = null!;

    private HttpClient Client => _node.Client;

    public async Task InitializeAsync()
    {
        _node = await RunningNode.StartAsync(configure: options => options with { ImportRoots = [_sources.Path] });
        (string Id, string Start, double Seconds)[] recordings = [("early", "2026-06-01T08:00:00Z", 6), ("late", "2026-06-01T08:00:04Z", 5)];
        foreach (var (id, start, seconds) in recordings)
        {
            var source = await AudioGenerator.GenerateAsync($"anoisesrc=d={seconds}:c=pink:r=32000:a=0.2", _sources.File(id + ".m4a"),
                "-c:a", "aac", "-aac_pns", "0", "-b:a", "64k");
            using var started = await Client.PostAsJsonAsync("/recordings",
                new { path = source, id, codec = "copy", station = "ridge", start_time = DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture) });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            var done = await ImportPolling.WaitForCompleteAsync(Client, id);
            Assert.True(done.GetProperty("metadata").GetProperty("passthrough").GetBoolean());
        }
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _sources.Dispose();
    }

    [Fact]
    public async Task The_list_filters_by_station_and_time_in_start_order()
    {
        Assert.Equal(["early", "late"], await IdsAsync("/recordings?station=ridge"));
        Assert.Equal(["late"], await IdsAsync("/recordings?station=ridge&from=2026-06-01T08:00:06.5Z"));
        Assert.Equal(["early"], await IdsAsync("/recordings?station=ridge&to=2026-06-01T08:00:03Z"));
        Assert.Empty(await IdsAsync("/recordings?station=elsewhere"));

        var bad = await Problems.AssertAsync(await Client.GetAsync("/recordings?station=ridge&from=yesterday"), HttpStatusCode.BadRequest);
        Assert.Equal("query parameter \"from\" must be an ISO-8601 time, not \"yesterday\"", bad);
        await Problems.AssertAsync(await Client.GetAsync("/recordings?from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Segments_of_a_station_name_every_recording_covering_the_moment_with_urls_that_read_it()
    {
        var answer = await Client.GetFromJsonAsync<JsonElement>("/segments?station=ridge&at=2026-06-01T08:00:05Z&duration=0.5&format=f32");
        var parts = answer.GetProperty("recordings").EnumerateArray().ToList();
        Assert.Equal(["early", "late"], parts.Select(p => p.GetProperty("id").GetString()));
        Assert.Equal(5 * 32000, parts[0].GetProperty("start_sample").GetInt64());
        Assert.Equal(1 * 32000, parts[1].GetProperty("start_sample").GetInt64());
        foreach (var part in parts)
        {
            string id = part.GetProperty("id").GetString()!;
            long start = part.GetProperty("start_sample").GetInt64();
            Assert.Equal(16000, part.GetProperty("count").GetInt64());
            var viaUrl = await Client.GetByteArrayAsync(part.GetProperty("url").GetString());
            var direct = await Client.GetByteArrayAsync($"/recordings/{id}/segment?start={start}&count=16000&format=f32");
            Assert.Equal(16000 * 4, viaUrl.Length);
            Assert.Equal(direct, viaUrl);
        }

        var quiet = await Client.GetFromJsonAsync<JsonElement>("/segments?station=ridge&at=2026-06-01T09:00:00Z&duration=1");
        Assert.Empty(quiet.GetProperty("recordings").EnumerateArray());
        await Problems.AssertAsync(await Client.GetAsync("/segments?station=ridge&at=2026-06-01T08:00:05Z&duration=-1"), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(await Client.GetAsync("/segments?at=2026-06-01T08:00:05Z&duration=1"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_station_exports_over_http_as_wav_and_m4a_with_its_gaps_named()
    {
        // early 08:00:00-08:00:06, late 08:00:04-08:00:09 (joins where early ends); the range runs to 08:00:10.
        const string range = "from=2026-06-01T07:59:59Z&to=2026-06-01T08:00:10Z";
        using var wav = await Client.GetAsync($"/stations/ridge/export.wav?{range}");
        Assert.Equal(HttpStatusCode.OK, wav.StatusCode);
        Assert.Equal("audio/wav", wav.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2026-06-01T07:59:59.000Z +1.000 s; 2026-06-01T08:00:09.000Z +1.000 s", Assert.Single(wav.Headers.GetValues("X-Hark-Gaps")));
        using var dir = new TempDirectory("hark-station-http");
        var wavFile = dir.File("ridge.wav");
        await File.WriteAllBytesAsync(wavFile, await wav.Content.ReadAsByteArrayAsync());
        var m4aFile = dir.File("ridge.m4a");
        using (var m4a = await Client.GetAsync($"/stations/ridge/export.m4a?{range}"))
        {
            Assert.Equal(HttpStatusCode.OK, m4a.StatusCode);
            await File.WriteAllBytesAsync(m4aFile, await m4a.Content.ReadAsByteArrayAsync());
        }
        foreach (var file in new[] { wavFile, m4aFile })
        {
            var probe = await ProcessRunner.RunCheckedAsync("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=duration_ts", "-of", "csv=p=0", file);
            Assert.Equal(11 * 32000, long.Parse(probe.Output.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        }

        var empty = await Problems.AssertAsync(await Client.GetAsync("/stations/ridge/export.wav?from=2026-06-02T00:00:00Z&to=2026-06-02T01:00:00Z"), HttpStatusCode.NotFound);
        Assert.StartsWith("station ridge has no complete recording between", empty);
        await Problems.AssertAsync(await Client.GetAsync($"/stations/ridge/export.adts?{range}"), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(await Client.GetAsync("/stations/ridge/export.wav?from=2026-06-01T08:00:00Z"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_import_body_with_an_unknown_codec_or_a_bad_station_is_a_400()
    {
        var codec = await Problems.AssertAsync(await Client.PostAsJsonAsync("/recordings", new { path = _sources.File("early.m4a"), id = "x", codec = "mp3" }),
            HttpStatusCode.BadRequest);
        Assert.Equal("\"codec\" must be one of copy, aac, lac, opus, not \"mp3\"", codec);
        await Problems.AssertAsync(await Client.PostAsJsonAsync("/recordings", new { path = _sources.File("early.m4a"), id = "y", station = "" }),
            HttpStatusCode.BadRequest);
    }

    private async Task<List<string?>> IdsAsync(string url) =>
        [.. (await Client.GetFromJsonAsync<JsonElement>(url)).EnumerateArray().Select(row => row.GetProperty("id").GetString())];
}
