using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hark.Codec.Lac;

// LAC vs flac -5 / flac -8, side by side on the same generated WAVs: size and encode/decode speed, as ratios.
// Usage: dotnet run -c Release --project bench/Lac [-- --seconds 30 --out docs/lac-benchmark.md --variants]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int seconds = Arg("--seconds", 30);
string? outFile = ArgString("--out");
bool variants = args.Contains("--variants");
int repeats = Arg("--repeats", 3);

var work = Directory.CreateTempSubdirectory("hark-lac-bench").FullName;
try
{
    var generators = new List<(string Name, string File, Func<Task<string>> Generate)>
    {
        ("speech 44.1k stereo", "speech", () => Speech(work, seconds)),
        ("music-like 44.1k stereo", "music", () => Ffmpeg(work, "music", seconds, MusicLike(seconds), "-ac", "2", "-ar", "44100", "-c:a", "pcm_s16le")),
        ("noise 44.1k stereo", "noise", () => Ffmpeg(work, "noise", seconds,
            $"anoisesrc=c=pink:a=0.25:s=44100:d={seconds}:seed=7,aformat=channel_layouts=mono[a];anoisesrc=c=white:a=0.05:s=44100:d={seconds}:seed=8[b];[a][b]amerge=inputs=2",
            "-ac", "2", "-c:a", "pcm_s16le")),
        ("ultrasonic 192k mono 24-bit", "ultrasonic", () => Ffmpeg(work, "ultrasonic", seconds,
            $"aevalsrc='0.5*sin(2*PI*(30000+20000*mod(t\\,0.08)/0.08)*t)*lt(mod(t\\,0.25)\\,0.08)*sin(PI*mod(t\\,0.25)/0.08)':s=192000:d={seconds}[c];anoisesrc=c=pink:a=0.01:s=192000:d={seconds}:seed=3[n];[c][n]amix=inputs=2:normalize=0",
            "-ac", "1", "-c:a", "pcm_s24le")),
    };

    // --material music (or speech, noise, ultrasonic) generates and measures that one only.
    if (ArgString("--material") is { } only)
    {
        generators.RemoveAll(g => g.File != only);
    }
    var sources = new List<(string Name, string Path)>();
    foreach (var (name, _, generate) in generators)
    {
        sources.Add((name, await generate()));
    }
    if (ArgString("--keep") is { } keep)
    {
        Directory.CreateDirectory(keep);
        foreach (var (_, path) in sources)
        {
            File.Copy(path, Path.Combine(keep, Path.GetFileName(path)), overwrite: true);
        }
        if (args.Contains("--only-generate"))
        {
            return;
        }
    }

    var configurations = new List<(string Name, LacEncoderOptions Options)>
    {
        ("LAC", LacEncoderOptions.Default),
        ("LAC fast", LacEncoderOptions.Fast),
        ("LAC no stereo", LacEncoderOptions.Default with { StereoDecorrelation = false }),
    };
    if (variants)
    {
        configurations.Add(("LAC grid", LacEncoderOptions.Default with { OrderSearch = LacOrderSearch.Grid }));
        configurations.Add(("LAC exhaustive", LacEncoderOptions.Default with { OrderSearch = LacOrderSearch.Exhaustive }));
        configurations.Add(("LAC exhaustive stereo", LacEncoderOptions.Default with { ExhaustiveStereo = true }));
        configurations.Add(("LAC block 8192", LacEncoderOptions.Default with { BlockSize = 8192 }));
        configurations.Add(("LAC max order 12", LacEncoderOptions.Default with { MaxPredictionOrder = 12 }));
    }

    // warm up the JIT on the first file so the first measured encode is not a compile.
    Lac(sources[0].Path, Path.Combine(work, "warm.lac"), LacEncoderOptions.Default);

    var report = new StringBuilder();
    report.AppendLine($"Generated material, {seconds} s each; best of {repeats} runs; CPU time (user + system); flac {FlacVersion()}.");
    report.AppendLine("Sizes as % of the WAV's PCM and as a ratio to `flac -8`; speeds as real-time factor (x) and as a ratio to `flac -5` (>1 = faster).");
    report.AppendLine();
    report.AppendLine("| material | codec | size % of WAV | size / flac -8 | encode x RT | encode / flac -5 | decode x RT | decode / flac -5 |");
    report.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
    foreach (var (name, wav) in sources)
    {
        double duration = Duration(wav);
        long pcm = PcmBytes(wav);
        var flac5 = Flac(wav, work, "-5", repeats);
        var flac8 = Flac(wav, work, "-8", repeats);
        var rows = new List<(string Codec, long Size, double Encode, double Decode)>
        {
            ("flac -5", flac5.Size, flac5.Encode, flac5.Decode),
            ("flac -8", flac8.Size, flac8.Encode, flac8.Decode),
        };
        foreach (var (codec, options) in configurations)
        {
            var lacPath = Path.Combine(work, "out.lac");
            double encode = Best(repeats, () => Lac(wav, lacPath, options));
            long size = new FileInfo(lacPath).Length;
            double decode = Best(repeats, () => LacDecode(lacPath, Path.Combine(work, "back.wav")));
            if (!SamePcm(wav, Path.Combine(work, "back.wav")))
            {
                throw new InvalidOperationException($"{codec} did not round-trip {name}");
            }
            rows.Add((codec, size, encode, decode));
        }
        foreach (var row in rows)
        {
            report.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {row.Codec} | {100.0 * row.Size / pcm:F2} | {(double)row.Size / flac8.Size:F4} | {duration / row.Encode:F0} | {flac5.Encode / row.Encode:F2} | {duration / row.Decode:F0} | {flac5.Decode / row.Decode:F2} |"));
        }
        Console.Error.WriteLine($"done: {name}");
    }
    Console.Out.Write(report);
    if (outFile is not null)
    {
        File.WriteAllText(outFile, report.ToString());
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

int Arg(string name, int fallback) => ArgString(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

string? ArgString(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string MusicLike(int seconds)
{
    // Chords of harmonic tones with note changes and decays, plus a little noise floor: "music-like" without a file.
    var notes = new[] { 220.0, 277.18, 329.63, 246.94, 311.13, 369.99, 196.0, 261.63 };
    var left = new StringBuilder();
    var right = new StringBuilder();
    for (int n = 0; n < notes.Length; n++)
    {
        double f = notes[n];
        string env = $"exp(-3*mod(t+{n * 0.37:F2}\\,1.6))";
        for (int h = 1; h <= 5; h++)
        {
            // 5 Hz vibrato of +-0.2 %: the phase is the integral of the frequency, so the deviation stays the same at
            // any t (a product f*t*(1+0.002 sin) would sweep ever wider and turn the chords into noise after a minute).
            string term = $"+{0.12 / h:F3}*{env}*sin(2*PI*{f * h:F2}*t-{f * h * 0.0004:F4}*cos(2*PI*5*t))";
            (n % 2 == 0 ? left : right).Append(term);
            (h % 2 == 1 ? right : left).Append(FormattableString.Invariant($"+{0.04 / h:F3}*{env}*sin(2*PI*{f * h * 1.001:F2}*t)"));
        }
    }
    return $"aevalsrc='0{left}|0{right}':s=44100:d={seconds}[m];anoisesrc=c=pink:a=0.004:s=44100:d={seconds}:seed=5[n];[n]aformat=channel_layouts=stereo[n2];[m][n2]amix=inputs=2:normalize=0";
}

static async Task<string> Speech(string work, int seconds)
{
    var text = string.Join(" ", Enumerable.Repeat(
        "The recorder ran through the night by the river. At dawn the birds began, one voice then many, and the archive kept every second of it.", 6));
    var raw = Path.Combine(work, "speech-raw.wav");
    await Run("espeak-ng", "-w", raw, "-s", "150", text);
    var output = Path.Combine(work, "speech.wav");
    // a second, delayed and quieter voice on the right channel makes a real stereo image.
    await Run("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", raw, "-filter_complex",
        $"[0:a]aresample=44100,apad,atrim=0:{seconds},asplit[a][b];[b]adelay=120,volume=0.6[c];[a][c]join=inputs=2:channel_layout=stereo",
        "-c:a", "pcm_s16le", output);
    return output;
}

static async Task<string> Ffmpeg(string work, string name, int seconds, string graph, params string[] outputArgs)
{
    var output = Path.Combine(work, name + ".wav");
    var arguments = new List<string> { "-nostdin", "-loglevel", "error", "-y", "-filter_complex", graph, "-t", seconds.ToString(CultureInfo.InvariantCulture) };
    arguments.AddRange(outputArgs);
    arguments.Add(output);
    await Run("ffmpeg", [.. arguments]);
    return output;
}

static async Task Run(string program, params string[] arguments)
{
    var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
    foreach (var a in arguments)
    {
        start.ArgumentList.Add(a);
    }
    using var process = Process.Start(start)!;
    var error = process.StandardError.ReadToEndAsync();
    await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{program} failed: {await error}");
    }
}

// CPU seconds (user + system) rather than wall time: on a shared machine the wall clock mostly measures the
// other jobs. In-process LAC is charged its own process's CPU, flac the CPU of the child processes it ran as.
static double Best(int repeats, Action action, bool children = false)
{
    double best = double.MaxValue;
    for (int i = 0; i < repeats; i++)
    {
        double before = CpuSeconds(children);
        action();
        best = Math.Min(best, CpuSeconds(children) - before);
    }
    return best;
}

static double CpuSeconds(bool children)
{
    Span<long> usage = stackalloc long[18];
    if (ResourceUsage.getrusage(children ? -1 : 0, ref usage[0]) != 0)
    {
        throw new InvalidOperationException("getrusage failed");
    }
    return usage[0] + usage[1] / 1e6 + usage[2] + usage[3] / 1e6;
}

static void Lac(string wav, string lac, LacEncoderOptions options)
{
    using var input = new FileStream(wav, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    using var output = new FileStream(lac, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
    LacWavConverter.Encode(input, output, options);
}

static void LacDecode(string lac, string wav)
{
    using var input = new FileStream(lac, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    using var output = new FileStream(wav, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
    using var reader = LacWavConverter.Decode(input, output);
}

static (long Size, double Encode, double Decode) Flac(string wav, string work, string level, int repeats)
{
    var flac = Path.Combine(work, "out" + level + ".flac");
    double encode = Best(repeats, () => RunSync("flac", "-s", "-f", level, "--no-padding", "--no-seektable", wav, "-o", flac), children: true);
    double decode = Best(repeats, () => RunSync("flac", "-s", "-f", "-d", flac, "-o", Path.Combine(work, "flacback.wav")), children: true);
    return (new FileInfo(flac).Length, encode, decode);
}

static void RunSync(string program, params string[] arguments) => Run(program, arguments).GetAwaiter().GetResult();

static string FlacVersion()
{
    var start = new ProcessStartInfo("flac", "--version") { RedirectStandardOutput = true };
    using var p = Process.Start(start)!;
    string v = p.StandardOutput.ReadToEnd().Trim();
    p.WaitForExit();
    return v.Replace("flac ", "");
}

static double Duration(string wav)
{
    using var reader = new Hark.Codec.Wav.WavReader(File.OpenRead(wav));
    return (double)reader.TotalFrames!.Value / reader.Format.SampleRate;
}

static long PcmBytes(string wav)
{
    using var reader = new Hark.Codec.Wav.WavReader(File.OpenRead(wav));
    return reader.DataLength!.Value;
}

static bool SamePcm(string a, string b)
{
    using var ra = new Hark.Codec.Wav.WavReader(File.OpenRead(a));
    using var rb = new Hark.Codec.Wav.WavReader(File.OpenRead(b));
    var ba = new int[65536];
    var bb = new int[65536];
    while (true)
    {
        int na = ra.ReadFrames(ba);
        int nb = rb.ReadFrames(bb);
        if (na != nb || !ba.AsSpan(0, na * ra.Format.Channels).SequenceEqual(bb.AsSpan(0, nb * rb.Format.Channels)))
        {
            return false;
        }
        if (na == 0)
        {
            return true;
        }
    }
}

static partial class ResourceUsage
{
    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "getrusage")]
    internal static partial int getrusage(int who, ref long usage);
}
