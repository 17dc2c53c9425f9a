using Hark.Actors.Hosting;
using Hark.Messages;

namespace Hark.Actors.Tests;

/// <summary>What AddHarkCluster configures on a running node.</summary>
public sealed class HostingTests(SingleNodeFixture fixture) : IClassFixture<SingleNodeFixture>
{
    [Fact]
    public void Every_wire_message_uses_the_hark_serializer()
    {
        var serialization = fixture.Node.System.Serialization;

        Assert.IsType<HarkMessageSerializer>(serialization.FindSerializerFor(new RequestWork("x")));
        Assert.IsType<HarkMessageSerializer>(serialization.FindSerializerFor(new SegmentChunk(Guid.NewGuid(), 0, new byte[3])));
        Assert.IsType<HarkMessageSerializer>(serialization.FindSerializerFor(new ImportFinished("x", RecordingPhase.Complete, null, [])));
    }

    [Fact]
    public void Split_brain_resolver_keeps_the_majority_after_a_stable_period()
    {
        var config = fixture.Node.System.Settings.Config;

        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Equal(new HarkClusterSettings().DowningStableAfter, config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(TimeSpan.FromSeconds(7), new HarkClusterSettings().DowningStableAfter);
        Assert.Contains("SplitBrainResolverProvider", config.GetString("akka.cluster.downing-provider-class"));
    }

    [Fact]
    public async Task Readiness_reports_an_up_member()
    {
        var probe = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Hark.Actors.Contracts.IReadinessProbe>(fixture.Node.Services);

        var readiness = await probe.CheckAsync(CancellationToken.None);

        Assert.True(readiness.Ready, readiness.Detail);
        Assert.Equal("member of hark-test, 1 node up", readiness.Detail);
    }
}
