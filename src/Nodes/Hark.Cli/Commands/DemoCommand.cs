using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hark.Actors.Sharding;
using Hark.Cli.Backend;
using Hark.Engine.Segments;
using Hark.Storage;

namespace Hark.Cli.Commands;

/// <summary>
/// <c>hark demo</c>: makes a real 10-minute recording (speech from espeak-ng over a chirp and a noise bed, stereo),
/// imports it into the archive through an in-process cluster of one (the actors a server runs), reads segments back
/// and prints what it did and how long each step took.
/// </summary>
internal static class DemoCommand
{
    private const string Speech =
        "This is Hark, an archive for very long audio recordings. Field recorders, wildlife monitors and broadcast loggers " +
        "keep days of sound. Hark stores them compactly and reads any few seconds back, sample exact, in about a millisecond.";

    public static Command Create()
    {
        var minutes = new Option<int>("--minutes") { Description = "Length of the generated recording.", DefaultValueFactory = _ => 10 };
        var demo = new Command("demo", "Generate a real test recording, import it, read segments back, and show the timings.") { minutes };
        CliAction.Bind(demo, async (parse, ct) =>
        {
            int length = parse.GetValue(minutes);
            if (length is < 1 or > 24 * 60)
            {
                throw new UsageException("--minutes must be between 1 and 1440");
            }
            var folder = Path.GetFullPath("demo");
            Directory.CreateDirectory(folder);
            var source = Path.Combine(folder, "demo.wav");

            var watch = Stopwatch.StartNew();
            await GenerateAsync(folder, source, length, ct);
            Step($"generated {length} min of stereo 44.1 kHz audio (espeak-ng speech over a chirp and a noise bed) -> {Relative(source)}", watch);

            // Always a cluster of one here: the demo shows the path a command takes without --node, and compares its
            // reads with decoding in this process straight from the archive.
            await using var cluster = await InProcessCluster.StartAsync(parse,
                [HarkRoles.Importer, HarkRoles.Reader], Environment.ProcessorCount, ct);
            var recordings = cluster.Recordings;
            var request = new ImportRequest { Id = "demo", SourcePath = source, ChunkSeconds = 60, Replace = true };
            watch.Restart();
            var info = await ImportProgressView.RunAsync(request.Id, progress => ImportRun.RunAsync(recordings, request, progress, ct));
            var recording = info.Metadata;
            double seconds = (double)recording.TotalSamples / recording.SampleRate;
            Step(string.Create(CultureInfo.InvariantCulture,
                $"imported as AAC {recording.Bitrate / 1000} kbit/s: {new FileInfo(source).Length / (double)info.AudioBytes:F1}x smaller than the WAV, " +
                $"index {info.IndexBytes} bytes ({100.0 * info.IndexRatio:F2} % of the audio), {seconds / watch.Elapsed.TotalSeconds:F1}x real time"), watch);

            var buffer = new float[recording.SampleRate * recording.Channels];
            watch.Restart();
            await StreamedSamples.ReadAsync(recordings, "demo", 0, recording.SampleRate, buffer, ct);
            Step("first read through the front door (loads and caches the frame index)", watch);
            var throughReader = await TimeRandomReadsAsync(recording,
                start => StreamedSamples.ReadAsync(recordings, "demo", start, recording.SampleRate, buffer, ct));
            var inCaller = new SegmentReader(new RecordingCache(ArchiveStore.Open(parse.GetValue(GlobalOptions.Archive)!)));
            var inProcess = await TimeRandomReadsAsync(recording,
                start => inCaller.ReadSamplesAsync("demo", start, recording.SampleRate, buffer, ct));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"demo: 200 random 1-second reads, sample-exact: median {throughReader.Median:F2} ms, p99 {throughReader.P99:F2} ms through the front door (IRecordingService); " +
                $"median {inProcess.Median:F2} ms, p99 {inProcess.P99:F2} ms decoding in the caller"));

            var segment = Path.Combine(folder, "segment.wav");
            await using (var file = File.Create(segment))
            {
                await recordings.WriteSegmentAsync("demo", 5 * recording.SampleRate, 3 * recording.SampleRate, SegmentFormat.Wav, file, ct);
            }
            Console.WriteLine($"demo: wrote 3 s from 00:00:05 to {Relative(segment)}");
            Console.WriteLine("demo: try  ./hark ls   ./hark info demo   ./hark segment demo --start 00:01:00 --duration 2.5 -o cut.wav   ./hark bench segments demo");
            return ExitCodes.Ok;
        });
        return demo;
    }

    private static async Task GenerateAsync(string folder, string output, int minutes, CancellationToken ct)
    {
        var speech = Path.Combine(folder, "speech.wav");
        await ExternalTool.RunAsync("espeak-ng", ["-w", speech, Speech], ct);
        int seconds = minutes * 60;
        // Speech repeats every ~15 s in both channels; each channel has its own chirp and noise, so channels differ.
        await ExternalTool.RunAsync("ffmpeg",
        [
            "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-stream_loop", "-1", "-i", speech,
            "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture,
                $"aevalsrc=0.15*sin(2*PI*(200+300*mod(t\\,20)/20)*t)+0.02*(random(0)-0.5)|0.15*sin(2*PI*(1200-400*mod(t\\,30)/30)*t)+0.02*(random(1)-0.5):s=44100:d={seconds}"),
            "-filter_complex", "[0:a]aresample=44100,pan=stereo|c0=c0|c1=c0,volume=0.8[s];[s][1:a]amix=inputs=2:duration=shortest:normalize=0[out]",
            "-map", "[out]", "-t", seconds.ToString(CultureInfo.InvariantCulture), "-c:a", "pcm_s16le", output,
        ], ct);
        File.Delete(speech);
    }

    /// <param name="read">Reads one second from the given sample on.</param>
    private static async Task<(double Median, double P99)> TimeRandomReadsAsync(RecordingMetadata recording, Func<long, ValueTask<int>> read)
    {
        var random = new Random(7);
        var times = new List<double>();
        for (int i = 0; i < 200; i++)
        {
            long start = random.NextInt64(0, recording.TotalSamples - recording.SampleRate);
            long before = Stopwatch.GetTimestamp();
            await read(start);
            times.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
        }
        times.Sort();
        return (times[99], times[197]);
    }

    private static void Step(string what, Stopwatch watch) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"demo: {what} ({watch.Elapsed.TotalSeconds:F2} s)"));

    private static string Relative(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);
}
