using System.Diagnostics;
using System.Globalization;
using Hark.Bench.Media;
using Hark.Codec.Adts;
using Hark.Media.Aac;

// Random 1-second reads: Hark's in-process segment decode vs one ffmpeg process per read on an m4a of the same audio.
// Usage: Hark.Bench.Media [minutes=10] [inProcessReads=1000] [ffmpegReads=200]
// Or: Hark.Bench.Media import [minutes...] (see ImportBench)
if (args.Length > 0 && args[0] == "import")
{
    await ImportBench.RunAsync(args[1..]);
    return;
}
int minutes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
int inProcessReads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
int ffmpegReads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
const int Rate = 44100;
const int Channels = 2;

string dir = Path.Combine(Path.GetTempPath(), $"hark-bench-media-{Guid.NewGuid():N}");
Directory.CreateDirectory(dir);
try
{
    string aac = Path.Combine(dir, "x.aac");
    string m4a = Path.Combine(dir, "x.m4a");
    Console.WriteLine($"Encoding {minutes} min of {Rate} Hz stereo (tones + noise) to AAC 160 kb/s...");
    await Tools.RunAsync("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
        $"aevalsrc=0.3*sin(2*PI*(220+20*sin(t))*t)+0.05*random(0)|0.3*sin(2*PI*330*t)+0.05*random(1):s={Rate}:d={minutes * 60}",
        "-c:a", "aac", "-aac_pns", "0", "-b:a", "160k", "-f", "adts", aac);
    await Tools.RunAsync("ffmpeg", "-nostdin", "-v", "error", "-i", aac, "-c", "copy", m4a);

    var stream = StoredStream.Load(aac);
    long totalSamples = stream.Count * 1024L - 1024;
    Console.WriteLine($"{stream.Count} frames, {stream.Bytes.Length / 1024.0 / 1024.0:F1} MB of raw AAC");

    // Cold decoder: what a read would cost without the pool.
    var cold = new List<double>();
    for (int i = 0; i < 50; i++)
    {
        long t = Stopwatch.GetTimestamp();
        using var decoder = new AacDecoder(stream.AudioSpecificConfig, Rate, Channels);
        cold.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }

    var random = new Random(42);
    using var pool = new AacDecoderPool();
    var segment = new AacSegmentDecoder(stream.AudioSpecificConfig, Rate, Channels, pool);
    var output = new float[Rate * Channels];
    // Warm the JIT and the pool first.
    for (int i = 0; i < 20; i++)
    {
        Read(random.NextInt64(0, totalSamples - Rate));
    }
    var inProcess = new List<double>();
    for (int i = 0; i < inProcessReads; i++)
    {
        long start = random.NextInt64(0, totalSamples - Rate);
        long t = Stopwatch.GetTimestamp();
        Read(start);
        inProcess.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }

    var viaFfmpeg = new List<double>();
    for (int i = 0; i < ffmpegReads; i++)
    {
        double seconds = random.NextDouble() * (totalSamples - Rate) / Rate;
        long t = Stopwatch.GetTimestamp();
        var bytes = await Tools.RunAsync("ffmpeg", "-nostdin", "-v", "error", "-ss", seconds.ToString("F6", CultureInfo.InvariantCulture),
            "-i", m4a, "-t", "1", "-f", "f32le", "-");
        viaFfmpeg.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        if (bytes.Length < Rate * Channels * 4 - 4096)
        {
            throw new InvalidOperationException($"ffmpeg returned {bytes.Length} bytes for one second");
        }
    }

    // Sequential throughput: the whole stream through one decoder.
    long seqStart = Stopwatch.GetTimestamp();
    using (var decoder = new AacDecoder(stream.AudioSpecificConfig, Rate, Channels))
    {
        var scratch = new float[AacDecoder.MaxSamplesPerFrame * Channels];
        for (int i = 0; i < stream.Count; i++)
        {
            decoder.Decode(stream.Frame(i), scratch);
        }
    }
    double seqSeconds = Stopwatch.GetElapsedTime(seqStart).TotalSeconds;

    Console.WriteLine();
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, libavcodec {AacDecoder.LibraryVersion}");
    Console.WriteLine($"| what | reads | p50 ms | p99 ms | mean ms |");
    Console.WriteLine($"|---|---|---|---|---|");
    Console.WriteLine(Tools.Row("1 s read, in-process (pooled decoder, 1 pre-roll frame)", inProcess));
    Console.WriteLine(Tools.Row("1 s read, `ffmpeg -ss -t` process on m4a", viaFfmpeg));
    Console.WriteLine(Tools.Row("opening a decoder (avcodec_open2), not pooled", cold));
    Console.WriteLine($"sequential decode: {stream.Count * 1024.0 / Rate / seqSeconds:F0}x real time on one core");
    Console.WriteLine($"decoders opened by the pool: {pool.Created}");

    void Read(long start)
    {
        var plan = AacSegmentPlan.For(start, Rate, 1024, stream.Count);
        int first = (int)plan.FirstFrame;
        int last = first + plan.FrameCount - 1;
        int from = (int)stream.Offsets[first];
        int to = (int)(stream.Offsets[last] + stream.Sizes[last]);
        segment.Decode(stream.Bytes.AsSpan(from, to - from), stream.Sizes.AsSpan(first, plan.FrameCount), plan.StartsWithPreRoll,
            plan.OffsetInFirstNeededFrame, Rate, output);
    }
}
finally
{
    Directory.Delete(dir, recursive: true);
}

namespace Hark.Bench.Media
{
    /// <summary>Raw frames in memory, as the archive stores them: bytes back to back plus sizes.</summary>
    internal sealed record StoredStream(byte[] AudioSpecificConfig, byte[] Bytes, int[] Sizes, long[] Offsets)
    {
        public int Count => Sizes.Length;

        public ReadOnlySpan<byte> Frame(int i) => Bytes.AsSpan((int)Offsets[i], Sizes[i]);

        public static StoredStream Load(string adtsPath)
        {
            using var reader = new AdtsFrameReader(File.OpenRead(adtsPath));
            using var bytes = new MemoryStream();
            var sizes = new List<int>();
            var offsets = new List<long>();
            byte[]? asc = null;
            while (reader.TryReadNext(out var frame))
            {
                asc ??= AdtsStreamFormat.From(frame.Header).ToAudioSpecificConfig();
                offsets.Add(bytes.Length);
                sizes.Add(frame.Payload.Length);
                bytes.Write(frame.Payload.Span);
            }
            return new StoredStream(asc!, bytes.ToArray(), [.. sizes], [.. offsets]);
        }
    }

    internal static class Tools
    {
        public static async Task<byte[]> RunAsync(string program, params string[] arguments)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in arguments)
            {
                start.ArgumentList.Add(a);
            }
            using var process = Process.Start(start)!;
            using var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await copy;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} failed: {await error}");
            }
            return output.ToArray();
        }

        public static string Row(string what, List<double> times)
        {
            times.Sort();
            double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
            return string.Create(CultureInfo.InvariantCulture, $"| {what} | {times.Count} | {P(0.5):F3} | {P(0.99):F3} | {times.Average():F3} |");
        }
    }
}
