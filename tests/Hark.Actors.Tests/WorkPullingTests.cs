using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Hark.Actors.Import;
using Hark.Actors.Sharding;
using Hark.Engine.Import;
using Hark.Messages;
using Hark.Testing;

namespace Hark.Actors.Tests;

/// <summary>
/// A chunk handed to a worker that never reports it, or reports it failed, is handed out again, and the import
/// completes; a chunk that fails every attempt fails the import. The node runs
/// no workers of its own, so the first job can only go to the failing worker; a real worker starts afterwards.
/// </summary>
public sealed class WorkPullingTests : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public async Task Chunk_of_a_worker_that_stops_mid_chunk_is_handed_out_again_and_the_import_completes()
    {
        await ImportWithFailingWorkerAsync(FakeWorkerBehaviour.StopOnJob, TestCluster.FastSettings);
    }

    [Fact]
    public async Task Chunk_of_a_worker_that_hangs_is_handed_out_again_when_its_lease_runs_out()
    {
        await ImportWithFailingWorkerAsync(FakeWorkerBehaviour.HangOnJob, TestCluster.FastSettings with { ChunkLease = TimeSpan.FromSeconds(3) });
    }

    [Fact]
    public async Task Chunk_that_fails_to_encode_is_tried_again_and_the_import_completes()
    {
        await ImportWithFailingWorkerAsync(FakeWorkerBehaviour.FailFirstJob, TestCluster.FastSettings);
    }

    [Fact]
    public async Task Chunk_that_fails_every_attempt_fails_the_import_naming_the_chunk_and_the_attempts()
    {
        using var dir = new TempDirectory("hark-pull");
        // One chunk only: every job the crashing worker takes is an attempt at that chunk.
        var source = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 8, 44100), dir.File("jay.wav"), "-c:a", "pcm_s16le");
        await using var cluster = await TestCluster.StartAsync(dir.File("archive"), TestCluster.FastSettings,
            ([HarkRoles.Api, HarkRoles.Importer, HarkRoles.Reader], 0));
        var node = cluster[0];
        var observer = CreateTestProbe(node.System);
        node.System.ActorOf(FakeWorker.Props(node.Registry.Get<RecordingRegion>(), observer.Ref, FakeWorkerBehaviour.FailEveryJob), "crashing-worker");
        await observer.ExpectMsgAsync<SubscribeAck>();

        var started = await node.Service.StartImportAsync(new ImportRequest { Id = "jay", SourcePath = source, ChunkSeconds = 10 }, CancellationToken.None);
        Assert.Equal(1, started.ChunkCount);
        var first = await observer.ExpectMsgAsync<ChunkJob>(TimeSpan.FromSeconds(60));
        for (int attempt = 2; attempt <= RecordingEntity.EncodeAttempts; attempt++)
        {
            Assert.Equal(first.ChunkIndex, (await observer.ExpectMsgAsync<ChunkJob>(TimeSpan.FromSeconds(30))).ChunkIndex);
        }
        await AwaitAssertAsync(async () =>
        {
            var status = await node.Service.GetStatusAsync("jay", CancellationToken.None);
            Assert.Equal(RecordingPhase.Failed, status.Phase);
            Assert.Equal($"chunk {first.ChunkIndex} could not be encoded in {RecordingEntity.EncodeAttempts} attempts, last on fake-node: encoder crashed",
                status.Reason);
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        await observer.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(500));
        // Recorded in the archive, so the entity started anywhere later reports the same failure.
        await AwaitAssertAsync(async () => Assert.StartsWith($"chunk {first.ChunkIndex} could not be encoded",
            (await node.Archive.Steps.LoadAsync("jay", CancellationToken.None)).Failure), TimeSpan.FromSeconds(10));
    }

    private async Task ImportWithFailingWorkerAsync(FakeWorkerBehaviour behaviour, Hosting.HarkClusterSettings settings)
    {
        using var dir = new TempDirectory("hark-pull");
        var source = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 25, 44100), dir.File("owl.wav"), "-c:a", "pcm_s16le");
        await using var cluster = await TestCluster.StartAsync(dir.File("archive"), settings,
            ([HarkRoles.Api, HarkRoles.Importer, HarkRoles.Reader], 0));
        var node = cluster[0];
        var recordings = node.Registry.Get<RecordingRegion>();
        var observer = CreateTestProbe(node.System);
        var events = CreateTestProbe(node.System);
        DistributedPubSub.Get(node.System).Mediator.Tell(new Subscribe(ImportFinished.Topic, events.Ref), events.Ref);
        await events.ExpectMsgAsync<SubscribeAck>();
        var fake = node.System.ActorOf(FakeWorker.Props(recordings, observer.Ref, behaviour), "fake-worker");
        await observer.ExpectMsgAsync<SubscribeAck>();
        observer.Watch(fake);

        var started = await node.Service.StartImportAsync(new ImportRequest { Id = "owl", SourcePath = source, ChunkSeconds = 10 }, CancellationToken.None);
        var taken = await observer.ExpectMsgAsync<ChunkJob>(TimeSpan.FromSeconds(60));
        if (behaviour is FakeWorkerBehaviour.StopOnJob or FakeWorkerBehaviour.FailFirstJob)
        {
            await observer.ExpectTerminatedAsync(fake);
        }
        var worker = node.System.ActorOf(ImporterActor.Props(node.Archive.Steps, recordings,
            DistributedPubSub.Get(node.System).Mediator, settings.AskTimeout), "late-worker");

        var finished = await events.ExpectMsgAsync<ImportFinished>(TimeSpan.FromMinutes(2));
        Assert.Equal(RecordingPhase.Complete, finished.Phase);
        Assert.Equal(started.ChunkCount, finished.EncodedBy.Count);
        // The taken chunk was encoded after all, by a real worker on this node.
        Assert.Equal(node.Address.ToString(), finished.EncodedBy[taken.ChunkIndex]);
        var status = await node.Service.GetStatusAsync("owl", CancellationToken.None);
        Assert.Equal("Complete", status.ToString());
        Assert.Equal(started.ChunkCount, status.ChunksDone);
        node.System.Stop(worker);
    }
}
