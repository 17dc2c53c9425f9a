using Hark.Storage;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hark.Actors.Sharding;
using Hark.Cli.Backend;
using Hark.Cli.Output;

namespace Hark.Cli.Commands;

/// <summary><c>hark bench segments ID [--count N] [--seconds S] [--cold] [--json] [--node]</c>: measure segment reads on your own archive.</summary>
internal static class BenchCommands
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure Hark on your own archive.");
        var id = new Argument<string>("ID") { Description = "Recording id." };
        var count = new Option<int>("--count") { Description = "Segments to read.", DefaultValueFactory = _ => 1000 };
        var seconds = new Option<double>("--seconds") { Description = "Length of each segment in seconds.", DefaultValueFactory = _ => 1.0 };
        var json = new Option<bool>("--json") { Description = "Print JSON (p50_ms, p99_ms, ...)." };
        var cold = new Option<bool>("--cold")
        {
            Description = "Also read the same segments cold: the archive's chunk cache emptied before every read, so each fetches its audio from the store (cold_p50_ms, cold_p99_ms).",
        };
        var segments = new Command("segments",
            "Random segment reads through the front door (this process's cluster of one, or the node with --node): latency percentiles.")
        {
            id, count, seconds, json, cold, NodeOption.Option, NodeOption.ApiKey,
        };
        CliAction.Bind(segments, async (parse, ct) =>
        {
            var recordingId = parse.GetValue(id)!;
            int reads = parse.GetValue(count);
            if (reads < 1)
            {
                throw new UsageException("--count must be at least 1");
            }
            if (parse.GetValue(cold) && NodeOption.From(parse) is not null)
            {
                throw new UsageException("--cold empties this process's caches; it measures the archive --archive names, not a node");
            }
            await using var backend = await RecordingBackend.OpenAsync(parse, [HarkRoles.Reader], 0, ct);
            var recordings = backend.Recordings;
            var meta = await recordings.GetRecordingAsync(recordingId, ct);
            int length = (int)Math.Min(meta.TotalSamples, Math.Max(1, Math.Round(parse.GetValue(seconds) * meta.SampleRate)));
            using var buffer = new MemoryStream();
            // The first read loads the recording's frame index into its reader; it is reported apart from the rest.
            var first = Stopwatch.StartNew();
            await recordings.WriteSegmentAsync(recordingId, 0, length, SegmentFormat.F32, buffer, ct);
            first.Stop();
            var random = new Random(1);
            var times = new double[reads];
            for (int i = 0; i < reads; i++)
            {
                long start = random.NextInt64(0, meta.TotalSamples - length + 1);
                buffer.SetLength(0);
                long before = Stopwatch.GetTimestamp();
                await recordings.WriteSegmentAsync(recordingId, start, length, SegmentFormat.F32, buffer, ct);
                times[i] = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
            }
            Array.Sort(times);
            double? coldP50 = null, coldP99 = null;
            if (parse.GetValue(cold))
            {
                // The archive's own read path (what a reader node runs), its chunk cache emptied before each read; the
                // index stays loaded (its pages are loaded by the first reads), so what is measured is the audio's fetch.
                var archive = ArchiveStore.Open(parse.GetValue(GlobalOptions.Archive)!);
                var view = new ArchiveReadView(archive);
                await view.WriteSegmentAsync(recordingId, 0, length, SegmentFormat.F32, Stream.Null, ct);
                var colds = new double[reads];
                var again = new Random(1);
                for (int i = 0; i < reads; i++)
                {
                    long start = again.NextInt64(0, meta.TotalSamples - length + 1);
                    archive.Cache.Clear();
                    long before = Stopwatch.GetTimestamp();
                    await view.WriteSegmentAsync(recordingId, start, length, SegmentFormat.F32, Stream.Null, ct);
                    colds[i] = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
                }
                Array.Sort(colds);
                (coldP50, coldP99) = (Percentile(colds, 0.50), Percentile(colds, 0.99));
            }
            var result = new SegmentBench(recordingId, reads, (double)length / meta.SampleRate, first.Elapsed.TotalMilliseconds,
                Percentile(times, 0.50), Percentile(times, 0.90), Percentile(times, 0.99), times[^1], times.Average(), coldP50, coldP99);
            string coldText = coldP50 is { } c50
                ? string.Create(CultureInfo.InvariantCulture, $"; cold (chunk cache emptied before each): p50 {c50:F3} ms, p99 {coldP99:F3} ms")
                : "";
            Console.WriteLine(parse.GetValue(json)
                ? RecordFormatter.ToJson(result)
                : string.Create(CultureInfo.InvariantCulture,
                    $"{reads} reads of {result.SegmentSeconds:F3} s from {recordingId}: p50 {result.P50Ms:F3} ms, p90 {result.P90Ms:F3} ms, p99 {result.P99Ms:F3} ms, max {result.MaxMs:F3} ms (first read, loading the index, {result.FirstReadMs:F1} ms){coldText}"));
            return ExitCodes.Ok;
        });
        bench.Subcommands.Add(segments);
        return bench;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>What `hark bench segments` measured, in milliseconds.</summary>
    private sealed record SegmentBench(string Id, int Count, double SegmentSeconds, double FirstReadMs, double P50Ms, double P90Ms,
        double P99Ms, double MaxMs, double MeanMs, double? ColdP50Ms, double? ColdP99Ms);
}
