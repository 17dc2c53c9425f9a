using System.Globalization;
using Hark.Storage;
using Hark.Testing;
using Hark.Testing.Load;

// Usage: dotnet run -c Release --project bench/Load -- [seconds=60] [clients=64] [minutes-per-recording=10]
// Three nodes with every role and the default read limit; clients honour Retry-After, as a polite client does.
int seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
int clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
int minutes = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
const int SampleRate = 44100;

using var work = new TempDirectory("hark-bench-load");
var recordings = new (string Id, string Codec)[] { ("north", "aac"), ("south", "aac"), ("ridge", "lac") };
var sources = await Task.WhenAll(recordings.Select((recording, i) => AudioGenerator.GenerateAsync(
    string.Create(CultureInfo.InvariantCulture,
        $"aevalsrc=0.3*sin(2*PI*({250 + 90 * i}+4*t)*t)+0.03*(random(0)-0.5)|0.3*sin(2*PI*({900 - 90 * i}-2*t)*t)+0.03*(random(1)-0.5):s={SampleRate}:d={minutes * 60}"),
    work.File($"{recording.Id}.wav"), "-c:a", "pcm_s16le")));
await using var cluster = await ReadCluster.StartAsync(work.File("archive"), work.Path);
for (int i = 0; i < recordings.Length; i++)
{
    await cluster.ImportAsync(sources[i], recordings[i].Id, recordings[i].Codec);
}
var archive = ArchiveStore.Open(cluster.ArchivePath);
var references = new List<LoadRecording>();
foreach (var (id, _) in recordings)
{
    references.Add(await LoadRecording.DecodeAsync(archive, id));
}

var deadline = DateTime.UtcNow.AddSeconds(seconds);
var tally = await new MixedReadClients(cluster.Clients, references) { HonourRetryAfter = true }
    .RunAsync(clients, _ => DateTime.UtcNow < deadline, seed: 64);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{Environment.ProcessorCount} cores shared by the 3 nodes and the clients; {clients} clients for {seconds} s; {recordings.Length} recordings of {minutes} min, 44.1 kHz stereo ({string.Join(", ", recordings.Select(r => r.Codec))}); default read limit (4 x cores a node, as many queued)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{tally.Requests} requests, {tally.Exact} exact 200s, {tally.Limited} 503s with Retry-After, {tally.Wrong} wrong, {tally.Other} other errors; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end"));
Console.Write(tally.Table());
foreach (var error in tally.OtherErrors)
{
    Console.WriteLine(error);
}
return tally.Wrong == 0 && tally.Other == 0 ? 0 : 1;
