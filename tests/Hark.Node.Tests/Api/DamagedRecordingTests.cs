using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Engine.Segments;
using Hark.Node.Api;
using Hark.Node.Tests.Fixtures;
using Hark.Storage;
using Hark.Testing;

namespace Hark.Node.Tests.Api;

/// <summary>
/// Bytes flipped in a stored audio chunk or index chunk: reads of that part fail naming the recording and the chunk
/// (over HTTP and in the CLI), verification reports it, and reads elsewhere keep working and stay right.
/// </summary>
public sealed class DamagedRecordingTests : IAsyncLifetime
{
    private const int Rate = 32000;
    private readonly TempDirectory _sources = new("hark-damage-sources");
    private RunningNode _node = null!;

    public async Task InitializeAsync()
    {
        _node = await RunningNode.StartAsync(configure: options => options with { ImportRoots = [_sources.Path] });
        // White noise barely compresses: 40 s of LAC span several 1-MiB chunks.
        foreach (var id in new[] { "audio-hit", "index-hit" })
        {
            var source = await AudioGenerator.GenerateAsync($"anoisesrc=d=40:c=white:r={Rate}:a=0.5", _sources.File(id + ".wav"), "-c:a", "pcm_s16le");
            using var started = await _node.Client.PostAsJsonAsync("/recordings", new { path = source, id, codec = "lac", chunk_seconds = 10 });
            Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
            await ImportPolling.WaitForCompleteAsync(_node.Client, id);
        }
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _sources.Dispose();
    }

    /// <summary>Errors the node's metrics samples since <paramref name="since"/> add up to, once they reach <paramref name="atLeast"/> (sampled every 2 s).</summary>
    private async Task<long> ErrorsSinceAsync(long since, long atLeast)
    {
        long errors = 0;
        for (var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1); errors < atLeast && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var metrics = await _node.Client.GetFromJsonAsync<JsonElement>($"/cluster/metrics?since={since}");
            errors = metrics.GetProperty("nodes")[0].GetProperty("samples").EnumerateArray().Sum(s => s.GetProperty("errors").GetInt64());
        }
        return errors;
    }

    [Fact]
    public async Task A_flipped_audio_chunk_fails_its_reads_by_name_and_the_rest_reads_right()
    {
        var untouched = await DirectAsync("audio-hit", 0, Rate);
        // The last chunk, read through its last 100 samples (which lie in it whatever the chunks' sizes).
        var reader = await ArchiveStore.Open(_node.ArchivePath).OpenRecordingAsync("audio-hit", CancellationToken.None);
        long last = reader.AudioChunkCount - 1;
        Assert.True(last >= 1, "the recording should span several chunks");
        await FlipAsync("audio-hit", "audio", (int)last);
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        using var damaged = await _node.Client.GetAsync($"/recordings/audio-hit/segment?start={reader.Metadata.TotalSamples - 100}&count=100&format=s16");
        Assert.Equal(HttpStatusCode.InternalServerError, damaged.StatusCode);
        var problem = await damaged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith($"recording audio-hit: audio chunk {last} is corrupt: CRC-32C mismatch", problem.GetProperty("detail").GetString());
        Assert.True(problem.TryGetProperty(ProblemResponses.TraceIdMember, out _));
        // The dashboard's errors count it: the failed read of damaged storage and the 500 it answered.
        Assert.True(await ErrorsSinceAsync(before, atLeast: 2) >= 2);

        using var elsewhere = await _node.Client.GetAsync($"/recordings/audio-hit/segment?start=0&count={Rate}&format=s16");
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        Assert.Equal(untouched, await elsewhere.Content.ReadAsByteArrayAsync());

        var report = await VerifyAsync("audio-hit");
        Assert.Contains(report.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains($"audio chunk {last} is corrupt", StringComparison.Ordinal));

        var cli = await ProcessRunner.HarkAsync("--archive", _node.ArchivePath, "segment", "audio-hit",
            "--start-sample", (reader.Metadata.TotalSamples - 100).ToString(System.Globalization.CultureInfo.InvariantCulture), "--count", "100",
            "-o", _sources.File("cut.wav"));
        Assert.Equal(1, cli.ExitCode);
        var line = Assert.Single(cli.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"hark: recording audio-hit: audio chunk {last} is corrupt: CRC-32C mismatch", line);
    }

    [Fact]
    public async Task A_flipped_index_chunk_fails_the_recording_by_name_and_other_recordings_read_on()
    {
        await FlipAsync("index-hit", "index/frame_sizes", 0);

        using var damaged = await _node.Client.GetAsync($"/recordings/index-hit/segment?start=0&count={Rate}&format=s16");
        Assert.Equal(HttpStatusCode.InternalServerError, damaged.StatusCode);
        var detail = (await damaged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.StartsWith("recording index-hit: index/frame_sizes chunk 0 is corrupt", detail);

        var report = await VerifyAsync("index-hit");
        Assert.Contains(report.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("frame_sizes chunk 0", StringComparison.Ordinal));

        using var other = await _node.Client.GetAsync($"/recordings/audio-hit/segment?start=0&count={Rate}&format=s16");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    private async Task<JsonElement> VerifyAsync(string id)
    {
        using var response = await _node.Client.PostAsync($"/recordings/{id}/verify", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<byte[]> DirectAsync(string id, long start, long count)
    {
        using var bytes = new MemoryStream();
        await new SegmentReader(new RecordingCache(ArchiveStore.Open(_node.ArchivePath))).ReadSegmentAsync(id, start, count, SegmentFormat.S16, bytes, CancellationToken.None);
        return bytes.ToArray();
    }

    private async Task FlipAsync(string id, string array, int chunk)
    {
        var generation = (await ArchiveStore.Open(_node.ArchivePath).OpenRecordingAsync(id, CancellationToken.None)).Generation;
        var path = Path.Combine(_node.ArchivePath, "recordings", id, generation, array, "c", chunk.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var bytes = await File.ReadAllBytesAsync(path);
        var metadata = (await Hark.Storage.Zarr.ZarrArray.OpenAsync(new Hark.Storage.Blobs.LocalDirectoryBlobStore(_node.ArchivePath),
            $"recordings/{id}/{generation}/{array}/", CancellationToken.None)).Metadata;
        // Audio in shards: a byte of the last inner chunk stored, just before the shard's index (16 bytes an inner chunk,
        // and a CRC), which the end of the recording lies in; anything else: its middle byte.
        int at = metadata.Sharding is { } sharding ? bytes.Length - (16 * (metadata.ChunkLength / sharding.InnerChunkLength) + 4) - 10 : bytes.Length / 2;
        bytes[at] ^= 0x10;
        await File.WriteAllBytesAsync(path, bytes);
    }
}
