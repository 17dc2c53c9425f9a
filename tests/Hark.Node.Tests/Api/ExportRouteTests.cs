using System.Net;
using System.Net.Http.Json;
using Hark.Engine.Export;
using Hark.Engine.Segments;
using Hark.Node.Tests.Fixtures;
using Hark.Storage;

namespace Hark.Node.Tests.Api;

/// <summary>GET /recordings/{id}/export.{format}: byte for byte what the engine writes for the same stretch.</summary>
[Collection(NodeCollection.Name)]
public sealed class ExportRouteTests(NodeWithRecording node)
{
    private const string Id = NodeWithRecording.RecordingId;

    [Theory]
    [InlineData(null, null)]
    [InlineData(24000L, 96000L)]
    [InlineData(100L, null)]
    public async Task Adts_export_is_the_engine_export(long? from, long? to)
    {
        using var response = await node.Client.GetAsync($"/recordings/{Id}/export.adts?from={from}&to={to}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/aac", response.Content.Headers.ContentType?.MediaType);

        var reader = await ArchiveStore.Open(node.Node.Archive.Path).OpenRecordingAsync(Id, CancellationToken.None);
        var expected = new MemoryStream();
        await AdtsExport.WriteAsync(reader, from ?? 0, to ?? NodeWithRecording.TotalSamples, expected, CancellationToken.None);
        Assert.Equal(expected.ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(24077L, 96000L)]
    public async Task M4a_export_is_the_engine_export_as_audio_mp4(long? from, long? to)
    {
        using var response = await node.Client.GetAsync($"/recordings/{Id}/export.m4a?from={from}&to={to}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{Id}.m4a", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var reader = await ArchiveStore.Open(node.Node.Archive.Path).OpenRecordingAsync(Id, CancellationToken.None);
        var expected = new MemoryStream();
        await M4aExport.WriteAsync(reader, from ?? 0, to ?? NodeWithRecording.TotalSamples, expected, CancellationToken.None);
        Assert.Equal(expected.ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Wav_export_is_the_segment_of_the_same_samples()
    {
        using var response = await node.Client.GetAsync($"/recordings/{Id}/export.wav?from=4800&to=52800");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);

        var expected = new MemoryStream();
        await new SegmentReader(new RecordingCache(ArchiveStore.Open(node.Node.Archive.Path)))
            .ReadSegmentAsync(Id, 4800, 48000, SegmentFormat.Wav, expected, CancellationToken.None);
        Assert.Equal(expected.ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("adts", "from=0&to=240001")]
    [InlineData("m4a", "from=0&to=240001")]
    [InlineData("wav", "from=240000")]
    [InlineData("adts", "from=500&to=500")]
    [InlineData("wav", "from=-1")]
    public async Task Stretches_outside_the_recording_are_416(string format, string query)
    {
        var detail = await Problems.AssertAsync(
            await node.Client.GetAsync($"/recordings/{Id}/export.{format}?{query}"), HttpStatusCode.RequestedRangeNotSatisfiable);
        Assert.Contains("cannot export samples", detail);
    }

    [Theory]
    [InlineData("/recordings/sines/export.mp3", "export format")]
    [InlineData("/recordings/sines/export.adts?from=abc", "from")]
    public async Task Bad_export_requests_are_400(string url, string mentioned)
    {
        var detail = await Problems.AssertAsync(await node.Client.GetAsync(url), HttpStatusCode.BadRequest);
        Assert.Contains(mentioned, detail);
    }

    [Fact]
    public async Task Adts_and_m4a_of_a_lac_recording_are_400_and_wav_of_it_works()
    {
        var source = await node.MakeSourceAsync("lossless.wav", seconds: 1, channels: 1);
        Assert.Equal(HttpStatusCode.Accepted,
            (await node.Client.PostAsJsonAsync("/recordings", new { path = source, id = "lossless", codec = "lac" })).StatusCode);
        await ImportPolling.WaitForCompleteAsync(node.Client, "lossless");

        var detail = await Problems.AssertAsync(await node.Client.GetAsync("/recordings/lossless/export.adts"), HttpStatusCode.BadRequest);
        Assert.Contains("AAC only", detail);
        var m4a = await Problems.AssertAsync(await node.Client.GetAsync("/recordings/lossless/export.m4a"), HttpStatusCode.BadRequest);
        Assert.Contains("recording lossless is LAC (lossless); M4A carries AAC or Opus: export it as wav", m4a);
        using var wav = await node.Client.GetAsync("/recordings/lossless/export.wav");
        Assert.Equal(HttpStatusCode.OK, wav.StatusCode);
    }

    [Fact]
    public async Task An_unknown_recording_is_404() =>
        await Problems.AssertAsync(await node.Client.GetAsync("/recordings/nope/export.wav"), HttpStatusCode.NotFound);
}
