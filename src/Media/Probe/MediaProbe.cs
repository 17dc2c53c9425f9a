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

    /// <summary>Describes the first audio stream of <paramref name="path"/>.</summary>
    public static Task<SourceInfo> ProbeAsync(string path, CancellationToken ct) => ProbeAsync(path, 0, ct);

    /// <summary>Describes audio stream <paramref name="audioStream"/> (counted from 0 among the audio streams).</summary>
    public static async Task<SourceInfo> ProbeAsync(string path, int audioStream, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(audioStream);
        string name = Path.GetFileName(path);
        SourceFile.RequireRegular(path);
        var file = new FileInfo(path);

        var analysis = await FfprobeAnalysis.OfFileAsync(file.FullName, name, ct).ConfigureAwait(false);
        // Audio streams in file order, as the decoder's "-map 0:a:N" counts them (not FFMpegCore's
        // PrimaryAudioStream, which prefers a stream marked default).
        int streams = analysis.AudioStreams.Count;
        if (streams == 0)
        {
            throw new UnsupportedMediaException($"{name}: no audio stream");
        }
        if (audioStream >= streams)
        {
            throw new UnsupportedMediaException(
                $"{name} has {streams} audio stream{(streams == 1 ? "" : "s")}; stream {audioStream} does not exist (streams count from 0)");
        }
        var audio = analysis.AudioStreams[audioStream];
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
            AudioStream = audioStream,
            AudioStreamCount = streams,
            Profile = raw.Profile is { Length: > 0 } profile && profile != "unknown" ? profile : null,
            ContainerSamples = SampleCount(raw, sampleRate),
            BitRate = audio.BitRate > 0 ? audio.BitRate : null,
            EncoderTag = tags.Find("encoder"),
            ITunSmpb = tags.Find("iTunSMPB"),
            StationTag = tags.Find("station"),
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
        return lossless ? SampleCount(audio, sampleRate) : null;
    }

    private static long? SampleCount(FFProbeStream audio, int sampleRate)
    {
        bool sampleTimeBase = FfprobeStreamFields.Text(audio, "time_base") == string.Create(CultureInfo.InvariantCulture, $"1/{sampleRate}");
        long? durationTs = FfprobeStreamFields.Integer(FfprobeStreamFields.Text(audio, "duration_ts"));
        return sampleTimeBase && durationTs is > 0 ? durationTs : null;
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
        // Last: the file's own name, as recorders write it (nothing inside the file said).
        if (StartTimeParsers.FromFileName(path) is { } named)
        {
            return (named, "file_name");
        }
        return null;
    }
}
