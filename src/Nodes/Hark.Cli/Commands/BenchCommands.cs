using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Hark.Cli.Commands;

/// <summary><c>hark bench segments ID [--count N] [--seconds S] [--json]</c>: measure segment reads on your own archive.</summary>
internal static class BenchCommands
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure Hark on your own archive.");
        var id = new Argument<string>("ID") { Description = "Recording id." };
        var count = new Option<int>("--count") { Description = "Segments to read.", DefaultValueFactory = _ => 1000 };
        var seconds = new Option<double>("--seconds") { Description = "Length of each segment in seconds.", DefaultValueFactory = _ => 1.0 };
        var json = new Option<bool>("--json") { Description = "Print JSON (p50_ms, p99_ms, ...)." };
        var segments = new Command("segments", "Random segment reads: latency percentiles, in-process, index already loaded.") { id, count, seconds, json };
        CliAction.Bind(segments, async (parse, ct) =>
        {
            var context = await ArchiveContext.OpenAsync(parse, ct);
            var recordingId = parse.GetValue(id)!;
            int reads = parse.GetValue(count);
            if (reads < 1)
            {
                throw new UsageException("--count must be at least 1");
            }
            var load = Stopwatch.StartNew();
            var meta = await context.Segments.GetRecordingAsync(recordingId, ct);
            load.Stop();
            int length = (int)Math.Min(meta.TotalSamples, Math.Max(1, Math.Round(parse.GetValue(seconds) * meta.SampleRate)));
            var buffer = new float[length * meta.Channels];
            var random = new Random(1);
            var times = new double[reads];
            for (int i = 0; i < reads; i++)
            {
                long start = random.NextInt64(0, meta.TotalSamples - length + 1);
                long before = Stopwatch.GetTimestamp();
                await context.Segments.ReadSamplesAsync(recordingId, start, length, buffer, ct);
                times[i] = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
            }
            Array.Sort(times);
            var result = new Dictionary<string, object>
            {
                ["id"] = recordingId, ["count"] = reads, ["segment_seconds"] = (double)length / meta.SampleRate,
                ["index_load_ms"] = load.Elapsed.TotalMilliseconds, ["p50_ms"] = Percentile(times, 0.50),
                ["p90_ms"] = Percentile(times, 0.90), ["p99_ms"] = Percentile(times, 0.99), ["max_ms"] = times[^1],
                ["mean_ms"] = times.Average(),
            };
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{reads} reads of {(double)length / meta.SampleRate:F3} s from {recordingId}: p50 {result["p50_ms"]:F3} ms, p90 {result["p90_ms"]:F3} ms, p99 {result["p99_ms"]:F3} ms, max {times[^1]:F3} ms (index load {load.Elapsed.TotalMilliseconds:F1} ms)"));
            }
            return ExitCodes.Ok;
        });
        bench.Subcommands.Add(segments);
        return bench;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
