using System.Diagnostics;
using System.Globalization;
using Hark.Engine.Segments;
using Hark.Storage;

namespace Hark.Bench.Segments;

/// <summary>
/// Random 1-second reads of the same audio by every contender, from the same start samples. In-process readers take
/// turns read by read, and so do the process-per-read ones, so a change in the machine's load hits all alike.
/// </summary>
internal sealed class SegmentReads(Workspace work, int inProcessReads, int processReads)
{
    private const int Length = TestAudio.SampleRate;
    private const int Channels = TestAudio.Channels;

    public Latency HarkAac { get; } = new("Hark, AAC recording, in-process");
    public Latency HarkOpus { get; } = new("Hark, Opus recording (48 kHz, 320 ms pre-roll), in-process");
    public Latency HarkLac { get; } = new("Hark, LAC recording, in-process");
    public Latency LibFlacInProcess { get; } = new("libFLAC seek_absolute, in-process");
    public Latency FfmpegProcess { get; } = new("`ffmpeg -ss S -t 1` process, m4a");
    public Latency FlacProcess { get; } = new("`flac -d --skip --until -c` process, FLAC");

    public async Task RunAsync(long totalSamples, CancellationToken ct)
    {
        var random = new Random(42);
        var starts = Enumerable.Range(0, Math.Max(inProcessReads, processReads) + 20)
            .Select(_ => random.NextInt64(0, totalSamples - Length)).ToArray();

        var archive = ArchiveStore.Open(work.Archive);
        var reader = new SegmentReader(new RecordingCache(archive));
        using var flac = new FlacSeekingReader(work.Flac);
        var floats = new float[Length * Channels];
        // The Opus recording is the same audio resampled to 48 kHz: one second there is 48 000 samples, from the same instant.
        var opusFloats = new float[OpusLength * Channels];
        var lacInts = new int[Length * Channels];
        var flacInts = new int[Length * Channels];

        // Warm-up (JIT, decoder pool, index load), which also proves the lossless readers agree sample for sample.
        for (int i = 0; i < 20; i++)
        {
            long start = starts[^(i + 1)];
            await reader.ReadSamplesAsync(Workspace.AacId, start, Length, floats, ct);
            await reader.ReadSamplesAsync(Workspace.OpusId, OpusStart(start), OpusLength, opusFloats, ct);
            await reader.ReadIntegerSamplesAsync(Workspace.LacId, start, Length, lacInts, ct);
            flac.Read(start, Length, Channels, flacInts);
            if (!lacInts.AsSpan().SequenceEqual(flacInts))
            {
                throw new InvalidOperationException($"LAC and libFLAC disagree on the second at sample {start}");
            }
        }

        Console.Error.WriteLine($"in-process reads: {inProcessReads} each...");
        for (int i = 0; i < inProcessReads; i++)
        {
            long start = starts[i];
            long t = Stopwatch.GetTimestamp();
            await reader.ReadSamplesAsync(Workspace.AacId, start, Length, floats, ct);
            HarkAac.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);

            t = Stopwatch.GetTimestamp();
            await reader.ReadSamplesAsync(Workspace.OpusId, OpusStart(start), OpusLength, opusFloats, ct);
            HarkOpus.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);

            t = Stopwatch.GetTimestamp();
            await reader.ReadIntegerSamplesAsync(Workspace.LacId, start, Length, lacInts, ct);
            HarkLac.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);

            t = Stopwatch.GetTimestamp();
            flac.Read(start, Length, Channels, flacInts);
            LibFlacInProcess.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        Console.Error.WriteLine($"process-per-read reads: {processReads} each...");
        for (int i = 0; i < processReads; i++)
        {
            long start = starts[i];
            string seconds = ((double)start / TestAudio.SampleRate).ToString("F6", CultureInfo.InvariantCulture);
            var run = await ProcessRun.RunAsync("ffmpeg", ["-nostdin", "-v", "error", "-ss", seconds, "-t", "1", "-i", work.M4a,
                "-f", "f32le", "-"], ct: ct);
            Expect(run, Length * Channels * 4, "ffmpeg");
            FfmpegProcess.Add(run.Wall.TotalMilliseconds);

            run = await ProcessRun.RunAsync("flac", ["-d", "-s", "-c", $"--skip={start}", $"--until={start + Length}", work.Flac], ct: ct);
            Expect(run, Length * Channels * 2, "flac");
            FlacProcess.Add(run.Wall.TotalMilliseconds);
        }
    }

    private const int OpusLength = 48_000;

    /// <summary>The 48 kHz sample at the instant of source sample <paramref name="start"/>, less one: the resampled length may be a
    /// sample short of the exact ratio, and the starts leave a second before the end.</summary>
    private static long OpusStart(long start) => Math.Max(0, start * OpusLength / TestAudio.SampleRate - 1);

    /// <summary>A process that returned less than the second it was asked for did not do the same work.</summary>
    private static void Expect(ProcessRun run, int bytes, string program)
    {
        if (run.Output.Length < bytes - 4096)
        {
            throw new InvalidOperationException($"{program} returned {run.Output.Length} bytes for one second ({bytes} expected)");
        }
    }
}
