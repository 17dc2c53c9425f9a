using System.Diagnostics;
using System.Globalization;
using Hark.Contracts;
using Hark.Engine.Segments;
using Hark.Storage;

namespace Hark.Bench.Segments;

/// <summary>
/// `--first-read`: what the first 1-s read of a recording costs on a warm process (its index not loaded), against a
/// warm read, for a short recording and a long one, with and without the index's page offsets. The long recordings
/// are the short one's AAC frames repeated (a real, decodable stream of any length without encoding it), written
/// through <see cref="RecordingWriter"/> as an import writes them.
/// </summary>
internal static class FirstReads
{
    public static async Task RunAsync(string archivePath, string shortId, double hours, int repeats)
    {
        var source = await ArchiveStore.Open(archivePath).OpenRecordingAsync(shortId, CancellationToken.None);
        int frames = source.Index.FrameCount;
        int copies = (int)Math.Ceiling(hours * 3600 * source.Metadata.SampleRate / ((double)frames * source.Metadata.SamplesPerFrame));
        var recordings = new List<(string Id, string Label)>();
        foreach (bool paged in new[] { true, false })
        {
            var archive = new ArchiveStore(ArchiveStore.Open(archivePath).Blobs, new ArchiveOptions { PagedIndex = paged });
            foreach (var (id, times) in new[] { ($"short-{(paged ? "paged" : "whole")}", 1), ($"long-{(paged ? "paged" : "whole")}", copies) })
            {
                Console.Error.WriteLine($"writing {id} ({times} x {frames} frames)...");
                await CopyAsync(source, archive, id, times);
                long seconds = (long)((long)frames * times * source.Metadata.SamplesPerFrame / source.Metadata.SampleRate);
                recordings.Add((id, $"{TimeSpan.FromSeconds(seconds):d\\.hh\\:mm}, index {(paged ? "by pages" : "whole")}"));
            }
        }

        Console.WriteLine($"First 1-s read of a recording in a warm process (the recording not opened, its index not loaded) against warm " +
            $"reads (within a minute of it); median of {repeats}; load average {File.ReadAllText("/proc/loadavg").Trim()}.");
        Console.WriteLine();
        Console.WriteLine("| recording (d.hh:mm) | first read ms | warm read ms | first - warm ms | index pages loaded |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var random = new Random(5);
        foreach (var (id, label) in recordings)
        {
            var first = new List<double>();
            var warm = new List<double>();
            int loaded = 0;
            for (int r = 0; r < repeats; r++)
            {
                // A fresh cache: the first read opens the recording and loads what its index needs.
                var meta = (await ArchiveStore.Open(archivePath).FindRecordingAsync(id, CancellationToken.None))!;
                var cache = new RecordingCache(ArchiveStore.Open(archivePath));
                var reader = new SegmentReader(cache);
                long at = random.NextInt64(meta.SampleRate * 60L, meta.TotalSamples - meta.SampleRate * 61L);
                if (r == 0)
                {
                    // The first round's first read pays the JIT of the read path: run it once and start again.
                    await ReadAsync(reader, id, at, meta.SampleRate);
                    cache = new RecordingCache(ArchiveStore.Open(archivePath));
                    reader = new SegmentReader(cache);
                }
                first.Add(await ReadAsync(reader, id, at, meta.SampleRate));
                for (int w = 0; w < 20; w++)
                {
                    warm.Add(await ReadAsync(reader, id, at + random.NextInt64(-meta.SampleRate * 30L, meta.SampleRate * 30L), meta.SampleRate));
                }
                loaded = (await cache.GetAsync(id, CancellationToken.None)).Index.PagesLoaded;
            }
            double f = Median(first), m = Median(warm);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {f:F2} | {m:F2} | {f - m:F2} | {loaded} |"));
        }

        await ColdOnAzuriteAsync(source);

        // One hour of the long recording read as one segment: its batches decoded one at a time, then on every core.
        Console.WriteLine();
        Console.WriteLine($"| a 1-hour segment (f32), AAC 44.1 kHz stereo | seconds | vs one decoder |");
        Console.WriteLine("|---|---:|---:|");
        double single = 0;
        foreach (int parallel in new[] { 1, Environment.ProcessorCount })
        {
            var times = new List<double>();
            for (int r = 0; r < 3; r++)
            {
                var reader = new SegmentReader(new RecordingCache(ArchiveStore.Open(archivePath))) { ParallelBatches = parallel };
                var meta = await reader.GetRecordingAsync("long-paged", CancellationToken.None);
                var watch = Stopwatch.StartNew();
                await reader.ReadSegmentAsync("long-paged", meta.TotalSamples / 3, 3600L * meta.SampleRate, SegmentFormat.F32, Stream.Null, CancellationToken.None);
                times.Add(watch.Elapsed.TotalSeconds);
            }
            double t = Median(times);
            single = parallel == 1 ? t : single;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {parallel} batch{(parallel == 1 ? "" : "es")} at once | {t:F2} | {single / t:F2}x |"));
        }
    }

    /// <summary>
    /// Cold 1-s reads on Azurite, the chunk cache emptied before each: audio in shards read by inner chunk against audio
    /// in whole 1 MiB chunks, beside one bare range request (the round trip every cold read pays at least).
    /// </summary>
    public static async Task ColdOnAzuriteAsync(string archivePath, string shortId) =>
        await ColdOnAzuriteAsync(await ArchiveStore.Open(archivePath).OpenRecordingAsync(shortId, CancellationToken.None));

    private static async Task ColdOnAzuriteAsync(RecordingReader source)
    {
        await using var azurite = await Hark.Testing.AzuriteProcess.StartAsync();
        var blobs = Hark.Storage.Blobs.AzureBlobStore.Create(azurite.ConnectionString, "bench");
        var rows = new List<(string Label, double P50, double P99)>();
        // Inner chunks of 16, 32 and 64 KiB (the default), and no shards: a 1-s AAC read needs about 25 KB of frames.
        foreach (int inner in new[] { 16 << 10, 32 << 10, 64 << 10, 0 })
        {
            bool sharded = inner > 0;
            var archive = new ArchiveStore(blobs, sharded ? new ArchiveOptions { AudioInnerChunkBytes = inner } : new ArchiveOptions { ShardedAudio = false });
            await archive.EnsureCreatedAsync(CancellationToken.None);
            string id = sharded ? $"sharded-{inner >> 10}k" : "whole-chunks";
            await CopyAsync(source, archive, id, 1);
            var reader = new SegmentReader(new RecordingCache(archive));
            var meta = await reader.GetRecordingAsync(id, CancellationToken.None);
            await reader.ReadSegmentAsync(id, 0, meta.SampleRate, SegmentFormat.F32, Stream.Null, CancellationToken.None);
            var random = new Random(3);
            var times = new List<double>();
            for (int i = 0; i < 300; i++)
            {
                archive.Cache.Clear();
                times.Add(await ReadAsync(reader, id, random.NextInt64(0, meta.TotalSamples - meta.SampleRate), meta.SampleRate));
            }
            times.Sort();
            rows.Add((sharded ? $"audio in shards, read by {inner >> 10} KiB inner chunk" : "audio in whole 1 MiB chunks (before shards)",
                times[times.Count / 2], times[(int)(times.Count * 0.99)]));
        }
        string? key = null;
        await foreach (var k in blobs.ListAsync("recordings/sharded-64k/", CancellationToken.None))
        {
            if (k.EndsWith("/audio/c/0", StringComparison.Ordinal))
            {
                key = k;
            }
        }
        var ranges = new List<(int Bytes, double P50, double P99)>();
        foreach (int size in new[] { 1, 16 << 10, 64 << 10, 1 << 20 })
        {
            var times = new List<double>();
            var buffer = new byte[size];
            for (int i = 0; i < 100; i++)
            {
                var watch = Stopwatch.StartNew();
                await blobs.ReadRangeAsync(key!, 0, buffer, CancellationToken.None);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            ranges.Add((size, times[times.Count / 2], times[(int)(times.Count * 0.99)]));
        }
        double trip = ranges[0].P50;
        Console.WriteLine();
        Console.WriteLine("| cold 1-s read on Azurite (chunk cache emptied before each), 300 reads | p50 ms | p99 ms | p50 over one range request |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (label, p50, p99) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {label} | {p50:F2} | {p99:F2} | {p50 - trip:F2} |"));
        }
        foreach (var (bytes, p50, p99) in ranges)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| one range request of {(bytes < 1024 ? $"{bytes} byte" : $"{bytes >> 10} KiB")} | {p50:F2} | {p99:F2} | {p50 - trip:F2} |"));
        }
    }

    private static async Task<double> ReadAsync(SegmentReader reader, string id, long start, int count)
    {
        var watch = Stopwatch.StartNew();
        await reader.ReadSegmentAsync(id, start, count, SegmentFormat.F32, Stream.Null, CancellationToken.None);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task CopyAsync(RecordingReader source, ArchiveStore archive, string id, int times)
    {
        var meta = source.Metadata;
        await source.Index.EnsureAllAsync(CancellationToken.None);
        await using var writer = await archive.CreateRecordingAsync(meta with { Id = id, State = RecordingPhase.Importing }, replace: true, CancellationToken.None);
        int frames = source.Index.FrameCount;
        var buffer = new byte[source.FrameBytes(0, frames)];
        await source.ReadFramesAsync(0, frames, buffer, CancellationToken.None);
        for (int t = 0; t < times; t++)
        {
            for (int i = 0; i < frames; i++)
            {
                long at = source.Index.FrameOffset(i);
                await writer.AppendFrameAsync(buffer.AsMemory((int)at, source.Index.FrameSize(i)), CancellationToken.None);
            }
        }
        long total = (long)frames * times * meta.SamplesPerFrame - meta.PrimingSamples - meta.SamplesPerFrame;
        await writer.CommitAsync(meta with { Id = id, TotalSamples = total, FrameCount = 0, StoredBytes = null }, CancellationToken.None);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
