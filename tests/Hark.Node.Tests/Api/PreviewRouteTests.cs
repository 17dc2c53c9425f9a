using System.Globalization;
using System.Net;
using Hark.Node.Tests.Fixtures;
using Hark.Testing;

namespace Hark.Node.Tests.Api;

/// <summary>
/// GET /recordings/{id}/preview.png: a PNG that ffmpeg decodes to the very pixels tifffile reads from page 1 of the
/// same chunk's TIFF made by <c>hark archive tiff --recording</c> through this node; bad queries are 400s.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class PreviewRouteTests(NodeWithRecording node) : IDisposable
{
    private const string Id = NodeWithRecording.RecordingId;
    private readonly TempDirectory _dir = new("hark-preview");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_chunks_preview_is_the_picture_on_page_one_of_its_tiff()
    {
        const double chunkHours = 2.0 / 3600;
        string hours = chunkHours.ToString("R", CultureInfo.InvariantCulture);
        using var response = await node.Client.GetAsync($"/recordings/{Id}/preview.png?chunk=1&chunk_hours={hours}&width=300&height=64");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = _dir.File("chunk1.png");
        await File.WriteAllBytesAsync(png, await response.Content.ReadAsByteArrayAsync());
        var pixels = await ProcessRunner.RunAsync("ffmpeg", ["-v", "error", "-i", png, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]);
        Assert.True(pixels.ExitCode == 0, pixels.StandardError);
        Assert.Equal(300 * 64 * 3, pixels.StandardOutput.Length);
        Assert.True(pixels.StandardOutput.Distinct().Count() > 20, "the preview is nearly flat");

        // The archive's own preview of that chunk, at its default size, against the route at the same size.
        var archive = _dir.File("archive");
        var run = await ProcessRunner.HarkAsync("archive", "tiff", "--recording", Id, "--out", archive, "--chunk-hours", hours,
            "--node", node.Client.BaseAddress!.ToString());
        Assert.True(run.ExitCode == 0, run.StandardError);
        using var full = await node.Client.GetAsync($"/recordings/{Id}/preview.png?chunk=1&chunk_hours={hours}");
        var fullPng = _dir.File("full.png");
        await File.WriteAllBytesAsync(fullPng, await full.Content.ReadAsByteArrayAsync());
        var routePixels = await ProcessRunner.RunAsync("ffmpeg", ["-v", "error", "-i", fullPng, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]);
        var page1 = await ProcessRunner.RunAsync("/usr/bin/python3", ["-c",
            "import sys, tifffile; sys.stdout.buffer.write(tifffile.TiffFile(sys.argv[1]).pages[0].asarray().tobytes())",
            Path.Combine(archive, $"{Id}_chunk_000001.tiff")]);
        Assert.True(page1.ExitCode == 0, page1.StandardError);
        Assert.Equal(2048 * 256 * 3, page1.StandardOutput.Length);
        Assert.True(page1.StandardOutput.AsSpan().SequenceEqual(routePixels.StandardOutput), "the route's picture is not the TIFF's");
    }

    [Theory]
    [InlineData("width=0")]
    [InlineData("height=5000")]
    [InlineData("chunk=9")]
    [InlineData("chunk=0&start=5")]
    [InlineData("start=100&count=999999999")]
    [InlineData("max_hz=-3")]
    public async Task A_bad_query_is_a_400(string query)
    {
        using var response = await node.Client.GetAsync($"/recordings/{Id}/preview.png?{query}");
        await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_route_and_its_parameters()
    {
        var document = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(node.Client, "/openapi.json");
        var preview = document.GetProperty("paths").GetProperty("/recordings/{id}/preview.png").GetProperty("get");
        var names = preview.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["id", "chunk", "chunk_hours", "start", "count", "width", "height", "max_hz"], names);
        Assert.True(preview.GetProperty("responses").TryGetProperty("200", out _));
    }

    [Fact]
    public async Task An_unknown_recording_is_a_404()
    {
        using var response = await node.Client.GetAsync("/recordings/nobody/preview.png");
        await Problems.AssertAsync(response, HttpStatusCode.NotFound);
    }
}
