using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hark.Bench.Cluster;
using Hark.Testing;

// Usage: dotnet run -c Release --project bench/Cluster -- [minutes=10] [seconds-of-load=20] [clients=8]
int minutes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
int loadSeconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
int clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8;

using var work = new TempDirectory("hark-bench-cluster");
var source = await AudioGenerator.GenerateAsync(
    $"aevalsrc=0.3*sin(2*PI*(250+40*t)*t)+0.03*(random(0)-0.5)|0.3*sin(2*PI*(900-20*t)*t)+0.03*(random(1)-0.5):s=44100:d={minutes * 60}",
    work.File("source.wav"), "-c:a", "pcm_s16le");
var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"| nodes | import {minutes} min (s) | import x real time | requests/s | p50 ms | p99 ms | errors |");
report.AppendLine("|---|---|---|---|---|---|---|");

foreach (int nodeCount in new[] { 1, 3 })
{
    var archive = work.File($"archive-{nodeCount}");
    var nodes = new List<NodeProcess>();
    int seedPort = FreePorts.Next();
    try
    {
        nodes.Add(await NodeProcess.StartAsync(work.Path, "--port", "0", "--akka-port", seedPort.ToString(CultureInfo.InvariantCulture), "--archive", archive));
        for (int i = 1; i < nodeCount; i++)
        {
            nodes.Add(await NodeProcess.StartAsync(work.Path, "--port", "0", "--akka-port", "0", "--seed", $"127.0.0.1:{seedPort}", "--archive", archive));
        }
        var http = nodes.Select(n => new HttpClient { BaseAddress = n.Address, Timeout = TimeSpan.FromMinutes(5) }).ToList();
        foreach (var client in http)
        {
            while (!(await client.GetAsync("readyz")).IsSuccessStatusCode || !(await client.GetStringAsync("readyz")).Contains($"{nodeCount} node", StringComparison.Ordinal))
            {
                await Task.Delay(200);
            }
        }

        var importWatch = Stopwatch.StartNew();
        (await http[0].PostAsJsonAsync("recordings", new { path = source, id = "bench", chunk_seconds = 30 })).EnsureSuccessStatusCode();
        while (true)
        {
            using var status = await http[0].GetAsync("recordings/bench");
            if (status.IsSuccessStatusCode && (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phase").GetString() == "complete")
            {
                break;
            }
            await Task.Delay(250);
        }
        importWatch.Stop();

        long total = (long)minutes * 60 * 44100;
        var latencies = new List<double>();
        int errors = 0;
        var deadline = DateTime.UtcNow.AddSeconds(loadSeconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            var mine = new List<double>();
            for (int i = 0; DateTime.UtcNow < deadline; i++)
            {
                long start = random.NextInt64(0, total - 44100);
                long before = Stopwatch.GetTimestamp();
                using var response = await http[(c + i) % http.Count].GetAsync($"recordings/bench/segment?start={start}&count=44100&format=f32");
                await response.Content.ReadAsByteArrayAsync();
                mine.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        })));
        latencies.Sort();
        double p(double q) => latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {nodeCount} | {importWatch.Elapsed.TotalSeconds:F1} | {minutes * 60 / importWatch.Elapsed.TotalSeconds:F1} | {latencies.Count / (double)loadSeconds:F0} | {p(0.5):F2} | {p(0.99):F2} | {errors} |");
        http.ForEach(c => c.Dispose());
    }
    finally
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }
}

Console.WriteLine($"{Environment.ProcessorCount} cores, {clients} concurrent clients, 1-second f32 segments for {loadSeconds} s, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end");
Console.Write(report);
