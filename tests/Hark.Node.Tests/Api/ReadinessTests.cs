using System.Net;
using Hark.Actors.Contracts;
using Hark.Node.Tests.Fixtures;
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
    public async Task Readyz_is_503_while_the_probe_says_not_ready_and_healthz_still_200()
    {
        await using var node = await RunningNode.StartAsync(services => services.AddSingleton<IReadinessProbe, Joining>(), waitUntilReady: false);
        var detail = await Problems.AssertAsync(await node.Client.GetAsync("/readyz"), HttpStatusCode.ServiceUnavailable);
        Assert.Contains("joining seeds", detail);
        Assert.Equal(HttpStatusCode.OK, (await node.Client.GetAsync("/healthz")).StatusCode);
    }
}
