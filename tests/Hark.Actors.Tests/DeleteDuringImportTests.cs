using Hark.Actors.Sharding;
using Hark.Engine.Import;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Actors.Tests;

/// <summary>
/// A delete that lands while chunks are encoding, or while the commit runs: the delete answers, the recording stays
/// deleted whatever the import in flight does next, and a new import of the same id from another source equals a
/// clean import of that source (no chunk of the deleted import is picked up).
/// </summary>
public sealed class DeleteDuringImportTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly TempDirectory _dir = new("hark-delete-race");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _dir.Dispose();
    }

    [Fact]
    public async Task A_delete_during_encoding_keeps_the_recording_deleted_and_a_new_import_uses_none_of_its_chunks()
    {
        var gate = await RunDeleteAsync(holdEncodes: true);
        Assert.IsType<ImportSupersededException>(await gate.HeldEncodeEnded);
    }

    [Fact]
    public async Task A_delete_during_the_commit_keeps_the_recording_deleted_and_a_new_import_uses_none_of_its_chunks()
    {
        var gate = await RunDeleteAsync(holdEncodes: false);
        Assert.IsType<ImportSupersededException>(await gate.HeldCommitEnded);
    }

    private async Task<GatedImportSteps> RunDeleteAsync(bool holdEncodes)
    {
        var first = await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 12, 32000), _dir.File("first.wav"), "-c:a", "pcm_s16le");
        var second = await AudioGenerator.GenerateAsync("anoisesrc=d=12:c=brown:r=32000:a=0.4", _dir.File("second.wav"), "-c:a", "pcm_s16le", "-ac", "2");
        var reference = await ReferenceImport.RunAsync(_dir.File("reference"), Request(second));

        GatedImportSteps? gate = null;
        await using var cluster = await TestCluster.StartAsync(_dir.File("archive"), TestCluster.FastSettings,
            (_, archive) => gate = new GatedImportSteps(new ImportSteps(archive)) { HoldEncodes = holdEncodes, HoldCommits = !holdEncodes },
            ([HarkRoles.Api, HarkRoles.Importer, HarkRoles.Reader], 2));
        var node = cluster[0];

        await node.Service.StartImportAsync(Request(first), CancellationToken.None);
        await (holdEncodes ? gate!.EncodeEntered : gate!.CommitEntered).WaitAsync(TimeSpan.FromMinutes(2));
        await node.Service.DeleteAsync("heron", CancellationToken.None);
        gate.HoldEncodes = gate.HoldCommits = false;
        gate.ReleaseEncodes();
        gate.ReleaseCommits();
        await (holdEncodes ? gate.HeldEncodeEnded : gate.HeldCommitEnded).WaitAsync(TimeSpan.FromMinutes(2));

        // The late step has run to its end: the recording is still gone, in the archive and to the entity.
        Assert.Null(await node.Archive.Archive.FindRecordingAsync("heron", CancellationToken.None));
        Assert.Equal(RecordingPhase.Unknown, (await node.Service.GetStatusAsync("heron", CancellationToken.None)).Phase);
        Assert.Empty(await node.Service.ListAsync(CancellationToken.None));

        await node.Service.StartImportAsync(Request(second), CancellationToken.None);
        await AwaitAssertAsync(async () =>
            Assert.Equal(RecordingPhase.Complete, (await node.Service.GetStatusAsync("heron", CancellationToken.None)).Phase),
            TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(100));
        var metadata = await node.Service.GetRecordingAsync("heron", CancellationToken.None);
        Assert.Equal(reference.Metadata.TotalSamples, metadata.TotalSamples);
        using var all = new MemoryStream();
        await node.Service.WriteSegmentAsync("heron", 0, metadata.TotalSamples, SegmentFormat.F32, all, CancellationToken.None);
        Assert.Equal(await reference.ReadAsync(0, metadata.TotalSamples, SegmentFormat.F32), all.ToArray());
        return gate;
    }

    private static ImportRequest Request(string source) => new() { Id = "heron", SourcePath = source, ChunkSeconds = 3 };
}
