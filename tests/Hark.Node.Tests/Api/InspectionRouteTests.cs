using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Engine.Import;
using Hark.Node.Tests.Fixtures;
using Hark.Storage;

namespace Hark.Node.Tests.Api;

/// <summary>GET /recordings/{id}/metadata and /info, POST /recordings/{id}/verify: what `hark info` and `hark verify` print.</summary>
[Collection(NodeCollection.Name)]
public sealed class InspectionRouteTests(NodeWithRecording node)
{
    private const string Id = NodeWithRecording.RecordingId;

    [Fact]
    public async Task Info_is_the_metadata_and_the_sizes_in_one_flat_object()
    {
        var info = await node.Client.GetFromJsonAsync<JsonElement>($"/recordings/{Id}/info");
        var reader = await ArchiveStore.Open(node.Node.Archive.Path).OpenRecordingAsync(Id, CancellationToken.None);
        Assert.Equal(NodeWithRecording.SampleRate, info.GetProperty("sample_rate").GetInt32());
        Assert.Equal(NodeWithRecording.TotalSamples, info.GetProperty("total_samples").GetInt64());
        Assert.Equal("aac", info.GetProperty("codec").GetString());
        Assert.Equal(reader.IndexBytes, info.GetProperty("index_bytes").GetInt64());
        Assert.Equal(reader.AudioBytes, info.GetProperty("audio_bytes").GetInt64());
        Assert.Equal(5.0, info.GetProperty("duration_seconds").GetDouble(), 6);
        Assert.Equal((double)reader.IndexBytes / reader.AudioBytes, info.GetProperty("index_ratio").GetDouble(), 9);
    }

    [Fact]
    public async Task Metadata_is_the_archive_s_record()
    {
        var metadata = await node.Client.GetFromJsonAsync<JsonElement>($"/recordings/{Id}/metadata");
        Assert.Equal(Id, metadata.GetProperty("id").GetString());
        Assert.Equal(1024, metadata.GetProperty("priming_samples").GetInt32());
        Assert.False(metadata.TryGetProperty("index_bytes", out _));
    }

    [Fact]
    public async Task Verify_reports_a_sound_recording_as_valid()
    {
        using var response = await node.Client.PostAsync($"/recordings/{Id}/verify", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(report.GetProperty("valid").GetBoolean());
        Assert.Empty(report.GetProperty("problems").EnumerateArray());
        Assert.True(report.GetProperty("audio_chunks").GetInt64() >= 1);
    }

    [Theory]
    [InlineData("GET", "/recordings/nope/info")]
    [InlineData("GET", "/recordings/nope/metadata")]
    [InlineData("POST", "/recordings/nope/verify")]
    public async Task Unknown_ids_are_404(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        var detail = await Problems.AssertAsync(await node.Client.SendAsync(request), HttpStatusCode.NotFound);
        Assert.Equal("recording nope not found", detail);
    }

    [Fact]
    public async Task A_recording_that_is_not_complete_is_404_naming_its_state()
    {
        var source = await node.MakeSourceAsync("halted.wav", seconds: 1, channels: 1);
        var steps = new ImportSteps(ArchiveStore.Open(node.Node.Archive.Path));
        var plan = await steps.PlanAsync(new ImportRequest { Id = "halted", SourcePath = source }, CancellationToken.None);
        await steps.FailAsync("halted", plan.Token, "disk full", CancellationToken.None);

        using var response = await node.Client.GetAsync("/recordings/halted/metadata");
        var detail = await Problems.AssertAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("its state is failed", detail);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("failed", problem.GetProperty("state").GetString());
    }
}
