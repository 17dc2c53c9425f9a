using System.Net;
using System.Net.Http.Json;
using System.Text;
using Hark.Node.Tests.Fixtures;

namespace Hark.Node.Tests.Api;

/// <summary>
/// Requests built to break the node: numbers at the edge of their type, oversized asks, bodies that are not JSON, and
/// a damaged archive. Each is a 4xx problem+json naming what was wrong, or a 500 that reveals nothing but a trace id;
/// the recording is unchanged afterwards.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class HostileInputTests(NodeWithRecording node)
{
    private const string Id = NodeWithRecording.RecordingId;

    [Theory]
    [InlineData("start=9223372036854775807&count=1", HttpStatusCode.RequestedRangeNotSatisfiable, "past the end")]
    [InlineData("start=1&count=9223372036854775807", HttpStatusCode.RequestedRangeNotSatisfiable, "past the end")]
    [InlineData("start=9223372036854775807&count=9223372036854775807", HttpStatusCode.RequestedRangeNotSatisfiable, "past the end")]
    [InlineData("start=-9223372036854775808&count=1", HttpStatusCode.BadRequest, "negative")]
    [InlineData("start=0&count=-9223372036854775808", HttpStatusCode.BadRequest, "count")]
    [InlineData("start=99999999999999999999&count=1", HttpStatusCode.BadRequest, "start")]
    public async Task Segment_numbers_at_the_edge_of_their_type_are_4xx(string query, HttpStatusCode status, string mentioned)
    {
        var detail = await Problems.AssertAsync(await node.Client.GetAsync($"/recordings/{Id}/segment?{query}"), status);
        Assert.Contains(mentioned, detail);
    }

    [Theory]
    [InlineData("\"9999999k\"")]
    [InlineData("\"99999999999k\"")]
    [InlineData("2147483647")]
    [InlineData("-160000")]
    [InlineData("\"k\"")]
    public async Task Bitrates_that_overflow_or_make_no_sense_are_400(string bitrate)
    {
        var source = await node.MakeSourceAsync("bitrate.wav", seconds: 1, channels: 1);
        using var body = new StringContent($$"""{"path": "{{source}}", "id": "rate", "bitrate": {{bitrate}}}""", Encoding.UTF8, "application/json");
        var detail = await Problems.AssertAsync(await node.Client.PostAsync("/recordings", body), HttpStatusCode.BadRequest);
        Assert.Contains("bitrate", detail);
    }

    [Theory]
    [InlineData("hello", "text/plain")]
    [InlineData("hello", "application/json")]
    [InlineData("", "application/json")]
    [InlineData("[1, 2]", "application/json")]
    [InlineData("{\"path\": 5}", "application/json")]
    public async Task Import_bodies_that_are_not_an_import_are_4xx(string text, string mediaType)
    {
        using var body = new StringContent(text, Encoding.UTF8, mediaType);
        var response = await node.Client.PostAsync("/recordings", body);
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_segment_longer_than_the_request_limit_is_400_and_points_to_export()
    {
        await using var small = await RunningNode.StartAsync(configure: options => options with { MaxSegmentSeconds = 1, ImportRoots = [node.SourceFolder] });
        var source = await node.MakeSourceAsync("limit.wav", seconds: 3, channels: 1);
        var started = await small.Client.PostAsJsonAsync("/recordings", new { path = source, id = "limit", codec = "lac" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await ImportPolling.WaitForCompleteAsync(small.Client, "limit");

        Assert.Equal(HttpStatusCode.OK, (await small.Client.GetAsync($"/recordings/limit/segment?start=0&count={NodeWithRecording.SampleRate}")).StatusCode);
        var detail = await Problems.AssertAsync(
            await small.Client.GetAsync($"/recordings/limit/segment?start=0&count={NodeWithRecording.SampleRate + 1}"), HttpStatusCode.BadRequest);
        Assert.Contains("at most 1 s", detail);
        Assert.Contains("export.wav", detail);
    }

    [Fact]
    public async Task A_damaged_archive_is_a_500_that_names_a_trace_id_and_nothing_else()
    {
        await using var damaged = await RunningNode.StartAsync();
        var group = Path.Combine(damaged.ArchivePath, "recordings", "broken", "zarr.json");
        Directory.CreateDirectory(Path.GetDirectoryName(group)!);
        await File.WriteAllTextAsync(group, "{\"zarr_format\": 3, \"node_type\": \"group\", \"attributes\": {\"hark\": {\"secret_path\": \"/srv/internal\"}}}");

        var response = await damaged.Client.GetAsync("/recordings/broken/metadata");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("trace id", text);
        Assert.DoesNotContain("zarr.json", text);
        Assert.DoesNotContain(damaged.ArchivePath, text);
        Assert.DoesNotContain("Exception", text);
    }
}
