using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Hark.Node.Configuration;
using Hark.Node.Tests.Fixtures;
using Hark.Testing;

namespace Hark.Node.Tests.Batches;

/// <summary>
/// A node whose archive is on Azure Blob (Azurite) importing from blobs: a batch of a blob folder, a blob in a named
/// account, an upload (kept in the archive's own store and copied out for staging); blobs outside the import
/// containers refused. Every recording is checked against ffmpeg's decode of the file the blob was made from.
/// </summary>
public sealed class BlobSourceTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("hark-blob-sources");
    private AzuriteProcess _azurite = null!;
    private ServeProcess _node = null!;
    private HttpClient _client = null!;
    private readonly List<string> _files = [];

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        var cards = new BlobContainerClient(_azurite.ConnectionString, "cards");
        await cards.CreateIfNotExistsAsync();
        for (int i = 0; i < 3; i++)
        {
            var file = await AudioGenerator.GenerateAsync(
                $"aevalsrc=0.2*sin(2*PI*{260 + 90 * i}*t)+0.02*(random(0)-0.5):s=32000:d={3.3 + i}", _dir.File($"site{i}.wav"), "-c:a", "pcm_s16le");
            _files.Add(file);
            await cards.UploadBlobAsync($"2026-05/site{i}.wav", File.OpenRead(file));
        }
        await cards.UploadBlobAsync("2026-05/readme.txt", BinaryData.FromString("not audio"));
        await new BlobContainerClient(_azurite.ConnectionString, "private").CreateIfNotExistsAsync();
        var environment = new Dictionary<string, string>
        {
            ["HARK_ARCHIVE"] = "az://archive",
            [NodeSettingNames.AzureConnectionStringVariable] = _azurite.ConnectionString,
            [$"{NodeSettingNames.AzureConnectionStringVariable}_FIELD"] = _azurite.ConnectionString,
            ["HARK_IMPORT_CONTAINERS"] = "cards,field@cards",
        };
        _node = await ServeProcess.StartAsync(["--port", "0"], environment);
        _client = new HttpClient { BaseAddress = _node.Address, Timeout = TimeSpan.FromMinutes(3) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _node.DisposeAsync();
        await _azurite.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_blob_folder_batch_a_named_account_blob_and_an_upload_import_exactly_into_an_azure_archive()
    {
        using var started = await _client.PostAsJsonAsync("/batches", new { sources = new[] { "az://cards/2026-05/" }, options = new { codec = "lac" } });
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var batch = await PollAsync($"/batches/{id}", b => b.GetProperty("phase").GetString() == "finished");
        var items = batch.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["site0", "site1", "site2"], items.Select(i => i.GetProperty("recording_id").GetString()));
        Assert.All(items, i => Assert.Equal("complete", i.GetProperty("state").GetString()));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(await PcmOracle.FfmpegSha256Async(_files[i]), await PcmOracle.ArchivedSha256Async(_client, $"site{i}"));
        }

        using (var named = await _client.PostAsJsonAsync("/recordings", new { path = "az://field@cards/2026-05/site1.wav", id = "named", codec = "lac" }))
        {
            Assert.True(named.StatusCode == HttpStatusCode.Accepted, await named.Content.ReadAsStringAsync());
        }
        await PollAsync("/recordings/named", r => r.GetProperty("phase").GetString() == "complete");
        Assert.Equal(await PcmOracle.FfmpegSha256Async(_files[1]), await PcmOracle.ArchivedSha256Async(_client, "named"));

        var upload = await ProcessRunner.HarkAsync("import", _files[2], "--id", "uploaded", "--node", _client.BaseAddress!.ToString(), "--upload", "--codec", "lac");
        Assert.True(upload.ExitCode == 0, upload.StandardError);
        Assert.Equal(await PcmOracle.FfmpegSha256Async(_files[2]), await PcmOracle.ArchivedSha256Async(_client, "uploaded"));
        var archive = new BlobContainerClient(_azurite.ConnectionString, "archive");
        Assert.Empty(archive.GetBlobs(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "uploads/", CancellationToken.None).ToList());

        // The batch again: every blob is archived already, with the same SHA-256.
        using var rerun = await _client.PostAsJsonAsync("/batches", new { sources = new[] { "az://cards/2026-05/site*.wav" }, options = new { codec = "lac" } });
        var again = await PollAsync($"/batches/{(await rerun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()}",
            b => b.GetProperty("phase").GetString() == "finished");
        Assert.All(again.GetProperty("items").EnumerateArray(), i => Assert.Equal("skipped", i.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Blobs_outside_the_import_containers_missing_blobs_and_malformed_addresses_are_refused()
    {
        await AssertProblemAsync(HttpStatusCode.Forbidden, "import containers", new { path = "az://private/x.wav" });
        await AssertProblemAsync(HttpStatusCode.Forbidden, "import containers", new { path = "az://cards/../private/x.wav" });
        await AssertProblemAsync(HttpStatusCode.BadRequest, "no such blob", new { path = "az://cards/2026-05/absent.wav" });
        await AssertProblemAsync(HttpStatusCode.BadRequest, "no such blob", new { path = "az://field@cards/absent.wav" });
        using var empty = await _client.PostAsJsonAsync("/batches", new { sources = new[] { "az://cards/2025/" } });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("no audio blob", await empty.Content.ReadAsStringAsync());
    }

    private async Task AssertProblemAsync(HttpStatusCode status, string detail, object body)
    {
        using var response = await _client.PostAsJsonAsync("/recordings", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Contains(detail, JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString());
    }

    private async Task<JsonElement> PollAsync(string url, Func<JsonElement, bool> done)
    {
        for (int i = 0; i < 1500; i++)
        {
            using var response = await _client.GetAsync(url);
            if (response.IsSuccessStatusCode)
            {
                var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (done(body))
                {
                    return body;
                }
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{url} did not get there");
    }
}
