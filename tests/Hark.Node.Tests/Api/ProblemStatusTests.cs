using System.Net;
using System.Net.Http.Json;
using Hark.Actors.Contracts;
using Hark.Node.Api;
using Hark.Node.Tests.Fixtures;

namespace Hark.Node.Tests.Api;

[Collection(NodeCollection.Name)]
public sealed class ProblemStatusTests(NodeWithRecording node)
{
    private const string Id = NodeWithRecording.RecordingId;

    [Fact]
    public async Task Import_without_a_path_is_400()
    {
        var detail = await Problems.AssertAsync(await node.Client.PostAsJsonAsync("/recordings", new { id = "x" }), HttpStatusCode.BadRequest);
        Assert.Contains("path", detail);
    }

    [Fact]
    public async Task Import_of_a_missing_file_is_400()
    {
        var missing = Path.Combine(node.SourceFolder, "nothing-here.wav");
        var detail = await Problems.AssertAsync(await node.Client.PostAsJsonAsync("/recordings", new { path = missing }), HttpStatusCode.BadRequest);
        Assert.Contains("nothing-here.wav", detail);
    }

    [Theory]
    [InlineData("{\"path\":\"/a.wav\",\"codec\":\"mp3\"}", "codec")]
    [InlineData("{\"path\":\"/a.wav\",\"bitrate\":\"fast\"}", "bitrate")]
    [InlineData("{\"path\":\"/a.wav\",\"chunk_seconds\":0}", "chunk_seconds")]
    [InlineData("{\"path\":\"/a.wav\",\"id\":\"../up\"}", "invalid recording id")]
    [InlineData("{\"path\":", "")]
    [InlineData("[1,2]", "")]
    public async Task Malformed_import_bodies_are_400(string json, string mentioned)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var detail = await Problems.AssertAsync(await node.Client.PostAsync("/recordings", content), HttpStatusCode.BadRequest);
        Assert.Contains(mentioned, detail);
    }

    [Fact]
    public async Task Importing_an_existing_id_is_409()
    {
        var source = await node.MakeSourceAsync("dup.wav", seconds: 1, channels: 1);
        var detail = await Problems.AssertAsync(await node.Client.PostAsJsonAsync("/recordings", new { path = source, id = Id }), HttpStatusCode.Conflict);
        Assert.Contains(Id, detail);
    }

    [Theory]
    [InlineData("/recordings/nope")]
    [InlineData("/recordings/nope/segment?start=0&count=10")]
    public async Task Unknown_ids_are_404(string url)
    {
        var detail = await Problems.AssertAsync(await node.Client.GetAsync(url), HttpStatusCode.NotFound);
        Assert.Contains("nope", detail);
    }

    [Fact]
    public async Task Deleting_an_unknown_id_is_404() =>
        await Problems.AssertAsync(await node.Client.DeleteAsync("/recordings/nope"), HttpStatusCode.NotFound);

    [Theory]
    [InlineData("count=10", "start")]
    [InlineData("start=0", "count")]
    [InlineData("start=-1&count=10", "start")]
    [InlineData("start=abc&count=10", "start")]
    [InlineData("start=0&count=0", "count")]
    [InlineData("start=0&count=10&format=mp3", "format")]
    public async Task Bad_segment_queries_are_400(string query, string mentioned)
    {
        var detail = await Problems.AssertAsync(await node.Client.GetAsync($"/recordings/{Id}/segment?{query}"), HttpStatusCode.BadRequest);
        Assert.Contains(mentioned, detail);
    }

    [Theory]
    [InlineData(NodeWithRecording.TotalSamples - 10, 11)]
    [InlineData(NodeWithRecording.TotalSamples, 1)]
    [InlineData(0, NodeWithRecording.TotalSamples + 1)]
    public async Task Ranges_past_the_end_are_416(long start, long count)
    {
        var detail = await Problems.AssertAsync(
            await node.Client.GetAsync($"/recordings/{Id}/segment?start={start}&count={count}"), HttpStatusCode.RequestedRangeNotSatisfiable);
        Assert.Contains("past the end", detail);
    }

    [Fact]
    public async Task Invalid_ids_are_400() =>
        await Problems.AssertAsync(await node.Client.GetAsync("/recordings/-bad"), HttpStatusCode.BadRequest);

    [Fact]
    public async Task A_cluster_without_the_needed_node_is_503()
    {
        // A real cluster of one api-only node: nobody can import or read, and the node says so, never a 500 or a hang.
        await using var apiOnly = await RunningNode.StartAsync(roles: ["api"], configure: options => options with { ImportRoots = [node.SourceFolder] });
        var source = await node.MakeSourceAsync("orphan.wav", seconds: 1, channels: 1);
        var refused = await apiOnly.Client.PostAsJsonAsync("/recordings", new { path = source, id = "orphan" });
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta); // clients come back, they do not hang
        var import = await Problems.AssertAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("importer", import);
        var status = await Problems.AssertAsync(await apiOnly.Client.GetAsync("/recordings/orphan"), HttpStatusCode.ServiceUnavailable);
        Assert.Contains("no node with the importer role is up", status);
    }
}
