using Hark.Actors.Contracts;
using Hark.Actors.Sharding;
using Hark.Engine.Import;
using Hark.Testing;

namespace Hark.Actors.Tests;

/// <summary>An entity starting on a recording with a staged plan resumes the import (no sweeper in this cluster,
/// so the entity that answers is the one the question started).</summary>
public sealed class ResumeTests : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public async Task An_import_planned_before_its_entity_stopped_resumes_when_the_entity_starts_again()
    {
        using var dir = new TempDirectory("hark-resume");
        var source = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, 25, 44100), dir.File("rook.wav"), "-c:a", "pcm_s16le");
        await using var cluster = await TestCluster.StartAsync(dir.File("archive"), TestCluster.FastSettings with { SweepInterval = TimeSpan.FromHours(1) },
            ([HarkRoles.Api, HarkRoles.Importer, HarkRoles.Reader], 2));
        var node = cluster[0];
        // As if an entity planned the import and its node died: the plan is in staging, nothing else.
        var plan = await node.Archive.Steps.PlanAsync(new ImportRequest { Id = "rook", SourcePath = source, ChunkSeconds = 10 }, CancellationToken.None);

        var first = await node.Service.GetStatusAsync("rook", CancellationToken.None);

        Assert.Equal(RecordingPhase.Importing, first.Phase);
        Assert.Equal(plan.ChunkCount, first.ChunkCount);
        await AwaitAssertAsync(async () =>
        {
            var status = await node.Service.GetStatusAsync("rook", CancellationToken.None);
            Assert.Equal(new RecordingStatus("rook", RecordingPhase.Complete, plan.ChunkCount, plan.ChunkCount), status.Settled);
        }, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(200));
        var metadata = await node.Service.GetRecordingAsync("rook", CancellationToken.None);
        Assert.Equal(25L * 44100, metadata.TotalSamples);
    }
}
