using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Node.Tests.Fixtures;

namespace Hark.Node.Tests.Api;

/// <summary>GET /cluster, /cluster/metrics and /cluster/archive on one node: what the dashboard and scripts read.</summary>
[Collection(NodeCollection.Name)]
public sealed class ClusterRouteTests(NodeWithRecording node)
{
    [Fact]
    public async Task The_cluster_lists_the_answering_node_as_an_up_member_with_its_version_and_uptime()
    {
        var cluster = await node.Client.GetFromJsonAsync<JsonElement>("/cluster");

        var member = Assert.Single(cluster.GetProperty("members").EnumerateArray());
        Assert.Equal(cluster.GetProperty("node").GetString(), member.GetProperty("address").GetString());
        Assert.StartsWith("akka.tcp://", member.GetProperty("address").GetString());
        Assert.Equal("up", member.GetProperty("status").GetString());
        Assert.True(member.GetProperty("self").GetBoolean());
        Assert.Equal(["api", "importer", "reader"], member.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(string.IsNullOrEmpty(member.GetProperty("version").GetString()));
        Assert.True(member.GetProperty("uptime_seconds").GetDouble() > 0);
        Assert.Equal(2, member.GetProperty("workers").GetInt32());
    }

    [Fact]
    public async Task Metrics_show_the_segment_reads_a_node_served_and_since_keeps_only_newer_samples()
    {
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        JsonElement? seen = null;
        // Sampled every 2 s: read until a sample after `before` shows reads, polling within a bound.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        for (int i = 0; seen is null && DateTime.UtcNow < deadline; i = (i + 1) % 1000)
        {
            using (var read = await node.Client.GetAsync($"/recordings/{NodeWithRecording.RecordingId}/segment?start={i * 100}&count=4800&format=f32"))
            {
                read.EnsureSuccessStatusCode();
            }
            var metrics = await node.Client.GetFromJsonAsync<JsonElement>($"/cluster/metrics?since={before}");
            var report = Assert.Single(metrics.GetProperty("nodes").EnumerateArray());
            foreach (var sample in report.GetProperty("samples").EnumerateArray())
            {
                Assert.True(sample.GetProperty("at_unix_ms").GetInt64() > before);
                if (sample.GetProperty("segments_per_second").GetDouble() > 0)
                {
                    seen = sample;
                }
            }
            await Task.Delay(50);
        }

        Assert.NotNull(seen);
        var s = seen.Value;
        Assert.True(s.GetProperty("latency_p99_ms").GetDouble() >= s.GetProperty("latency_p50_ms").GetDouble());
        Assert.True(s.GetProperty("latency_p50_ms").GetDouble() > 0);
        Assert.True(s.GetProperty("cache_hits").GetInt64() + s.GetProperty("cache_misses").GetInt64() > 0);
        Assert.True(s.GetProperty("index_cache_bytes").GetInt64() > 0);
        var future = await node.Client.GetFromJsonAsync<JsonElement>($"/cluster/metrics?since={long.MaxValue}");
        Assert.Empty(future.GetProperty("nodes")[0].GetProperty("samples").EnumerateArray());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public async Task A_bad_since_is_a_400_problem(string since)
    {
        await Problems.AssertAsync(await node.Client.GetAsync($"/cluster/metrics?since={since}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Archive_totals_count_the_complete_recordings_by_codec()
    {
        var totals = await node.Client.GetFromJsonAsync<JsonElement>("/cluster/archive");

        Assert.True(totals.GetProperty("complete").GetInt32() >= 1);
        Assert.True(totals.GetProperty("hours").GetDouble() >= 5.0 / 3600 - 1e-9);
        var aac = totals.GetProperty("by_codec").EnumerateArray().Single(c => c.GetProperty("codec").GetString() == "aac");
        Assert.True(aac.GetProperty("recordings").GetInt32() >= 1);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_new_routes()
    {
        var paths = (await node.Client.GetFromJsonAsync<JsonElement>("/openapi.json")).GetProperty("paths");

        foreach (var path in new[] { "/cluster", "/cluster/metrics", "/cluster/archive", "/recordings/{id}/spectrogram.png" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in /openapi.json");
        }
        var list = paths.GetProperty("/recordings").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("limit", list);
        Assert.Contains("offset", list);
        Assert.Contains("codec", list);
    }
}
