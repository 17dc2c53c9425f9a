// Passthrough against the encode path, in one run on one source:
//   imports: `hark import SRC.m4a` (copy), `hark import SRC.m4a --codec aac` (decode + encode, --jobs 2),
//   and ffmpeg's own `-c:a aac` re-encode and `-c copy` remux as the yardsticks;
//   reads: random 1-s segment reads of the copied recording (a new decoder each) and of the re-encoded one (pooled).
// Usage: dotnet run -c Release --project bench/Passthrough -- [minutes, default 10] [reads, default 400]
using System.Diagnostics;
using System.Globalization;
using Hark.Contracts;
using Hark.Engine.Segments;
using Hark.Storage;

int minutes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
int reads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 400;
string root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
string hark = Path.Combine(root, "hark");
string work = Directory.CreateTempSubdirectory("hark-bench-passthrough").FullName;
string archive = Path.Combine(work, "archive");
string source = Path.Combine(work, "source.m4a");
double seconds = minutes * 60.0;
try
{
    await Run(hark, "--version"); // builds the CLI if stale, outside every timing
    Console.Error.WriteLine($"making {minutes} min of 48 kHz stereo AAC...");
    await Run("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
        string.Create(CultureInfo.InvariantCulture,
            $"aevalsrc=0.3*sin(2*PI*(200+60*sin(t/7))*t)+0.04*(random(0)-0.5)|0.25*sin(2*PI*330*t)*(0.6+0.4*sin(2*PI*0.7*t))+0.04*(random(1)-0.5):s=48000:d={seconds}"),
        "-c:a", "aac", "-b:a", "160k", source);

    var copy = await Time("`hark import` (copy, the default for AAC)", hark, "import", source, "--id", "copied", "--archive", archive);
    var encode = await Time("`hark import --codec aac` (decode + encode, --jobs 2)", hark, "import", source, "--id", "encoded", "--codec", "aac",
        "--archive", archive, "--jobs", "2");
    var ffmpegEncode = await Time("`ffmpeg -c:a aac` (one re-encode)", "ffmpeg", "-nostdin", "-v", "error", "-y", "-i", source, "-c:a", "aac",
        "-b:a", "160k", Path.Combine(work, "ffmpeg.m4a"));
    var ffmpegCopy = await Time("`ffmpeg -c copy` (remux)", "ffmpeg", "-nostdin", "-v", "error", "-y", "-i", source, "-c", "copy", Path.Combine(work, "remux.m4a"));

    var store = ArchiveStore.Open(archive);
    var reader = new SegmentReader(new RecordingCache(store));
    var copiedReads = await ReadTimes(reader, "copied", reads);
    var encodedReads = await ReadTimes(reader, "encoded", reads);

    Console.WriteLine($"Source: {minutes} min of 48 kHz stereo AAC-LC 160k (ffmpeg). Load: {File.ReadAllText("/proc/loadavg").Trim()}. {Environment.ProcessorCount} cores.");
    Console.WriteLine();
    Console.WriteLine("| import | wall s | x real time | time / copy's time |");
    Console.WriteLine("|---|---|---|---|");
    foreach (var (name, wall) in new[] { copy, encode, ffmpegEncode, ffmpegCopy })
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {wall:F2} | {seconds / wall:F0}x | {wall / copy.Wall:F2} |"));
    }
    Console.WriteLine();
    Console.WriteLine($"| {reads} random 1-s reads, in process | p50 ms | p90 ms | p99 ms |");
    Console.WriteLine("|---|---|---|---|");
    Console.WriteLine(Row("copied recording (a new decoder per read)", copiedReads));
    Console.WriteLine(Row("re-encoded recording (pooled decoders)", encodedReads));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\ncopied / re-encoded read p50: {Percentile(copiedReads, 50) / Percentile(encodedReads, 50):F2}"));
}
finally
{
    Directory.Delete(work, recursive: true);
}

static string Row(string name, List<double> times) => string.Create(CultureInfo.InvariantCulture,
    $"| {name} | {Percentile(times, 50):F3} | {Percentile(times, 90):F3} | {Percentile(times, 99):F3} |");

static double Percentile(List<double> sorted, int p) => sorted[Math.Min(sorted.Count - 1, sorted.Count * p / 100)];

static async Task<List<double>> ReadTimes(SegmentReader reader, string id, int count)
{
    var meta = await reader.GetRecordingAsync(id, CancellationToken.None);
    var buffer = new float[meta.SampleRate * meta.Channels];
    var random = new Random(42);
    for (int i = 0; i < 20; i++)
    {
        await reader.ReadSamplesAsync(id, random.NextInt64(0, meta.TotalSamples - meta.SampleRate), meta.SampleRate, buffer, CancellationToken.None);
    }
    var times = new List<double>();
    for (int i = 0; i < count; i++)
    {
        long start = random.NextInt64(0, meta.TotalSamples - meta.SampleRate);
        long begun = Stopwatch.GetTimestamp();
        await reader.ReadSamplesAsync(id, start, meta.SampleRate, buffer, CancellationToken.None);
        times.Add(Stopwatch.GetElapsedTime(begun).TotalMilliseconds);
    }
    times.Sort();
    return times;
}

static async Task<(string Name, double Wall)> Time(string name, string program, params string[] arguments)
{
    Console.Error.WriteLine(name + "...");
    long begun = Stopwatch.GetTimestamp();
    await Run(program, arguments);
    return (name, Stopwatch.GetElapsedTime(begun).TotalSeconds);
}

static async Task Run(string program, params string[] arguments)
{
    var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var argument in arguments)
    {
        info.ArgumentList.Add(argument);
    }
    using var process = Process.Start(info)!;
    var output = process.StandardOutput.ReadToEndAsync();
    var error = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error}{await output}");
    }
}
