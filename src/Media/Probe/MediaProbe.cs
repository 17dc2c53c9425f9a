using System.Globalization;
using FFMpegCore;
using Hark.Media.Decode;
using Hark.Media.Errors;
using Hark.Media.Tools;

namespace Hark.Media.Probe;

/// <summary>Describes a source file with ffprobe's report (through FFMpegCore) plus Hark's own start-time readers.</summary>
public static class MediaProbe
{
    private static readonly string[] LosslessCodecs = ["flac", "alac", "wavpack", "tta", "ape", "mlp", "truehd", "shorten", "wmalossless"];

    public static async Task<SourceInfo> ProbeAsync(string path, CancellationToken ct)
    {
        string name = Path.GetFileName(path);
        SourceFile.RequireRegular(path);
        var file = new FileInfo(path);

        var analysis = await FfprobeAnalysis.OfFileAsync(file.FullName, name, ct).ConfigureAwait(false);
        // The first audio stream in file order, as the decoder's "-map 0:a:0" takes it (not FFMpegCore's
        // PrimaryAudioStream, which prefers a stream marked default).
        var audio = analysis.AudioStreams.FirstOrDefault()
            ?? throw new UnsupportedMediaException($"{name}: no audio stream");
        var raw = analysis.Raw.Streams.First(s => s.Index == audio.Index);
        string codec = audio.CodecName ?? "unknown";
        int sampleRate = audio.SampleRateHz ?? 0;
        int channels = audio.Channels ?? 0;
        if (sampleRate <= 0 || channels <= 0)
        {
            throw new UnsupportedMediaException($"{name}: audio stream without sample rate or channel count ({codec})");
        }
        string sampleFormat = FfprobeStreamFields.Text(raw, "sample_fmt") ?? "unknown";
        int? bitsPerRawSample = FfprobeStreamFields.Bits(FfprobeStreamFields.Integer(raw.BitsPerRawSample));
        int? bitsPerSample = FfprobeStreamFields.Bits(raw.BitsPerSample);

        // Both tag sets are case-insensitive in FFMpegCore's view: containers differ (ICMT vs comment, CREATION_TIME).
        var tags = new ProbeTags(analysis.Format.Tags, audio.Tags);
        var start = FindStartTime(path, analysis.Format.FormatName, tags);
        return new SourceInfo(
            Path: file.FullName,
            FormatName: analysis.Format.FormatName ?? "unknown",
            CodecName: codec,
            SampleRate: sampleRate,
            Channels: channels,
            ChannelLayout: audio.ChannelLayout is null or "unknown" ? null : audio.ChannelLayout,
            DurationSeconds: FfprobeStreamFields.Seconds(raw.Duration) ?? FfprobeStreamFields.Seconds(analysis.Raw.Format.Duration) ?? 0,
            TotalSamples: ExactSamples(raw, codec, sampleRate),
            SampleFormat: sampleFormat,
            BitsPerRawSample: SampleBits.Resolve(sampleFormat, bitsPerRawSample, bitsPerSample, codec),
            IsFloat: SampleBits.IsFloatFormat(sampleFormat),
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

    private static long? ExactSamples(FFProbeStream audio, string codec, int sampleRate)
    {
        bool lossless = codec.StartsWith("pcm_", StringComparison.Ordinal) || LosslessCodecs.Contains(codec);
        bool sampleTimeBase = FfprobeStreamFields.Text(audio, "time_base") == string.Create(CultureInfo.InvariantCulture, $"1/{sampleRate}");
        long? durationTs = FfprobeStreamFields.Integer(FfprobeStreamFields.Text(audio, "duration_ts"));
        return lossless && sampleTimeBase && durationTs is > 0 ? durationTs : null;
    }

    private static (DateTimeOffset Time, string Source)? FindStartTime(string path, string? formatName, ProbeTags tags)
    {
        string? Tag(string key) => tags.Find(key);

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
        if (formatName is not null && formatName.Contains("wav", StringComparison.Ordinal)
            && StartTimeParsers.FromGuano(RiffChunks.ReadText(path, "guan")) is { } guano)
        {
            return (guano, "guano");
        }
        return null;
    }
}
