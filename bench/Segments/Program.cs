using System.Diagnostics;
using System.Globalization;
using Hark.Bench.Segments;
using Hark.Storage;

// Hark against ffmpeg, flac and libFLAC on the same generated audio: random 1-second reads and import throughput.
// With --long: only the peak memory of importing a very long (default 72-hour) FLAC.
var options = BenchOptions.Parse(args);
string hark = HarkCommand.Locate(options.Hark);
var work = new Workspace(options.Work ?? Path.Combine(Path.GetTempPath(), $"hark-bench-segments-{Guid.NewGuid():N}"));
Directory.CreateDirectory(work.Root);
Console.Error.WriteLine($"working in {work.Root}");
await ProcessRun.RunAsync(hark, ["--version"]); // builds the CLI if it is stale, outside every timing
try
{
    if (options.Long)
    {
        await LongImportAsync();
    }
    else if (options.FirstRead)
    {
        await FirstReadAsync();
    }
    else
    {
        await SideBySideAsync();
    }
}
finally
{
    if (!options.Keep)
    {
        Directory.Delete(work.Root, recursive: true);
    }
}

async Task FirstReadAsync()
{
    bool speech = await TestAudio.WriteWavAsync(work.Wav, options.Minutes * 60, work.Root);
    Console.Error.WriteLine($"generated {options.Minutes} min{(speech ? " with speech" : "")}; importing it as AAC...");
    await ProcessRun.RunAsync(hark, ["import", work.Wav, "--id", "source", "--archive", work.Archive]);
    if (options.ColdOnly)
    {
        await FirstReads.ColdOnAzuriteAsync(work.Archive, "source");
        return;
    }
    await FirstReads.RunAsync(work.Archive, "source", options.Hours, repeats: 7);
}

