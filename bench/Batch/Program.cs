using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hark.Bench.Cluster;
using Hark.Testing;

// Usage: dotnet run -c Release --project bench/Batch -- [files=100] [minutes=10] [concurrency=4]
// Every file holds the same generated audio (copies: generating is slow), under its own name, so each is its own recording.
int files = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
int minutes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
int concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
var invariant = CultureInfo.InvariantCulture;

using var work = new TempDirectory("hark-bench-batch");
var cards = Directory.CreateDirectory(work.File("cards")).FullName;
var first = await AudioGenerator.GenerateAsync(
    $"aevalsrc=0.3*sin(2*PI*(250+4*t)*t)+0.03*(random(0)-0.5)|0.3*sin(2*PI*(900-2*t)*t)+0.03*(random(1)-0.5):s=44100:d={minutes * 60}",
    Path.Combine(cards, "20260530_000000.wav"), "-c:a", "pcm_s16le");
for (int i = 1; i < files; i++)
{
    File.Copy(first, Path.Combine(cards, $"20260530_{i / 60:00}{i % 60:00}00.wav"));
}
double audioSeconds = files * minutes * 60.0;
var rows = new List<(string What, double Seconds)>();

// One ffmpeg AAC encode per file, in sequence: what a script around ffmpeg does.
var ffmpegClock = Stopwatch.StartNew();
foreach (var file in Directory.EnumerateFiles(cards).Order())
{
    await ProcessRunner.RunCheckedAsync("ffmpeg", "-v", "error", "-y", "-i", file, "-c:a", "aac", "-b:a", "160k", "-aac_pns", "0", work.File("ffmpeg.m4a"));
}
rows.Add(("ffmpeg -c:a aac, one file after another", ffmpegClock.Elapsed.TotalSeconds));

foreach (int nodeCount in new[] { 1, 3 })
{
    var archive = work.File($"archive-{nodeCount}");
    var nodes = new List<NodeProcess>();
    int seedPort = FreePorts.Next();
    try
    {
        nodes.Add(await NodeProcess.StartAsync(work.Path, "--port", "0", "--akka-port", seedPort.ToString(invariant), "--archive", archive));
        for (int i = 1; i < nodeCount; i++)
        {
            nodes.Add(await NodeProcess.StartAsync(work.Path, "--port", "0", "--akka-port", "0", "--seed", $"127.0.0.1:{seedPort}", "--archive", archive));
        }
        using var http = new HttpClient { BaseAddress = nodes[0].Address, Timeout = TimeSpan.FromMinutes(5) };
        while (!(await http.GetAsync("readyz")).IsSuccessStatusCode || !(await http.GetStringAsync("readyz")).Contains($"{nodeCount} node", StringComparison.Ordinal))
        {
            await Task.Delay(200);
        }
        var clock = Stopwatch.StartNew();
        using var started = await http.PostAsJsonAsync("batches", new { sources = new[] { cards }, concurrency, options = new { codec = "aac", bitrate = "160k" } });
        started.EnsureSuccessStatusCode();
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        JsonElement batch;
        do
        {
            await Task.Delay(500);
            batch = await http.GetFromJsonAsync<JsonElement>($"batches/{id}");
        }
        while (batch.GetProperty("phase").GetString() != "finished");
        var complete = batch.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("state").GetString() == "complete");
        if (complete != files)
        {
            throw new InvalidOperationException($"only {complete} of {files} files completed");
        }
        rows.Add(($"hark batch, {nodeCount} node{(nodeCount == 1 ? "" : "s")}, concurrency {concurrency}", clock.Elapsed.TotalSeconds));
    }
    finally
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }
}

// Upload of one file to a node on loopback (16 MiB parts, as the CLI sends them), against cp of the same file.
var uploadRow = await UploadAgainstCopyAsync(work, first);

Console.WriteLine($"{files} files of {minutes} min (44.1 kHz stereo 16-bit, {new FileInfo(first).Length / 1e6:F0} MB each), {Environment.ProcessorCount} cores, " +
    $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end");
Console.WriteLine("| run | seconds | x real time | files/min | against ffmpeg |");
Console.WriteLine("|---|---|---|---|---|");
double ffmpegSeconds = rows[0].Seconds;
foreach (var (what, seconds) in rows)
{
    Console.WriteLine(string.Create(invariant, $"| {what} | {seconds:F1} | {audioSeconds / seconds:F0} | {files / (seconds / 60):F1} | {ffmpegSeconds / seconds:F2}x |"));
}
Console.WriteLine(uploadRow);
Console.WriteLine(string.Create(invariant,
    $"Projection: encoding is CPU-bound and each node takes chunks of every recording, so N machines like this one archive about " +
    $"{audioSeconds / rows[1].Seconds:F0} x N seconds of audio per second (one node's row; the three nodes here share one machine's cores, so their row is not a scaling measurement)."));

static async Task<string> UploadAgainstCopyAsync(TempDirectory work, string file)
{
    var node = await NodeProcess.StartAsync(work.Path, "--port", "0", "--akka-port", "0", "--archive", work.File("archive-upload"));
    await using (node)
    {
        using var http = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromMinutes(5) };
        while (!(await http.GetAsync("readyz")).IsSuccessStatusCode)
        {
            await Task.Delay(200);
        }
        var bytes = new FileInfo(file).Length;
        var copy = Stopwatch.StartNew();
        await ProcessRunner.RunCheckedAsync("cp", file, work.File("copy.wav"));
        copy.Stop();
        var upload = Stopwatch.StartNew();
        string sha;
        await using (var read = File.OpenRead(file))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(read));
        }
        using var created = await http.PostAsJsonAsync("uploads", new { name = "upload.wav", size = bytes, sha256 = sha });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var buffer = new byte[16 * 1024 * 1024];
        await using var source = File.OpenRead(file);
        for (long offset = 0; offset < bytes;)
        {
            int n = await source.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false);
            var request = new HttpRequestMessage(HttpMethod.Patch, $"uploads/{id}") { Content = new ByteArrayContent(buffer, 0, n) };
            request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            offset += n;
        }
        upload.Stop();
        return string.Create(CultureInfo.InvariantCulture,
            $"Upload of {bytes / 1e6:F0} MB on loopback (SHA-256 of the file, 16 MiB parts, joined and checked on the node): {upload.Elapsed.TotalSeconds:F2} s, " +
            $"{bytes / 1e6 / upload.Elapsed.TotalSeconds:F0} MB/s; cp: {copy.Elapsed.TotalSeconds:F2} s ({upload.Elapsed.TotalSeconds / copy.Elapsed.TotalSeconds:F1}x cp's time)");
    }
}
