using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Hark.Codec.Wav;
using Hark.Media.Encode;

namespace Hark.Bench.Media;

/// <summary>
/// `hark import --codec aac` (160k, the CLI as users run it, 2 jobs) against one `ffmpeg -c:a aac -b:a 160k -aac_pns 0`
/// of the same generated 44.1 kHz stereo WAV, taking turns in one run; and Hark's in-process encoder alone on one
/// thread over the same samples, the cost every import pays. Wall and CPU (user + system) per run.
/// Usage: Hark.Bench.Media import [minutes...=10 40] [--rounds 2] [--chunk-seconds S] [--source WAV] [--only encoder]
///   [--also LABEL=PATH]
/// (--source: a 44.1 kHz stereo 16-bit WAV of your own in place of the generated audio, its length in place of the minutes;
/// --also: another build's ./hark, timed in the same turns, to compare a change against what came before it)
/// </summary>
internal static class ImportBench
{
    private const int Rate = 44100;

    public static async Task RunAsync(string[] args)
    {
        var minutes = new List<int>();
        int rounds = 2;
        string? chunkSeconds = null;
        string? source = null;
        bool encoderOnly = false;
        (string Label, string Path)? also = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rounds":
                    rounds = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--chunk-seconds":
                    chunkSeconds = args[++i];
                    break;
                case "--source":
                    source = Path.GetFullPath(args[++i]);
                    break;
                case "--also":
                    var parts = args[++i].Split('=', 2);
                    also = (parts[0], Path.GetFullPath(parts[1]));
                    break;
                case "--only" when args[i + 1] == "encoder":
                    encoderOnly = true;
                    i++;
                    break;
                default:
                    minutes.Add(int.Parse(args[i], CultureInfo.InvariantCulture));
                    break;
            }
        }
        if (source is not null)
        {
            minutes = [0];
        }
        else if (minutes.Count == 0)
        {
            minutes.AddRange([10, 40]);
        }
        string hark = FindHark();
        string dir = Path.Combine(Path.GetTempPath(), $"hark-bench-import-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var rows = new List<string>();
        try
        {
            // Builds the CLI if needed, outside the timings.
            await Tools.RunAsync(hark, "--help");
            if (also is { } built)
            {
                await Tools.RunAsync(built.Path, "--help");
            }
            foreach (int m in minutes)
            {
                string wav = source ?? Path.Combine(dir, $"{m}min.wav");
                if (source is null)
                {
                    Console.Error.WriteLine($"generating {m} min of music-like {Rate} Hz stereo...");
                    await Tools.RunAsync("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", MusicLike(m * 60), "-c:a", "pcm_s16le", wav);
                }
                var ffmpeg = new List<Timing>();
                var import = new List<Timing>();
                var alsoImport = new List<Timing>();
                var encoder = new List<Timing>();
                for (int r = 0; r < rounds && encoderOnly; r++)
                {
                    encoder.Add(await TimeInProcessEncodeAsync(wav));
                    Console.Error.WriteLine($"encoder alone: {encoder[^1]}");
                }
                for (int r = 0; r < rounds && !encoderOnly; r++)
                {
                    ffmpeg.Add(await TimeChildAsync("ffmpeg", "-nostdin", "-v", "error", "-y", "-i", wav, "-c:a", "aac", "-b:a", "160k", "-aac_pns", "0",
                        Path.Combine(dir, "out.m4a")));
                    string archive = Path.Combine(dir, $"archive-{r}");
                    var arguments = new List<string> { "import", wav, "--id", "bench", "--codec", "aac", "--archive", archive, "--jobs", "2" };
                    if (chunkSeconds is not null)
                    {
                        arguments.AddRange(["--chunk-seconds", chunkSeconds]);
                    }
                    import.Add(await TimeChildAsync(hark, [.. arguments]));
                    Directory.Delete(archive, recursive: true);
                    if (also is { } before)
                    {
                        alsoImport.Add(await TimeChildAsync(before.Path, [.. arguments]));
                        Directory.Delete(archive, recursive: true);
                    }
                    encoder.Add(await TimeInProcessEncodeAsync(wav));
                }
                if (encoderOnly)
                {
                    continue;
                }
                var f = Timing.Median(ffmpeg);
                string audio = source is null ? $"{m} min" : Path.GetFileName(source);
                rows.Add(Row(audio, "one `ffmpeg -c:a aac -b:a 160k -aac_pns 0`", f, f));
                rows.Add(Row(audio, "`hark import --codec aac` (2 jobs)", Timing.Median(import), f));
                if (also is { } compared)
                {
                    rows.Add(Row(audio, $"`hark import --codec aac` (2 jobs), {compared.Label}", Timing.Median(alsoImport), f));
                }
                rows.Add(Row(audio, "Hark's in-process encoder alone, one thread", Timing.Median(encoder), f));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average at the end {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, median of {rounds} rounds taken in turn");
        Console.WriteLine("| audio | run | wall s | CPU s | ffmpeg wall / this wall | this CPU / ffmpeg CPU |");
        Console.WriteLine("|---|---|---|---|---|---|");
        rows.ForEach(Console.WriteLine);
    }

    /// <summary>Chords with vibrato, a slow swell and a little noise per channel: what the encoder's psychoacoustics work on in music.</summary>
    private static string MusicLike(int seconds) => string.Create(CultureInfo.InvariantCulture,
        $"aevalsrc=0.22*sin(2*PI*(220+4*sin(5*t))*t)*(0.6+0.4*sin(0.5*t))+0.12*sin(2*PI*277.2*t)+0.08*sin(2*PI*659.3*t)*(0.5+0.5*sin(1.7*t))+0.03*random(0)" +
        $"|0.2*sin(2*PI*(330+3*sin(4*t))*t)*(0.6+0.4*sin(0.6*t))+0.1*sin(2*PI*164.8*t)+0.07*sin(2*PI*880*t)*(0.5+0.5*sin(1.1*t))+0.03*random(1)" +
        $":s={Rate}:d={seconds}");

    private static string Row(string audio, string what, Timing t, Timing ffmpeg) => string.Create(CultureInfo.InvariantCulture,
        $"| {audio} | {what} | {t.Wall:F2} | {t.Cpu:F2} | {ffmpeg.Wall / t.Wall:F2}x | {t.Cpu / ffmpeg.Cpu:F2} |");

    private static async Task<Timing> TimeChildAsync(string program, params string[] arguments)
    {
        var before = ChildrenCpu();
        long start = Stopwatch.GetTimestamp();
        await Tools.RunAsync(program, arguments);
        return new Timing(Stopwatch.GetElapsedTime(start).TotalSeconds, ChildrenCpu() - before);
    }

    /// <summary>The WAV's samples through <see cref="AacEncoder"/>, read from memory a piece at a time as the import reads them.</summary>
    private static async Task<Timing> TimeInProcessEncodeAsync(string wav)
    {
        await using var stream = File.OpenRead(wav);
        using var reader = new WavReader(stream);
        int channels = reader.Format.Channels;
        float scale = 1f / (1 << (reader.Format.BitsPerSample - 1));
        var ints = new int[4096 * channels];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        var result = await AacEncoder.EncodeAsync(new AacEncoderSettings(Rate, channels, 160_000), (buffer, _) =>
        {
            int frames = reader.ReadFrames(ints.AsSpan(0, Math.Min(ints.Length, buffer.Length)));
            var floats = buffer.Span;
            for (int i = 0; i < frames * channels; i++)
            {
                floats[i] = ints[i] * scale;
            }
            return ValueTask.FromResult(frames);
        }, (_, _) => ValueTask.CompletedTask, CancellationToken.None);
        double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (result.FrameCount == 0)
        {
            throw new InvalidOperationException("the encoder gave no frames");
        }
        return new Timing(wall, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    private static string FindHark()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "hark");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Cluster.sln")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("the repository's ./hark script was not found above the bench's directory");
    }

    /// <summary>User + system CPU seconds of every child waited for so far (getrusage RUSAGE_CHILDREN).</summary>
    private static double ChildrenCpu()
    {
        Span<long> usage = stackalloc long[18];
        if (GetRusage(-1, ref MemoryMarshal.GetReference(usage)) != 0)
        {
            throw new InvalidOperationException("getrusage failed");
        }
        return usage[0] + usage[1] / 1e6 + usage[2] + usage[3] / 1e6;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, ref long usage);

    private sealed record Timing(double Wall, double Cpu)
    {
        public static Timing Median(List<Timing> runs)
        {
            var sorted = runs.OrderBy(r => r.Wall).ToList();
            return sorted[(sorted.Count - 1) / 2];
        }
    }
}