async Task SideBySideAsync()
{
    int seconds = options.Minutes * 60;
    var generate = Stopwatch.StartNew();
    bool speech = await TestAudio.WriteWavAsync(work.Wav, seconds, work.Root);
    Console.Error.WriteLine($"generated {seconds} s of audio{(speech ? " with speech" : "")} in {generate.Elapsed.TotalSeconds:F0} s");

    var encode = await ImportRun.MeasureAsync("`ffmpeg -c:a aac -b:a 160k -aac_pns 0` to m4a", seconds, "ffmpeg",
        ["-nostdin", "-v", "error", "-y", "-i", work.Wav, "-c:a", "aac", "-b:a", "160k", "-aac_pns", "0", work.M4a],
        () => new FileInfo(work.M4a).Length);
    var archive = ArchiveStore.Open(work.Archive);
    Func<long> Audio(string id) => () => archive.OpenRecordingAsync(id, CancellationToken.None).GetAwaiter().GetResult().AudioBytes;
    var jobs2 = await ImportRun.MeasureAsync("`hark import` AAC 160k, --jobs 2", seconds, hark,
        ["import", work.Wav, "--id", Workspace.AacId, "--archive", work.Archive, "--jobs", "2"], Audio(Workspace.AacId));
    var jobs1 = await ImportRun.MeasureAsync("`hark import` AAC 160k, --jobs 1", seconds, hark,
        ["import", work.Wav, "--id", Workspace.AacOneJobId, "--archive", work.Archive, "--jobs", "1"], Audio(Workspace.AacOneJobId));
    var flacEncode = await ImportRun.MeasureAsync("`flac -5` to FLAC", seconds, "flac",
        ["-s", "-f", "-o", work.Flac, work.Wav], () => new FileInfo(work.Flac).Length);
    var lac = await ImportRun.MeasureAsync("`hark import --codec lac`, --jobs 2", seconds, hark,
        ["import", work.Wav, "--id", Workspace.LacId, "--codec", "lac", "--archive", work.Archive, "--jobs", "2"], Audio(Workspace.LacId));

    // Opus: ffmpeg's own libopus encode (it resamples 44.1 to 48 kHz too) against Hark's chunked one.
    var opusEncode = await ImportRun.MeasureAsync("`ffmpeg -c:a libopus -b:a 96k` to Ogg", seconds, "ffmpeg",
        ["-nostdin", "-v", "error", "-y", "-i", work.Wav, "-c:a", "libopus", "-b:a", "96k", "-compression_level", "10", "-frame_duration", "20", work.Ogg],
        () => new FileInfo(work.Ogg).Length);
    var opus = await ImportRun.MeasureAsync("`hark import --codec opus` 96k, --jobs 2", seconds, hark,
        ["import", work.Wav, "--id", Workspace.OpusId, "--codec", "opus", "--archive", work.Archive, "--jobs", "2"], Audio(Workspace.OpusId));

    var aacReader = await archive.OpenRecordingAsync(Workspace.AacId, CancellationToken.None);
    var lacReader = await archive.OpenRecordingAsync(Workspace.LacId, CancellationToken.None);
    string readLoadBefore = MachineInfo.LoadAverage();
    var reads = new SegmentReads(work, options.Reads, options.ProcessReads);
    await reads.RunAsync(aacReader.Metadata.TotalSamples, CancellationToken.None);
    string readLoadAfter = MachineInfo.LoadAverage();

    var lines = new List<string>
    {
        $"machine: {MachineInfo.Describe()}",
        $"audio: {options.Minutes} min, {TestAudio.SampleRate} Hz stereo 16-bit: chirps, tones, noise bed{(speech ? ", espeak-ng speech" : "")}",
        "",
        $"Random 1-second reads (44 100 samples per channel), same start samples for all; load average {readLoadBefore} before, {readLoadAfter} after.",
        "",
        "| reader | reads | p50 ms | p99 ms | mean ms | Hark AAC faster (p50) | Hark LAC faster (p50) |",
        "|---|---|---|---|---|---|---|",
    };
    foreach (var l in new[] { reads.HarkAac, reads.HarkOpus, reads.HarkLac, reads.LibFlacInProcess, reads.FfmpegProcess, reads.FlacProcess })
    {
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"| {l.Name} | {l.Count} | {l.P50:F3} | {l.P99:F3} | {l.Mean:F3} | {l.P50 / reads.HarkAac.P50:F1}x | {l.P50 / reads.HarkLac.P50:F1}x |"));
    }
    lines.Add("");
    lines.Add(string.Create(CultureInfo.InvariantCulture,
        $"Index / audio bytes: AAC {aacReader.IndexBytes} / {aacReader.AudioBytes} = {100.0 * aacReader.IndexBytes / aacReader.AudioBytes:F3}%, " +
        $"LAC {lacReader.IndexBytes} / {lacReader.AudioBytes} = {100.0 * lacReader.IndexBytes / lacReader.AudioBytes:F3}%"));
    lines.Add("");
    lines.Add($"Import of the {options.Minutes}-minute WAV (one run each, peak RSS polled from /proc VmHWM):");
    lines.Add("");
    lines.Add("| run | wall s | real time | ffmpeg time / this | peak RSS MiB | output MiB | load at start |");
    lines.Add("|---|---|---|---|---|---|---|");
    foreach (var run in new[] { encode, jobs2, jobs1, flacEncode, lac })
    {
        lines.Add(run.Row(encode));
    }
    lines.Add(opusEncode.Row(opusEncode));
    lines.Add(opus.Row(opusEncode));
    lines.Add("");
    lines.Add("(The Opus rows compare against the ffmpeg libopus encode: \"ffmpeg time / this\" is that encode's time over the row's.)");
    Console.WriteLine(string.Join(Environment.NewLine, lines));
}

async Task LongImportAsync()
{
    double seconds = options.Hours * 3600;
    var generate = Stopwatch.StartNew();
    Console.Error.WriteLine($"generating {options.Hours} h of FLAC...");
    await TestAudio.WriteLongFlacAsync(work.LongFlac, options.Hours);
    Console.Error.WriteLine($"generated in {generate.Elapsed.TotalMinutes:F1} min, {new FileInfo(work.LongFlac).Length / 1073741824.0:F2} GiB");
    var archive = ArchiveStore.Open(work.LongArchive);
    var run = await ImportRun.MeasureAsync($"`hark import` AAC 160k of {options.Hours} h FLAC, --jobs {options.Jobs}", seconds, hark,
        ["import", work.LongFlac, "--id", "long", "--archive", work.LongArchive, "--jobs", options.Jobs.ToString(CultureInfo.InvariantCulture)],
        () => archive.OpenRecordingAsync("long", CancellationToken.None).GetAwaiter().GetResult().AudioBytes);
    var reader = await archive.OpenRecordingAsync("long", CancellationToken.None);
    Console.WriteLine($"machine: {MachineInfo.Describe()}");
    Console.WriteLine("| run | wall s | real time | ffmpeg wall / this | peak RSS MiB | output MiB | load at start |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    Console.WriteLine(run.Row(null));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{reader.Metadata.TotalSamples} samples, index {reader.IndexBytes} bytes, audio {reader.AudioBytes} bytes"));
}
