using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hark.Node.Tests.Fixtures;
using Hark.Testing;

namespace Hark.Node.Tests.Batches;

/// <summary>
/// Uploads into a node that cannot read the CLI's files (no import roots): cut halfway by a dropped connection and
/// resumed by <c>hark import --upload</c>; bad parts and a wrong SHA-256 refused; a folder batch uploaded on its own
/// because the node cannot read its paths. Every recording is checked against ffmpeg's decode of its file.
/// </summary>
public sealed class UploadTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("hark-upload");
    private RunningNode _node = null!;

    public async Task InitializeAsync() => _node = await RunningNode.StartAsync();

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _dir.Dispose();
    }

    private HttpClient Client => _node.Client;

    private Task<string> WavAsync(string name, double seconds, int frequency) => AudioGenerator.GenerateAsync(
        $"aevalsrc=0.25*sin(2*PI*{frequency}*t)+0.03*(random(0)-0.5)|0.25*sin(2*PI*{frequency * 1.5}*t):s=48000:d={seconds}",
        _dir.File(name), "-c:a", "pcm_s16le");

    [Fact]
    public async Task An_upload_cut_off_halfway_resumes_from_the_last_part_kept_and_imports_exactly()
    {
        var wav = await WavAsync("dawn.wav", 40, 330);
        var bytes = await File.ReadAllBytesAsync(wav);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        using var created = await Client.PostAsJsonAsync("/uploads", new { name = "dawn.wav", size = bytes.Length, sha256 = sha });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        int half = bytes.Length / 2;
        using (var first = await PatchAsync(id, 0, bytes.AsMemory(0, half)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        // The next part's connection drops a third of the way through its body: nothing of it may be kept.
        await PatchCutOffAsync(id, half, bytes.AsMemory(half), sendBytes: (bytes.Length - half) / 3);
        Assert.Equal(half, await OffsetAsync(id));

        var import = await ProcessRunner.HarkAsync("import", wav, "--node", Client.BaseAddress!.ToString(), "--upload", "--codec", "lac");
        Assert.True(import.ExitCode == 0, import.StandardError);
        Assert.Contains($"resuming at byte {half} of {bytes.Length}", import.StandardError);
        Assert.Equal(await PcmOracle.FfmpegSha256Async(wav), await PcmOracle.ArchivedSha256Async(Client, "dawn"));
        // Removed once imported.
        using var gone = await Client.GetAsync($"/uploads/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(_node.ArchivePath, "uploads", id)));
    }

    [Fact]
    public async Task Wrong_offsets_oversized_parts_and_a_wrong_sha256_are_refused_and_a_bad_upload_is_discarded()
    {
        var bytes = Encoding.ASCII.GetBytes(new string('x', 1000));
        var wrongSha = Convert.ToHexStringLower(SHA256.HashData("other"u8));
        using var created = await Client.PostAsJsonAsync("/uploads", new { name = "../../etc/passwd", size = 1000, sha256 = wrongSha });
        var state = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("passwd", state.GetProperty("name").GetString());
        var id = state.GetProperty("id").GetString()!;

        await AssertProblemAsync(HttpStatusCode.Conflict, "at byte 0, not 10", await PatchAsync(id, 10, bytes.AsMemory(0, 10)));
        await AssertProblemAsync(HttpStatusCode.BadRequest, "at most 1000 bytes", await PatchAsync(id, 0, new byte[1001]));
        Assert.Equal(0, await OffsetAsync(id));
        await AssertProblemAsync(HttpStatusCode.BadRequest, "Upload-Offset", await Client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/uploads/{id}")
        {
            Content = new ByteArrayContent(bytes),
        }));
        await AssertProblemAsync(HttpStatusCode.BadRequest, $"not {wrongSha}", await PatchAsync(id, 0, bytes));
        await AssertProblemAsync(HttpStatusCode.NotFound, "not found", await Client.GetAsync($"/uploads/{id}"));

        await AssertProblemAsync(HttpStatusCode.BadRequest, "SHA-256", await Client.PostAsJsonAsync("/uploads", new { name = "a.wav", size = 10, sha256 = "abc" }));
        await AssertProblemAsync(HttpStatusCode.BadRequest, "size", await Client.PostAsJsonAsync("/uploads", new { name = "a.wav", size = -1, sha256 = wrongSha }));
        await AssertProblemAsync(HttpStatusCode.NotFound, "not found", await Client.GetAsync("/uploads/..%2F..%2Fzarr.json"));
        await AssertProblemAsync(HttpStatusCode.BadRequest, "finish it", await ImportUnfinishedAsync());
    }

    [Fact]
    public async Task A_folder_batch_to_a_node_that_cannot_read_it_is_uploaded_and_kept_when_asked()
    {
        var card = Directory.CreateDirectory(_dir.File("card")).FullName;
        var files = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            files.Add(await AudioGenerator.GenerateAsync(AudioGenerator.SineExpression(2, 3 + i, 44100), Path.Combine(card, $"site{i}.wav"), "-c:a", "pcm_s16le"));
        }
        var batch = await ProcessRunner.HarkAsync("import", card, "--node", Client.BaseAddress!.ToString(), "--codec", "lac", "--keep-upload");
        Assert.True(batch.ExitCode == 0, batch.StandardError);
        Assert.Contains("uploading them", batch.StandardError);
        Assert.EndsWith("imported 3 of 3 files", batch.Output.Trim());
        foreach (var file in files)
        {
            Assert.Equal(await PcmOracle.FfmpegSha256Async(file), await PcmOracle.ArchivedSha256Async(Client, Path.GetFileNameWithoutExtension(file)));
            var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file)));
            using var kept = await Client.PostAsJsonAsync("/uploads", new { name = Path.GetFileName(file), size = new FileInfo(file).Length, sha256 = sha });
            Assert.True((await kept.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("complete").GetBoolean(), "the upload was not kept");
        }
    }

    private async Task<HttpResponseMessage> ImportUnfinishedAsync()
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData("abc"u8));
        using var created = await Client.PostAsJsonAsync("/uploads", new { name = "abc.wav", size = 3, sha256 = sha });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        return await Client.PostAsJsonAsync("/recordings", new { upload = id });
    }

    private Task<HttpResponseMessage> PatchAsync(string id, long offset, ReadOnlyMemory<byte> part)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/uploads/{id}") { Content = new ReadOnlyMemoryContent(part) };
        request.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Client.SendAsync(request);
    }

    /// <summary>A PATCH whose connection closes after <paramref name="sendBytes"/> of its announced body.</summary>
    private async Task PatchCutOffAsync(string id, long offset, ReadOnlyMemory<byte> part, int sendBytes)
    {
        var address = Client.BaseAddress!;
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(address.Host, address.Port);
            var stream = tcp.GetStream();
            var head = $"PATCH /uploads/{id} HTTP/1.1\r\nHost: {address.Authority}\r\nUpload-Offset: {offset}\r\nContent-Length: {part.Length}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(part[..sendBytes]);
            await stream.FlushAsync();
        }
        // The node notices the reset and drops the part; until then it still holds the upload's lock.
        for (int i = 0; i < 100 && await OffsetAsync(id) != offset; i++)
        {
            await Task.Delay(50);
        }
    }

    private async Task<long> OffsetAsync(string id)
    {
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/uploads/{id}"));
        head.EnsureSuccessStatusCode();
        return long.Parse(head.Headers.GetValues("Upload-Offset").Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task AssertProblemAsync(HttpStatusCode status, string detail, HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(detail, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
        }
    }
}
