using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Engine.Import;
using Hark.Node.Tests.Fixtures;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Node.Tests.Api;

[Collection(NodeCollection.Name)]
public sealed class RecordingRoutesTests(NodeWithRecording node)
{
    [Fact]
    public void Import_answers_202_with_the_status_url()
    {
        Assert.Equal(HttpStatusCode.Accepted, node.ImportResponse!.StatusCode);
        Assert.Equal($"/recordings/{NodeWithRecording.RecordingId}", node.ImportResponse.Headers.Location?.OriginalString);
        Assert.Equal(NodeWithRecording.RecordingId, node.ImportAnswer.GetProperty("id").GetString());
        Assert.Equal("importing", node.ImportAnswer.GetProperty("phase").GetString());
        Assert.Equal(3, node.ImportAnswer.GetProperty("chunk_count").GetInt32());
    }

    [Fact]
    public async Task Status_of_a_complete_recording_carries_its_metadata_in_snake_case()
    {
        var view = await node.Client.GetFromJsonAsync<JsonElement>($"/recordings/{NodeWithRecording.RecordingId}");
        Assert.Equal("complete", view.GetProperty("phase").GetString());
        Assert.Equal("Complete", view.GetProperty("status").GetString());
        var metadata = view.GetProperty("metadata");
        Assert.Equal("aac", metadata.GetProperty("codec").GetString());
        Assert.Equal(NodeWithRecording.SampleRate, metadata.GetProperty("sample_rate").GetInt32());
        Assert.Equal(2, metadata.GetProperty("channels").GetInt32());
        Assert.Equal(NodeWithRecording.TotalSamples, metadata.GetProperty("total_samples").GetInt64());
        Assert.Equal("complete", metadata.GetProperty("state").GetString());
    }

    [Fact]
    public async Task List_shows_the_recording()
    {
        var rows = await node.Client.GetFromJsonAsync<JsonElement>("/recordings");
        var row = rows.EnumerateArray().Single(r => r.GetProperty("id").GetString() == NodeWithRecording.RecordingId);
        Assert.Equal("complete", row.GetProperty("state").GetString());
        Assert.Equal(NodeWithRecording.TotalSamples, row.GetProperty("total_samples").GetInt64());
        Assert.Equal(5.0, row.GetProperty("duration_seconds").GetDouble(), 6);
    }

    [Fact]
    public async Task Delete_removes_a_recording_and_its_status()
    {
        var source = await node.MakeSourceAsync("short.wav", seconds: 1, channels: 1);
        var started = await node.Client.PostAsJsonAsync("/recordings", new { path = source, codec = "lac" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("/recordings/short", started.Headers.Location?.OriginalString);
        var view = await ImportPolling.WaitForCompleteAsync(node.Client, "short");
        Assert.Equal("lac", view.GetProperty("metadata").GetProperty("codec").GetString());

        var deleted = await node.Client.DeleteAsync("/recordings/short");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Problems.AssertAsync(await node.Client.GetAsync("/recordings/short"), HttpStatusCode.NotFound);
        var rows = await node.Client.GetFromJsonAsync<JsonElement>("/recordings");
        Assert.DoesNotContain(rows.EnumerateArray(), r => r.GetProperty("id").GetString() == "short");
        Assert.False(Directory.Exists(Path.Combine(node.Node.Archive.Path, "recordings", "short")));
    }

    [Fact]
    public async Task Replace_imports_again_under_an_existing_id()
    {
        var source = await node.MakeSourceAsync("again.wav", seconds: 1, channels: 1);
        Assert.Equal(HttpStatusCode.Accepted, (await node.Client.PostAsJsonAsync("/recordings", new { path = source, id = "again" })).StatusCode);
        await ImportPolling.WaitForCompleteAsync(node.Client, "again");
        var longer = await node.MakeSourceAsync("again2.wav", seconds: 2, channels: 1);
        var replaced = await node.Client.PostAsJsonAsync("/recordings", new { path = longer, id = "again", replace = true, bitrate = "96k" });
        Assert.Equal(HttpStatusCode.Accepted, replaced.StatusCode);
        var view = await ImportPolling.WaitForCompleteAsync(node.Client, "again");
        Assert.Equal(2 * NodeWithRecording.SampleRate, view.GetProperty("metadata").GetProperty("total_samples").GetInt64());
        Assert.Equal(96000, view.GetProperty("metadata").GetProperty("bitrate").GetInt32());
    }

    [Fact]
    public async Task Delete_during_an_import_stops_it_and_leaves_nothing()
    {
        var source = await AudioGenerator.GenerateAsync(
            AudioGenerator.SineExpression(1, 900, 16000), Path.Combine(node.SourceFolder, "long.wav"), "-c:a", "pcm_s16le");
        var started = await node.Client.PostAsJsonAsync("/recordings", new { path = source, chunk_seconds = 20 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        // Listed at once, with its progress, whether or not the archive holds anything of it yet.
        var rows = await node.Client.GetFromJsonAsync<JsonElement>("/recordings");
        var row = rows.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "long");
        Assert.Equal(900.0, row.GetProperty("duration_seconds").GetDouble(), 6);

        Assert.Equal(HttpStatusCode.NoContent, (await node.Client.DeleteAsync("/recordings/long")).StatusCode);
        await Problems.AssertAsync(await node.Client.GetAsync("/recordings/long"), HttpStatusCode.NotFound);
        Assert.False(Directory.Exists(Path.Combine(node.Node.Archive.Path, "recordings", "long")));
        // A step of the import still running when the delete came (its plan being written, say) finds its token
        // revoked once its write lands and removes what it wrote: staging empties, it may just take that moment.
        var staging = Path.Combine(node.Node.Archive.Path, "staging", "long");
        for (int poll = 0; poll < 200 && Directory.Exists(staging); poll++)
        {
            await Task.Delay(50);
        }
        Assert.False(Directory.Exists(staging), $"left in staging: {string.Join(", ", Directory.Exists(staging) ? Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories) : [])}");
        await Problems.AssertAsync(await node.Client.GetAsync("/recordings/long"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_import_that_failed_elsewhere_shows_as_failed_with_its_reason_and_can_be_deleted()
    {
        var source = await node.MakeSourceAsync("broken.wav", seconds: 1, channels: 1);
        var steps = new ImportSteps(ArchiveStore.Open(node.Node.Archive.Path));
        var plan = await steps.PlanAsync(new ImportRequest { Id = "broken", SourcePath = source }, CancellationToken.None);
        await steps.FailAsync("broken", plan.Token, "disk full", CancellationToken.None);

        var view = await node.Client.GetFromJsonAsync<JsonElement>("/recordings/broken");
        Assert.Equal("failed", view.GetProperty("phase").GetString());
        Assert.Equal("disk full", view.GetProperty("reason").GetString());
        var rows = await node.Client.GetFromJsonAsync<JsonElement>("/recordings");
        var row = rows.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "broken");
        Assert.Equal("failed", row.GetProperty("state").GetString());
        Assert.Equal("disk full", row.GetProperty("reason").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await node.Client.DeleteAsync("/recordings/broken")).StatusCode);
        await Problems.AssertAsync(await node.Client.GetAsync("/recordings/broken"), HttpStatusCode.NotFound);
    }
}
