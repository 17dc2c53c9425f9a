using Akka.Actor;
using Akka.Cluster.Sharding;
using Hark.Actors.Contracts;
using Hark.Actors.Sharding;
using Hark.Engine.Import;
using Hark.Engine.Segments;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Actors.Tests;

/// <summary>The recording service on a one-node cluster: status, failures, errors, delete, resume.</summary>
public sealed class RecordingServiceTests(SingleNodeFixture fixture) : Akka.TestKit.Xunit2.TestKit, IClassFixture<SingleNodeFixture>
{
    private IRecordingService Service => fixture.Node.Service;

    [Fact]
    public async Task Status_of_a_recording_nobody_imported_is_unknown()
    {
        var status = await Service.GetStatusAsync("never-imported", CancellationToken.None);

        Assert.Equal(new RecordingStatus("never-imported", RecordingPhase.Unknown, 0, 0), status);
    }

    [Fact]
    public async Task Import_reports_importing_n_of_m_chunks_then_complete()
    {
        var source = await SineAsync("wren.wav", seconds: 35);

        var started = await Service.StartImportAsync(new ImportRequest { Id = "wren", SourcePath = source, ChunkSeconds = 10 }, CancellationToken.None);

        Assert.Equal(RecordingPhase.Importing, started.Phase);
        Assert.Equal(4, started.ChunkCount);
        Assert.Matches(@"^Importing \d/4 chunks$", started.ToString());
        var done = await CompleteAsync("wren");
        Assert.Equal(new RecordingStatus("wren", RecordingPhase.Complete, 4, 4), done.Settled);
        Assert.Equal(4, done.ChunksStaged);
        Assert.Equal(35.0, done.SourceSeconds, 3);
        var metadata = await Service.GetRecordingAsync("wren", CancellationToken.None);
        Assert.Equal(35L * 44100, metadata.TotalSamples);
        Assert.Contains(await Service.ListAsync(CancellationToken.None), r => r.Id == "wren");
    }

    [Fact]
    public async Task Corrupt_source_reports_failed_with_the_reason_and_leaves_the_archive_as_it_was()
    {
        var path = fixture.Directory.File("broken.wav");
        var junk = new byte[200_000];
        new Random(11).NextBytes(junk);
        await File.WriteAllBytesAsync(path, junk);

        var status = await Service.StartImportAsync(new ImportRequest { Id = "broken", SourcePath = path }, CancellationToken.None);

        Assert.Equal(RecordingPhase.Failed, status.Phase);
        Assert.StartsWith("Failed: ", status.ToString());
        Assert.False(string.IsNullOrWhiteSpace(status.Reason));
        // Refused before it claimed the id: the archive holds nothing of it, so an entity started later knows nothing of it.
        await AwaitEntityGoneAsync("broken");
        var again = await Service.GetStatusAsync("broken", CancellationToken.None);
        Assert.Equal(new RecordingStatus("broken", RecordingPhase.Unknown, 0, 0), again);
        Assert.DoesNotContain(await Service.ListAsync(CancellationToken.None), r => r.Id == "broken");
        await Assert.ThrowsAsync<RecordingNotFoundException>(() => Service.GetRecordingAsync("broken", CancellationToken.None));
    }

    [Fact]
    public async Task Importing_over_a_complete_recording_without_replace_is_refused_and_the_recording_stays()
    {
        var source = await SineAsync("lark.wav", seconds: 3);
        var request = new ImportRequest { Id = "lark", SourcePath = source, ChunkSeconds = 10 };
        await Service.StartImportAsync(request, CancellationToken.None);
        await CompleteAsync("lark");

        // The front door refuses it (a 409 over HTTP), the same whichever backend answers.
        var refused = await Assert.ThrowsAsync<RecordingExistsException>(() => Service.StartImportAsync(request, CancellationToken.None));
        Assert.Contains("already exists", refused.Message);
        Assert.Equal(RecordingPhase.Complete, (await Service.GetStatusAsync("lark", CancellationToken.None)).Phase);
    }

