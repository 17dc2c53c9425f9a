using System.Net;
using Hark.Actors.Contracts;
using Hark.Actors.Hosting;
using Hark.Engine.Import;
using Hark.Node.Tests.Fixtures;
using Hark.Storage;
using Hark.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hark.Node.Tests.Api;

public sealed class ReadinessTests
{
    /// <summary>A node still joining its cluster: what a cluster readiness probe answers before membership is up.</summary>
    private sealed class Joining : IReadinessProbe
    {
        public Task<Readiness> CheckAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new Readiness(false, "joining seeds 127.0.0.1:4053"));
    }

    [Fact]
    public async Task A_fresh_node_says_ready_only_once_it_has_read_a_recording_so_the_first_request_finds_it_warm()
    {
        // An archive that already holds a recording, as a node restarted on it finds it.
        using var dir = new TempDirectory("hark-warm");
        var source = await AudioGenerator.GenerateAsync("sine=frequency=440:sample_rate=44100:duration=6", dir.File("tone.wav"), "-c:a", "pcm_s16le");
        var archivePath = dir.File("archive");
        await new LocalImporter(new ImportSteps(ArchiveStore.Open(archivePath)))
            .ImportAsync(new ImportRequest { Id = "warm", SourcePath = source }, 2, null, CancellationToken.None);

        await using var node = await RunningNode.StartAsync(configure: options => options with { Archive = archivePath });
        var cache = node.App.Services.GetRequiredService<ArchiveServices>().Cache;
        Assert.Equal(1, cache.Misses); // the warm-up opened the recording before /readyz said ready
        long hits = cache.Hits;

        using var segment = await node.Client.GetAsync("/recordings/warm/segment?start=100000&count=44100&format=f32");
        Assert.Equal(HttpStatusCode.OK, segment.StatusCode);
        Assert.Equal(1, cache.Misses); // the client's first read found its index in memory
        Assert.True(cache.Hits > hits);
    }

    [Fact]
    public async Task Readyz_is_503_while_the_probe_says_not_ready_and_healthz_still_200()
    {
        await using var node = await RunningNode.StartAsync(services => services.AddSingleton<IReadinessProbe, Joining>(), waitUntilReady: false);
        var detail = await Problems.AssertAsync(await node.Client.GetAsync("/readyz"), HttpStatusCode.ServiceUnavailable);
        Assert.Contains("joining seeds", detail);
        Assert.Equal(HttpStatusCode.OK, (await node.Client.GetAsync("/healthz")).StatusCode);
    }
}
