using Hark.Actors.Sharding;
using Hark.Engine.Import;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Actors.Tests;

/// <summary>
/// The node holding a recording's entity leaves while its indexer commits: the entity resumes on the other node
/// and commits the same import again while the old node's commit runs on. Both hold one token, so the archive ends
/// with one complete recording in one generation, identical to a clean import.
/// </summary>
public sealed class HandOffDuringCommitTests : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public async Task The_entitys_node_leaving_mid_commit_ends_with_one_complete_recording_identical_to_a_clean_import()
    {
        using var dir = new TempDirectory("hark-handoff");
        var source = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 15, 32000), dir.File("kite.wav"), "-c:a", "pcm_s16le");
        var request = new ImportRequest { Id = "kite", SourcePath = source, ChunkSeconds = 3 };
        var reference = await ReferenceImport.RunAsync(dir.File("reference"), request);

        var gates = new GatedImportSteps?[2];
        await using var cluster = await TestCluster.StartAsync(dir.File("archive"), TestCluster.FastSettings with { SweepInterval = TimeSpan.FromSeconds(1) },
            (index, archive) => gates[index] = new GatedImportSteps(new ImportSteps(archive)) { HoldCommits = true },
            ([HarkRoles.Api, HarkRoles.Importer, HarkRoles.Reader], 1),
            ([HarkRoles.Api, HarkRoles.Importer, HarkRoles.Reader], 1));
        await cluster.AwaitPubSubAsync();

        await cluster[0].Service.StartImportAsync(request, CancellationToken.None);
        var entered = await Task.WhenAny(gates[0]!.CommitEntered, gates[1]!.CommitEntered).WaitAsync(TimeSpan.FromMinutes(2));
        int host = entered == gates[0]!.CommitEntered ? 0 : 1;
        var oldIndexer = gates[host]!;
        var survivorGate = gates[1 - host]!;
        survivorGate.HoldCommits = false;
        var survivor = cluster[1 - host];

        // The host leaves with its commit held; the entity moves to the survivor, which commits the same import.
        await cluster.RemoveNodeAsync(host);
        oldIndexer.ReleaseCommits();
        var oldOutcome = await oldIndexer.HeldCommitEnded.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(oldOutcome is null or ImportSupersededException, $"the old node's commit: {oldOutcome}");

        await AwaitAssertAsync(async () =>
            Assert.Equal(RecordingPhase.Complete, (await survivor.Service.GetStatusAsync("kite", CancellationToken.None)).Phase),
            TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(100));
        var metadata = await survivor.Service.GetRecordingAsync("kite", CancellationToken.None);
        using var all = new MemoryStream();
        await survivor.Service.WriteSegmentAsync("kite", 0, metadata.TotalSamples, SegmentFormat.F32, all, CancellationToken.None);
        Assert.Equal(await reference.ReadAsync(0, reference.Metadata.TotalSamples, SegmentFormat.F32), all.ToArray());
        Assert.True((await survivor.Archive.Archive.VerifyRecordingAsync("kite", null, CancellationToken.None)).Valid);
        var generations = Directory.GetDirectories(Path.Combine(dir.File("archive"), "recordings", "kite"));
        Assert.Single(generations);
        Assert.False(Directory.Exists(Path.Combine(dir.File("archive"), "staging", "kite")));
    }
}
