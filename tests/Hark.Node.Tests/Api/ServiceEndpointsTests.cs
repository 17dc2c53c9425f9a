using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Node.Tests.Fixtures;

namespace Hark.Node.Tests.Api;

[Collection(NodeCollection.Name)]
public sealed class ServiceEndpointsTests(NodeWithRecording node)
{
    [Fact]
    public async Task Healthz_and_readyz_answer_200()
    {
        var health = await node.Client.GetFromJsonAsync<JsonElement>("/healthz");
        Assert.Equal("up", health.GetProperty("status").GetString());
        var ready = await node.Client.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApi_document_lists_every_route()
    {
        var document = await node.Client.GetFromJsonAsync<JsonElement>("/openapi.json");
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/recordings").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/recordings").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/recordings/{id}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/recordings/{id}").TryGetProperty("delete", out _));
        var segment = paths.GetProperty("/recordings/{id}/segment").GetProperty("get");
        var parameters = segment.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("start", parameters);
        Assert.Contains("count", parameters);
        Assert.Contains("format", parameters);
        Assert.True(paths.GetProperty("/recordings/{id}/metadata").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/recordings/{id}/info").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/recordings/{id}/verify").TryGetProperty("post", out _));
        var export = paths.GetProperty("/recordings/{id}/export.{format}").GetProperty("get");
        var exportParameters = export.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["id", "format", "from", "to"], exportParameters);
        Assert.True(paths.TryGetProperty("/healthz", out _));
        Assert.True(paths.TryGetProperty("/readyz", out _));
    }

    [Fact]
    public async Task Metrics_show_segment_latency_and_cache_use_after_a_segment_request()
    {
        var segment = await node.Client.GetAsync($"/recordings/{NodeWithRecording.RecordingId}/segment?start=100&count=4800&format=s16");
        Assert.Equal(HttpStatusCode.OK, segment.StatusCode);
        var response = await node.Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Matches(@"(?m)^hark_node_segment_duration_seconds_count\{[^}]*format=""s16""[^}]*\} [1-9]", text);
        Assert.Matches(@"(?m)^hark_node_segment_bytes_total\{[^}]*\} [1-9]", text);
        Assert.Matches(@"(?m)^hark_cache_hits_total(\{[^}]*\})? [1-9]", text);
        Assert.Contains("hark_cache_misses_total", text);
        Assert.Contains("http_server_request_duration_seconds", text);
    }

    [Fact]
    public async Task Dashboard_pages_scripts_and_chart_library_are_served()
    {
        var page = await node.Client.GetAsync("/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"/dashboard.js\">", html);
        Assert.Contains("<script src=\"/vendor/uplot.js\">", html);
        var script = await node.Client.GetStringAsync("/dashboard.js");
        Assert.Contains("apiJson(\"/cluster\")", script);
        Assert.Contains("/cluster/metrics", script);
        // With keys configured the pages' API calls carry the key the page asked for, kept for the tab only.
        var shared = await node.Client.GetStringAsync("/hark.js");
        Assert.Contains("\"X-Api-Key\"", shared);
        Assert.Contains("sessionStorage", shared);
        Assert.Equal(HttpStatusCode.OK, (await node.Client.GetAsync("/dashboard.css")).StatusCode);
        Assert.Contains("<script src=\"/adts.js\">", await node.Client.GetStringAsync("/tools/adts"));
        // The chart library from npm (tools/node), built into the node: set-up ran before these tests.
        var uplot = await node.Client.GetAsync("/vendor/uplot.js");
        Assert.Equal("text/javascript", uplot.Content.Headers.ContentType?.MediaType);
        Assert.Contains("uPlot", await uplot.Content.ReadAsStringAsync());
        Assert.True((await node.Client.GetStringAsync("/vendor/uplot.css")).Length > 100);
    }
}