    [Fact]
    public async Task Segment_errors_arrive_as_the_engine_exceptions()
    {
        var source = await SineAsync("tit.wav", seconds: 2);
        await Service.StartImportAsync(new ImportRequest { Id = "tit", SourcePath = source, Codec = AudioCodec.Lac }, CancellationToken.None);
        await CompleteAsync("tit");
        using var sink = new MemoryStream();

        await Assert.ThrowsAsync<SegmentRangeException>(() =>
            Service.WriteSegmentAsync("tit", 2 * 44100 - 10, 11, SegmentFormat.Wav, sink, CancellationToken.None));
        await Assert.ThrowsAsync<RecordingNotFoundException>(() =>
            Service.WriteSegmentAsync("no-such-recording", 0, 10, SegmentFormat.Wav, sink, CancellationToken.None));
        await Service.WriteSegmentAsync("tit", 2 * 44100 - 10, 10, SegmentFormat.S16, sink, CancellationToken.None);
        Assert.Equal(10 * 2, sink.Length);
    }

    [Fact]
    public async Task Delete_removes_the_recording_and_a_second_delete_finds_nothing()
    {
        var source = await SineAsync("crow.wav", seconds: 2);
        await Service.StartImportAsync(new ImportRequest { Id = "crow", SourcePath = source }, CancellationToken.None);
        await CompleteAsync("crow");
        using (var before = new MemoryStream())
        {
            await Service.WriteSegmentAsync("crow", 0, 100, SegmentFormat.F32, before, CancellationToken.None);
        }

        await Service.DeleteAsync("crow", CancellationToken.None);

        Assert.Equal(RecordingPhase.Unknown, (await Service.GetStatusAsync("crow", CancellationToken.None)).Phase);
        await Assert.ThrowsAsync<RecordingNotFoundException>(() => Service.GetRecordingAsync("crow", CancellationToken.None));
        // The reader dropped its cached index: the deleted recording is not served from memory.
        await Assert.ThrowsAsync<RecordingNotFoundException>(() =>
            Service.WriteSegmentAsync("crow", 0, 100, SegmentFormat.F32, new MemoryStream(), CancellationToken.None));
        await Assert.ThrowsAsync<RecordingNotFoundException>(() => Service.DeleteAsync("crow", CancellationToken.None));
    }

    [Fact]
    public async Task An_interrupted_import_nobody_asks_about_is_resumed_by_the_sweeper()
    {
        var source = await SineAsync("daw.wav", seconds: 15);
        var archive = fixture.Node.Archive.Archive;
        await fixture.Node.Archive.Steps.PlanAsync(new ImportRequest { Id = "daw", SourcePath = source, ChunkSeconds = 10 }, CancellationToken.None);

        await AwaitAssertAsync(async () =>
            Assert.Equal(RecordingPhase.Complete, (await archive.FindRecordingAsync("daw", CancellationToken.None))?.State),
            TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(200));
    }

    private async Task<string> SineAsync(string name, int seconds) =>
        await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(1, seconds, 44100), fixture.Directory.File(name), "-c:a", "pcm_s16le");

    private async Task<RecordingStatus> CompleteAsync(string id)
    {
        RecordingStatus status = null!;
        await AwaitAssertAsync(async () =>
        {
            status = await Service.GetStatusAsync(id, CancellationToken.None);
            Assert.NotEqual(RecordingPhase.Failed, status.Phase);
            Assert.Equal(RecordingPhase.Complete, status.Phase);
        }, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(200));
        return status;
    }

    private async Task AwaitEntityGoneAsync(string id)
    {
        var region = fixture.Node.Registry.Get<RecordingRegion>();
        await AwaitAssertAsync(async () =>
        {
            var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
            Assert.DoesNotContain(state.Shards, shard => shard.EntityIds.Contains(id));
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
    }
}
