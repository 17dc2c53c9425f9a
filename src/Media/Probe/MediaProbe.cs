using System.Globalization;
using Hark.Media.Decode;
using Hark.Media.Errors;
using Hark.Media.Tools;

namespace Hark.Media.Probe;

/// <summary>Describes a source file with ffprobe's JSON report plus Hark's own start-time readers.</summary>
public static class MediaProbe
{
    private static readonly string[] LosslessCodecs = ["flac", "alac", "wavpack", "tta", "ape", "mlp", "truehd", "shorten", "wmalossless"];

    public static async Task<SourceInfo> ProbeAsync(string path, CancellationToken ct)
    {
        string name = Path.GetFileName(path);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new UnsupportedMediaException($"{name}: file not found");
        }

        var report = await RunFfprobeAsync(path, name, ct).ConfigureAwait(false);
        var audio = report.Streams.FirstOrDefault(s => s.CodecType == "audio")
            ?? throw new UnsupportedMediaException($"{name}: no audio stream");
        if (audio.SampleRate <= 0 || audio.Channels <= 0)
        {
            throw new UnsupportedMediaException($"{name}: audio stream without sample rate or channel count ({audio.CodecName})");
        }

        var start = FindStartTime(path, report, audio);
        return new SourceInfo(
            Path: Path.GetFullPath(path),
            FormatName: report.FormatName,
            CodecName: audio.CodecName,
            SampleRate: audio.SampleRate,
            Channels: audio.Channels,
            ChannelLayout: audio.ChannelLayout is null or "unknown" ? null : audio.ChannelLayout,
            DurationSeconds: audio.Duration ?? report.FormatDuration ?? 0,
            TotalSamples: ExactSamples(audio),
            SampleFormat: audio.SampleFormat,
            BitsPerRawSample: SampleBits.Resolve(audio.SampleFormat, audio.BitsPerRawSample, audio.BitsPerSample, audio.CodecName),
            IsFloat: SampleBits.IsFloatFormat(audio.SampleFormat),
            StartTime: start?.Time,
            SizeBytes: file.Length)
        {
            StartTimeSource = start?.Source,
        };
    }

    /// <summary>Counts samples per channel by decoding the whole first audio stream (bounded memory).</summary>
    public static async Task<long> CountSamplesAsync(string path, CancellationToken ct)
    {
        await using var pcm = await PcmDecoder.OpenAsync(path, PcmSampleFormat.F32, ct).ConfigureAwait(false);
        var buffer = new float[4096 * pcm.Channels];
        long total = 0;
        int frames;
        while ((frames = await pcm.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            total += frames;
        }
        return total;
    }

    private static async Task<FfprobeReport> RunFfprobeAsync(string path, string name, CancellationToken ct)
    {
        string[] arguments = ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", FileUrl.For(path)];
        using var process = ChildProcess.Start(MediaTools.Ffprobe, arguments, redirectInput: false);
        var stderr = new StderrTail(process);
        try
        {
            using var output = new MemoryStream();
            await process.StandardOutput.BaseStream.CopyToAsync(output, ct).ConfigureAwait(false);
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
            await stderr.Completion.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new UnsupportedMediaException($"{name}: unreadable ({stderr.LastLine ?? $"ffprobe exit {process.ExitCode}"})");
            }
            try
            {
                return FfprobeReport.Parse(output.GetBuffer().AsSpan(0, (int)output.Length));
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new UnsupportedMediaException($"{name}: unreadable (ffprobe report: {e.Message})");
            }
        }
        finally
        {
            await ChildProcess.EndAsync(process).ConfigureAwait(false);
        }
    }

    private static long? ExactSamples(FfprobeStream audio)
    {
        bool lossless = audio.CodecName.StartsWith("pcm_", StringComparison.Ordinal) || LosslessCodecs.Contains(audio.CodecName);
        bool sampleTimeBase = audio.TimeBase == string.Create(CultureInfo.InvariantCulture, $"1/{audio.SampleRate}");
        return lossless && sampleTimeBase && audio.DurationTs is > 0 ? audio.DurationTs : null;
    }

    private static (DateTimeOffset Time, string Source)? FindStartTime(string path, FfprobeReport report, FfprobeStream audio)
    {
        string? Tag(string key) =>
            report.FormatTags.TryGetValue(key, out var v) ? v : audio.Tags.TryGetValue(key, out var s) ? s : null;

        // ffmpeg's WAV demuxer reports bext origination_date as "date" and origination_time as a bare-time
        // "creation_time"; newer builds or other tools may use the bext names themselves.
        string? creation = Tag("creation_time");
        string? bextTime = Tag("origination_time")
            ?? (creation is not null && StartTimeParsers.BareTime().IsMatch(creation.Trim()) ? creation : null);
        if (StartTimeParsers.FromBext(Tag("origination_date") ?? Tag("date"), bextTime) is { } bext)
        {
            return (bext, "bext");
        }
        if (StartTimeParsers.FromIso8601(creation) is { } created)
        {
            return (created, "creation_time");
        }
        if (StartTimeParsers.FromAudioMothComment(Tag("comment")) is { } moth)
        {
            return (moth, "audiomoth");
        }
        if (report.FormatName.Contains("wav", StringComparison.Ordinal)
            && StartTimeParsers.FromGuano(RiffChunks.ReadText(path, "guan")) is { } guano)
        {
            return (guano, "guano");
        }
        return null;
    }
}
