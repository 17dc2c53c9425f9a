using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hark.Actors.Sharding;
using Hark.Cli.Backend;
using Hark.Cli.Output;

namespace Hark.Cli.Commands;

/// <summary><c>hark bench segments ID [--count N] [--seconds S] [--json] [--node]</c>: measure segment reads on your own archive.</summary>
internal static class BenchCommands
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure Hark on your own archive.");
        var id = new Argument<string>("ID") { Description = "Recording id." };
        var count = new Option<int>("--count") { Description = "Segments to read.", DefaultValueFactory = _ => 1000 };
        var seconds = new Option<double>("--seconds") { Description = "Length of each segment in seconds.", DefaultValueFactory = _ => 1.0 };
        var json = new Option<bool>("--json") { Description = "Print JSON (p50_ms, p99_ms, ...)." };
        var segments = new Command("segments",
            "Random segment reads through the front door (this process's cluster of one, or the node with --node): latency percentiles.")
        {
            id, count, seconds, json, NodeOption.Option, NodeOption.ApiKey,
        };
        CliAction.Bind(segments, async (parse, ct) =>
        {
            var recordingId = parse.GetValue(id)!;
            int reads = parse.GetValue(count);
            if (reads < 1)
            {
                throw new UsageException("--count must be at least 1");
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
            var result = new SegmentBench(recordingId, reads, (double)length / meta.SampleRate, first.Elapsed.TotalMilliseconds,
                Percentile(times, 0.50), Percentile(times, 0.90), Percentile(times, 0.99), times[^1], times.Average());
            Console.WriteLine(parse.GetValue(json)
                ? RecordFormatter.ToJson(result)
                : string.Create(CultureInfo.InvariantCulture,
                    $"{reads} reads of {result.SegmentSeconds:F3} s from {recordingId}: p50 {result.P50Ms:F3} ms, p90 {result.P90Ms:F3} ms, p99 {result.P99Ms:F3} ms, max {result.MaxMs:F3} ms (first read, loading the index, {result.FirstReadMs:F1} ms)"));
            return ExitCodes.Ok;
        });
        bench.Subcommands.Add(segments);
        return bench;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>What `hark bench segments` measured, in milliseconds.</summary>
    private sealed record SegmentBench(string Id, int Count, double SegmentSeconds, double FirstReadMs, double P50Ms, double P90Ms,
        double P99Ms, double MaxMs, double MeanMs);
}
