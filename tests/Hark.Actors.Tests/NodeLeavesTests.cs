using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Hark.Actors.Sharding;
using Hark.Engine.Import;
using Hark.Messages;
using Hark.Testing;

namespace Hark.Actors.Tests;

/// <summary>The node holding an import's entity leaves mid-import; the entity moves and the import completes.</summary>
public sealed class NodeLeavesTests : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public async Task Import_completes_on_the_remaining_node_when_the_entitys_node_leaves()
    {
        using var dir = new TempDirectory("hark-leave");
        var source = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 60, 48000), dir.File("gull.wav"), "-c:a", "pcm_s16le");
        var settings = TestCluster.FastSettings with { SweepInterval = TimeSpan.FromSeconds(2) };
        await using var cluster = await TestCluster.StartAsync(dir.File("archive"), settings,
            ([HarkRoles.Api, HarkRoles.Importer, HarkRoles.Reader], 1),
            ([HarkRoles.Api, HarkRoles.Importer, HarkRoles.Reader], 1));
        await cluster.AwaitPubSubAsync();

        var started = await cluster[0].Service.StartImportAsync(new ImportRequest { Id = "gull", SourcePath = source, ChunkSeconds = 10 }, CancellationToken.None);
        int host = await EntityHostAsync(cluster, "gull");
        var survivor = cluster[1 - host];
        var events = CreateTestProbe(survivor.System);
        DistributedPubSub.Get(survivor.System).Mediator.Tell(new Subscribe(ImportFinished.Topic, events.Ref), events.Ref);
        await events.ExpectMsgAsync<SubscribeAck>();

        await cluster.RemoveNodeAsync(host);

        var finished = await events.FishForMessageAsync<ImportFinished>(m => m.RecordingId == "gull", TimeSpan.FromMinutes(3));
        Assert.Equal(RecordingPhase.Complete, finished.Phase);
        Assert.Equal(started.ChunkCount, finished.EncodedBy.Count);
        var metadata = await survivor.Service.GetRecordingAsync("gull", CancellationToken.None);
        Assert.Equal(60L * 48000, metadata.TotalSamples);
        using var all = new MemoryStream();
        await survivor.Service.WriteSegmentAsync("gull", 0, metadata.TotalSamples, SegmentFormat.S16, all, CancellationToken.None);
        Assert.Equal(60L * 48000 * 2 * 2, all.Length);
    }

    private static async Task<int> EntityHostAsync(TestCluster cluster, string id)
    {
        for (int i = 0; i < cluster.Nodes.Count; i++)
        {
            var state = await cluster[i].Registry.Get<RecordingRegion>()
                .Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
            if (state.Shards.Any(s => s.EntityIds.Contains(id)))
            {
                return i;
            }
        }
        throw new Xunit.Sdk.XunitException($"no node hosts the entity of {id}");
    }
}
