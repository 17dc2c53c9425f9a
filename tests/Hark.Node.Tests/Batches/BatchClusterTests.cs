using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hark.Node.Tests.Failover;
using Hark.Node.Tests.Fixtures;
using Hark.Testing;
using Xunit.Abstractions;

namespace Hark.Node.Tests.Batches;

/// <summary>
/// Batches through a real three-node cluster (an api node and two workers, <see cref="FailoverCluster"/>): twenty
/// files and a bad one in the middle, each recording checked against ffmpeg's own decode of its file; a rerun that
/// skips every file; and the node hosting the batch killed while it runs.
/// </summary>
[Collection(FailoverSources.Collection)]
public sealed class BatchClusterTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_batch_of_twenty_files_completes_across_the_cluster_skips_a_bad_one_and_a_rerun_skips_them_all()
    {
        using var folder = new TempDirectory("hark-batch");
        var cards = Directory.CreateDirectory(folder.File("cards")).FullName;
        var files = new List<string>();
        for (int i = 0; i < 20; i++)
        {
            // Odd lengths and two rates, so no two recordings are alike and none ends on a chunk boundary.
            int rate = i % 2 == 0 ? 44100 : 48000;
            files.Add(await AudioGenerator.GenerateAsync(
                $"aevalsrc=0.2*sin(2*PI*{200 + 37 * i}*t)+0.02*(random(0)-0.5)|0.2*sin(2*PI*{500 + 11 * i}*t):s={rate}:d={2.3 + 0.17 * i:0.00}",
                Path.Combine(cards, $"20260530_{i:00}1200.wav"), "-c:a", "pcm_s16le"));
        }
        await File.WriteAllTextAsync(Path.Combine(cards, "20260530_101199.wav"), "RIFF this is no wave file");
        await using var cluster = await FailoverCluster.StartAsync(folder.File("archive"), folder.Path);

        var batch = await StartAsync(cluster.Client, new { sources = new[] { cards }, concurrency = 4, options = new { codec = "lac", chunk_seconds = 1 } });
        Assert.Equal(21, batch.GetProperty("items").GetArrayLength());
        var finished = await WaitForFinishedAsync(cluster.Client, batch.GetProperty("id").GetString()!);

        var items = Items(finished);
        var bad = Assert.Single(items, i => i.State == "failed");
        Assert.Equal("20260530_101199", bad.Id);
        Assert.False(string.IsNullOrWhiteSpace(bad.Reason));
        Assert.Equal(20, items.Count(i => i.State == "complete"));
        foreach (var file in files)
        {
            var id = Path.GetFileNameWithoutExtension(file);
            Assert.Equal(await PcmOracle.FfmpegSha256Async(file), await PcmOracle.ArchivedSha256Async(cluster.Client, id));
        }
        // Both workers encoded: every importer took chunks from the batch's recordings.
        foreach (var worker in cluster.Workers)
        {
            using var http = new HttpClient { BaseAddress = worker.Address };
            Assert.True(await ChunksEncodedAsync(http) > 0, $"the worker at {worker.Address} encoded nothing");
        }

        var rerun = await WaitForFinishedAsync(cluster.Client,
            (await StartAsync(cluster.Client, new { sources = new[] { cards }, options = new { codec = "lac", chunk_seconds = 1 } })).GetProperty("id").GetString()!);
        var again = Items(rerun);
        Assert.Equal(20, again.Count(i => i.State == "skipped"));
        Assert.Equal("failed", again.Single(i => i.Id == "20260530_101199").State);

        using var unknown = await cluster.Client.GetAsync("/batches/no-such-batch");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        using var empty = await cluster.Client.PostAsJsonAsync("/batches", new { sources = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using var outside = await cluster.Client.PostAsJsonAsync("/batches", new { sources = new[] { "/etc" } });
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
    }

    [Fact]
    public async Task A_batch_whose_node_is_killed_carries_on_elsewhere_and_completes()
    {
        using var folder = new TempDirectory("hark-batch-kill");
        var cards = Directory.CreateDirectory(folder.File("cards")).FullName;
        var files = new List<string>();
        for (int i = 0; i < 6; i++)
        {
            files.Add(await AudioGenerator.GenerateAsync(
                $"aevalsrc=0.2*sin(2*PI*{300 + 50 * i}*t)+0.02*(random(0)-0.5):s=48000:d={14 + i}",
                Path.Combine(cards, $"site{i}.wav"), "-c:a", "pcm_s16le"));
        }
        await using var cluster = await FailoverCluster.StartAsync(folder.File("archive"), folder.Path);

        var batch = await StartAsync(cluster.Client, new { sources = new[] { Path.Combine(cards, "site*.wav") }, concurrency = 2, options = new { codec = "lac", chunk_seconds = 2 } });
        var id = batch.GetProperty("id").GetString()!;
        await WaitUntilAsync(cluster.Client, id, b => Items(b).Any(i => i.State == "complete") && b.GetProperty("phase").GetString() == "running");
        var host = cluster.Workers.Single(w => w.Errors.Contains($"Batch {id}: entity started on this node", StringComparison.Ordinal));
        await host.KillAsync();

        var finished = await WaitForFinishedAsync(cluster.Client, id);
        var survivor = cluster.Workers.Single(w => w != host);
        Assert.Contains($"Batch {id}: entity started on this node", survivor.Errors);
        Assert.All(Items(finished), i => Assert.Equal("complete", i.State));
        foreach (var file in files)
        {
            Assert.Equal(await PcmOracle.FfmpegSha256Async(file), await PcmOracle.ArchivedSha256Async(cluster.Client, Path.GetFileNameWithoutExtension(file)));
        }
        output.WriteLine($"batch {id} finished on the survivor after its host was killed");
    }

    private sealed record Item(string Id, string State, string? Reason);

    private static List<Item> Items(JsonElement batch) =>
        [.. batch.GetProperty("items").EnumerateArray().Select(i => new Item(i.GetProperty("recording_id").GetString()!, i.GetProperty("state").GetString()!,
            i.TryGetProperty("reason", out var r) ? r.GetString() : null))];

    private static async Task<JsonElement> StartAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/batches", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /batches answered {(int)response.StatusCode}: {text}");
        Assert.Equal($"/batches/{JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Task<JsonElement> WaitForFinishedAsync(HttpClient client, string id) =>
        WaitUntilAsync(client, id, b => b.GetProperty("phase").GetString() == "finished");

    /// <summary>Polls GET /batches/{id} (503s of a recovering cluster asked again) until the condition holds; bounded.</summary>
    private static async Task<JsonElement> WaitUntilAsync(HttpClient client, string id, Func<JsonElement, bool> condition)
    {
        for (int poll = 0; poll < 3000; poll++)
        {
            using var response = await client.GetAsync($"/batches/{id}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var batch = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (condition(batch))
                {
                    return batch;
                }
            }
            else if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                throw new InvalidOperationException($"GET /batches/{id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"batch {id} did not get there in 10 minutes");
    }

    private static async Task<double> ChunksEncodedAsync(HttpClient node)
    {
        var metrics = await node.GetStringAsync("/metrics");
        return metrics.Split('\n').Where(l => l.StartsWith("hark_chunks_encoded", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
