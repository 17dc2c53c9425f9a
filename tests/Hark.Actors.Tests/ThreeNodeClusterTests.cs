using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Hark.Actors.Contracts;
using Hark.Actors.Sharding;
using Hark.Engine.Import;
using Hark.Engine.Segments;
using Hark.Messages;
using Hark.Testing;

namespace Hark.Actors.Tests;

public sealed class ThreeNodeClusterTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly System.Diagnostics.ActivitySource Caller = new("Hark.Actors.Tests.CrossNodeCaller");

    [Fact]
    public async Task Import_on_node_1_is_encoded_on_several_nodes_and_node_3_reads_it_bit_exact()
    {
        var spans = new System.Collections.Concurrent.ConcurrentBag<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = s => s.Name is Hark.Actors.Telemetry.HarkTelemetry.ActivitySourceName or "Hark.Actors.Tests.CrossNodeCaller",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var dir = new TempDirectory("hark-cluster");
        var source = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 75, 48000), dir.File("dawn.wav"), "-c:a", "pcm_s16le");
        var request = new ImportRequest { Id = "dawn", SourcePath = source, ChunkSeconds = 10 };
        var reference = await ReferenceImport.RunAsync(dir.File("reference"), request);

        // Node 3 has no reader role: its reads go through the reader region's proxy to node 1 or 2.
        await using var cluster = await TestCluster.StartAsync(dir.File("archive"), TestCluster.FastSettings,
            ([HarkRoles.Api, HarkRoles.Importer, HarkRoles.Reader], 1),
            ([HarkRoles.Importer, HarkRoles.Reader], 1),
            ([HarkRoles.Api, HarkRoles.Importer], 1));
        var events = CreateTestProbe(cluster[0].System);
        DistributedPubSub.Get(cluster[0].System).Mediator.Tell(new Subscribe(ImportFinished.Topic, events.Ref), events.Ref);
        await events.ExpectMsgAsync<SubscribeAck>();
        await cluster.AwaitPubSubAsync();

        var started = await cluster[0].Service.StartImportAsync(request, CancellationToken.None);

        Assert.Equal(RecordingPhase.Importing, started.Phase);
        Assert.True(started.ChunkCount >= 7, started.ToString());
        var finished = await events.ExpectMsgAsync<ImportFinished>(TimeSpan.FromMinutes(3));
        Assert.Equal(RecordingPhase.Complete, finished.Phase);
        Assert.Equal(started.ChunkCount, finished.EncodedBy.Count);
        Assert.All(finished.EncodedBy, node => Assert.NotEmpty(node));
        var nodesThatEncoded = finished.EncodedBy.Distinct().ToList();
        Assert.True(nodesThatEncoded.Count > 1, $"every chunk was encoded on {string.Join(", ", nodesThatEncoded)}");
        Assert.All(nodesThatEncoded, address => Assert.Contains(address, cluster.Nodes.Select(n => n.Address.ToString())));

        var status = await cluster[2].Service.GetStatusAsync("dawn", CancellationToken.None);
        Assert.Equal(new RecordingStatus("dawn", RecordingPhase.Complete, started.ChunkCount, started.ChunkCount), status.Settled);
        var metadata = await cluster[2].Service.GetRecordingAsync("dawn", CancellationToken.None);
        Assert.Equal(reference.Metadata.TotalSamples, metadata.TotalSamples);
        Assert.Equal(reference.Metadata.FrameCount, metadata.FrameCount);

        // The whole recording crosses every chunk boundary; the short reads hit the first and last samples.
        long total = metadata.TotalSamples;
        var reads = new (long Start, long Count, SegmentFormat Format)[]
        {
            (0, total, SegmentFormat.F32),
            (0, 1, SegmentFormat.Wav),
            (total - 1, 1, SegmentFormat.S16),
            (479_000, 3_000, SegmentFormat.Wav),
            (total - 100_000, 100_000, SegmentFormat.Wav),
        };
        foreach (var (start, count, format) in reads)
        {
            using var fromCluster = new MemoryStream();
            await cluster[2].Service.WriteSegmentAsync("dawn", start, count, format, fromCluster, CancellationToken.None);
            var expected = await reference.ReadAsync(start, count, format);
            Assert.True(expected.AsSpan().SequenceEqual(fromCluster.ToArray()),
                $"segment {start}+{count} {format}: {fromCluster.Length} bytes from the cluster differ from the {expected.Length} of the single-node import");
        }

        // One segment request's trace spans two nodes: asked on node 3 (no reader role), served by a reader elsewhere.
        string traceId;
        using (var caller = Caller.StartActivity("segment request from node 3"))
        {
            traceId = caller!.TraceId.ToString();
            using var traced = new MemoryStream();
            await cluster[2].Service.WriteSegmentAsync("dawn", 1000, 4800, SegmentFormat.F32, traced, CancellationToken.None);
        }
        await AwaitAssertAsync(() =>
        {
            var served = spans.Where(s => s.TraceId.ToString() == traceId && s.OperationName == Hark.Actors.Telemetry.HarkTelemetry.SegmentRequestSpan).ToList();
            var node = Assert.Single(served).GetTagItem("hark.node") as string;
            Assert.NotNull(node);
            Assert.NotEqual(cluster[2].Address.ToString(), node);
            Assert.Contains(node, cluster.Nodes.Select(n => n.Address.ToString()));
        }, TimeSpan.FromSeconds(30));
    }
}
