using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Engine.Segments;
using Hark.Node.Configuration;
using Hark.Node.Tests.Fixtures;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Node.Tests.Docker;

/// <summary>
/// The compose cluster without Docker: three <c>hark serve</c> processes sharing one Azurite, each started with its
/// environment from docker-compose.yml (hosts and ports moved to loopback). A recording imported through node1 is
/// read, byte for byte the same, through every node.
/// </summary>
public sealed class ComposeClusterTests
{
    [Fact]
    public async Task Three_nodes_from_the_compose_file_share_one_archive()
    {
        using var folder = new TempDirectory("hark-compose");
        await using var cluster = await ComposeCluster.StartAsync(folder.Path);
        var clients = cluster.Clients;

        var source = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 4, 48000), folder.File("field.wav"), "-c:a", "pcm_s16le");
        var started = await clients[0].PostAsJsonAsync("recordings", new { path = source, id = "field", chunk_seconds = 1 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await ImportPolling.WaitForCompleteAsync(clients[0], "field");

        var expected = new MemoryStream();
        await new SegmentReader(new RecordingCache(cluster.Archive)).ReadSegmentAsync("field", 47000, 9600, SegmentFormat.Wav, expected, CancellationToken.None);
        foreach (var client in clients)
        {
            var rows = await client.GetFromJsonAsync<JsonElement>("recordings");
            Assert.Contains(rows.EnumerateArray(), r => r.GetProperty("id").GetString() == "field" && r.GetProperty("state").GetString() == "complete");
            Assert.Equal(expected.ToArray(), await client.GetByteArrayAsync("recordings/field/segment?start=47000&count=9600&format=wav"));
        }
    }

    /// <summary>A node is ready once it has joined the cluster: a bounded number of polls, not a sleep.</summary>
    internal static async Task<HttpStatusCode> ReadinessAsync(HttpClient client)
    {
        HttpStatusCode status = HttpStatusCode.ServiceUnavailable;
        for (int attempt = 0; attempt < 600 && status != HttpStatusCode.OK; attempt++)
        {
            status = (await client.GetAsync("readyz")).StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(100);
            }
        }
        return status;
    }
}
