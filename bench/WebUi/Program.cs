// What the web UI asks of a node, side by side in one run on one in-process node over a local archive:
//   the recording list at N recordings (clones of one small recording): all of it, a first page of 50, the last page,
//   a text filter; and the whole of a long recording at a glance: the waveform overview stored at import (what the page
//   draws), the sampled spectrogram tile (what it draws for copied recordings) and a tile that reads every sample.
// Usage: dotnet run -c Release --project bench/WebUi -- [recordings, default 10000] [minutes of the long one, default 60]
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Hark.Actors.Contracts;
using Hark.Actors.Hosting;
using Hark.Contracts;
using Hark.Node;
using Hark.Node.Spectrograms;
using Microsoft.Extensions.DependencyInjection;

int recordings = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
int minutes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
const int Repeats = 5;
string work = Directory.CreateTempSubdirectory("hark-bench-webui").FullName;
string archive = Path.Combine(work, "archive");
try
{
    var small = Path.Combine(work, "small.wav");
    var longSource = Path.Combine(work, "long.m4a");
    await Run("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=f=440:r=48000:d=1", "-ac", "2", small);
    Console.Error.WriteLine($"making {minutes} min of 48 kHz stereo AAC...");
    await Run("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
        string.Create(CultureInfo.InvariantCulture, $"aevalsrc=0.3*sin(2*PI*(300+200*sin(t/9))*t)+0.03*(random(0)-0.5):s=48000:d={minutes * 60}"),
        "-ac", "2", "-c:a", "aac", "-b:a", "128k", longSource);

    var options = new NodeOptions { Archive = archive, HttpPort = 0, Hostname = "127.0.0.1", ImportWorkers = 2, ImportRoots = [work] };
    await using var app = NodeHost.Build(options, HarkClusterSettings.ForOneCommand());
    await app.StartAsync();
    using var http = new HttpClient { BaseAddress = NodeHost.BoundAddress(app), Timeout = TimeSpan.FromMinutes(10) };
    while (!(await http.GetAsync("/readyz")).IsSuccessStatusCode)
    {
        await Task.Delay(50);
    }
    await ImportAsync(http, small, "r-00000");
    await ImportAsync(http, longSource, "long");

    Console.Error.WriteLine($"cloning to {recordings} recordings...");
    var template = Path.Combine(archive, "recordings", "r-00000");
    for (int i = 1; i < recordings - 1; i++)
    {
        Clone(template, Path.Combine(archive, "recordings", $"r-{i:D5}"), "r-00000", $"r-{i:D5}");
    }
    var listed = await http.GetAsync("/recordings?limit=1");
    Console.Error.WriteLine($"the archive lists {listed.Headers.GetValues("X-Total-Count").Single()} recordings");

    var all = await Median(() => http.GetStringAsync("/recordings"));
    var first = await Median(() => http.GetStringAsync("/recordings?limit=50"));
    var last = await Median(() => http.GetStringAsync($"/recordings?limit=50&offset={recordings - 50}"));
    var text = await Median(() => http.GetStringAsync("/recordings?text=r-0999&limit=50"));

    var service = app.Services.GetRequiredService<IRecordingService>();
    var tiles = app.Services.GetRequiredService<SpectrogramTiles>();
    var metadata = await service.GetRecordingAsync("long", CancellationToken.None);
    var overview = SpectrogramTileQuery.Parse(null, null, "1024", "64");
    var sampled = await Median(() => tiles.RenderAsync(metadata, overview, allowSampling: true, CancellationToken.None));
    var dense = await Median(() => tiles.RenderAsync(metadata, overview, allowSampling: false, CancellationToken.None), repeats: 1);
    var cached = await Median(() => http.GetByteArrayAsync("/recordings/long/spectrogram.png?width=1024&height=64"), repeats: Repeats + 1);
    var stored = await Median(() => http.GetByteArrayAsync("/recordings/long/overview"));
    var storedBytes = (await http.GetByteArrayAsync("/recordings/long/overview")).Length;

    Console.WriteLine($"{recordings} recordings (clones of a 1-s one) in a local archive; in-process node over HTTP on loopback. " +
        $"Load: {File.ReadAllText("/proc/loadavg").Trim()}. {Environment.ProcessorCount} cores. Median of {Repeats}.");
    Console.WriteLine();
    Console.WriteLine("| GET | ms | time / whole list's |");
    Console.WriteLine("|---|---|---|");
    foreach (var (name, ms) in new[] { ("/recordings (every row)", all), ("/recordings?limit=50", first), ($"/recordings?limit=50&offset={recordings - 50}", last), ("/recordings?text=r-0999&limit=50", text) })
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{name}` | {ms:F0} | {ms / all:F2} |"));
    }
    Console.WriteLine();
    Console.WriteLine($"| overview tile 1024 x 64 of {minutes} min (AAC 48 kHz stereo) | ms | time / reading every sample |");
    Console.WriteLine("|---|---|---|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| sampled (what the page asks for) | {sampled:F0} | {sampled / dense:F3} |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| every sample read (one run) | {dense:F0} | 1.000 |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| from the node's tile cache, over HTTP | {cached:F1} | {cached / dense:F4} |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| the waveform overview stored at import (`GET /overview`, {storedBytes / 1024} KiB of JSON, over HTTP) | {stored:F1} | {stored / dense:F4} |"));
}
finally
{
    Directory.Delete(work, recursive: true);
}

static async Task ImportAsync(HttpClient http, string path, string id)
{
    (await http.PostAsJsonAsync("/recordings", new { path, id })).EnsureSuccessStatusCode();
    while (!(await http.GetStringAsync($"/recordings/{id}")).Contains("\"phase\":\"complete\"", StringComparison.Ordinal))
    {
        await Task.Delay(100);
    }
}

// A recording's folder under another id: the id is in the group's and the generation's zarr.json.
static void Clone(string from, string to, string oldId, string newId)
{
    foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
    {
        var target = Path.Combine(to, Path.GetRelativePath(from, file));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (Path.GetFileName(file) == "zarr.json")
        {
            File.WriteAllText(target, File.ReadAllText(file).Replace($"\"id\": \"{oldId}\"", $"\"id\": \"{newId}\"", StringComparison.Ordinal));
        }
        else
        {
            File.Copy(file, target);
        }
    }
}

static async Task<double> Median<T>(Func<Task<T>> work, int repeats = Repeats)
{
    await work(); // warm
    var times = new List<double>();
    for (int i = 0; i < repeats; i++)
    {
        long started = Stopwatch.GetTimestamp();
        await work();
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
    times.Sort();
    return times[times.Count / 2];
}

static async Task Run(string program, params string[] arguments)
{
    using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
    string errors = await process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{program} failed: {errors}");
    }
}
