using System.Net;
using System.Net.Http.Json;
using Hark.Engine.Segments;
using Hark.Node.Tests.Fixtures;
using Hark.Testing;
using Xunit.Abstractions;

namespace Hark.Node.Tests.Docker;

/// <summary>A bounded load on loopback: concurrent clients read random segments through all three nodes; every
/// answer is checked against the reference decode and none may fail.</summary>
public sealed class ClusterLoadTests(ITestOutputHelper output)
{
    private const int Clients = 8;
    private const int RequestsPerClient = 40;

    [Fact]
    public async Task Concurrent_segment_requests_through_every_node_are_all_exact()
    {
        using var folder = new TempDirectory("hark-load");
        var source = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 30, 44100), folder.File("load.wav"), "-c:a", "pcm_s16le");
        await using var cluster = await ComposeCluster.StartAsync(folder.Path);
        Assert.Equal(HttpStatusCode.Accepted, (await cluster.Clients[0].PostAsJsonAsync("recordings", new { path = source, id = "load", chunk_seconds = 5 })).StatusCode);
        await ImportPolling.WaitForCompleteAsync(cluster.Clients[0], "load");

        var segments = new SegmentReader(new RecordingCache(cluster.Archive));
        var meta = await segments.GetRecordingAsync("load", CancellationToken.None);
        using var whole = new MemoryStream();
        await segments.ReadSegmentAsync("load", 0, meta.TotalSamples, SegmentFormat.F32, whole, CancellationToken.None);
        var reference = whole.ToArray();

        int errors = 0, checkedAnswers = 0;
        var perNode = new int[cluster.Clients.Count];
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            for (int i = 0; i < RequestsPerClient; i++)
            {
                int node = (client + i) % cluster.Clients.Count;
                int count = random.Next(1, 48000);
                long start = random.NextInt64(0, meta.TotalSamples - count);
                using var response = await cluster.Clients[node].GetAsync($"recordings/load/segment?start={start}&count={count}&format=f32");
                var body = await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode || !body.AsSpan().SequenceEqual(reference.AsSpan((int)start * 8, count * 8)))
                {
                    Interlocked.Increment(ref errors);
                }
                Interlocked.Increment(ref checkedAnswers);
                Interlocked.Increment(ref perNode[node]);
            }
        })));

        output.WriteLine($"{checkedAnswers} answers, per node {string.Join('/', perNode)}, {errors} wrong or failed");
        Assert.Equal(Clients * RequestsPerClient, checkedAnswers);
        Assert.All(perNode, n => Assert.True(n > 0));
        Assert.Equal(0, errors);
    }
}
