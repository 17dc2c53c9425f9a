using System.Text.Json.Serialization;

namespace Hark.Contracts;

/// <summary>
/// What the archive knows about one recording, stored as snake_case JSON under "hark" in the recording group's
/// attributes (see docs/archive-format.md). Immutable: change it with <c>with</c>.
/// </summary>
public sealed record RecordingMetadata
{
    public required string Id { get; init; }

    public required AudioCodec Codec { get; init; }

    public required int SampleRate { get; init; }

    public required int Channels { get; init; }

    /// <summary>The source's own rate when the import resampled it (Opus is always 48 kHz); absent when stored at the source rate.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SourceSampleRate { get; init; }

    /// <summary>Bits per sample of the source (LAC); null for the lossy codecs.</summary>
    public int? BitDepth { get; init; }

    /// <summary>Target bit rate in bit/s (AAC, Opus); null for LAC.</summary>
    public int? Bitrate { get; init; }

    /// <summary>The AAC AudioSpecificConfig as lowercase hex (e.g. "1210"); null for LAC.</summary>
    public string? AudioSpecificConfig { get; init; }

    /// <summary>Samples the encoder put before the first source sample (1024 for ffmpeg's AAC encoder, the pre-skip of 312 for libopus).</summary>
    public int PrimingSamples { get; init; }

    /// <summary>The exact length of the source in samples per channel.</summary>
    public long TotalSamples { get; init; }

    /// <summary>
    /// The length the source's header stated, when the source ended early (a cut-short WAV data chunk); absent otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? DeclaredSamples { get; init; }

    /// <summary>How many samples short of <see cref="DeclaredSamples"/> the source was: what is there was imported.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ShortfallSamples { get; init; }

    public int SamplesPerFrame { get; init; } = 1024;

    public long FrameCount { get; init; }

    /// <summary>Bytes of encoded audio the archive holds for it (its audio array's length); written at commit, absent before.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? StoredBytes { get; init; }

    /// <summary>Wall-clock time of the first source sample, when the source says.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>The station (recorder, site, channel) the recording belongs to: what station queries and exports group by.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Station { get; init; }

    public string? SourceName { get; init; }

    public long? SourceSize { get; init; }

    /// <summary>SHA-256 of the source file as lowercase hex.</summary>
    public string? SourceSha256 { get; init; }

    /// <summary>The source's packets were stored as they are (no decode, no re-encode): <c>--codec copy</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Passthrough { get; init; }

    /// <summary>Encoder name and version, e.g. "ffmpeg aac 7.1".</summary>
    public string? Encoder { get; init; }

    public RecordingPhase State { get; init; } = RecordingPhase.Importing;

    public string? FailureReason { get; init; }

    public DateTimeOffset Created { get; init; }

    public DateTimeOffset? Completed { get; init; }

    /// <summary>Seconds of source audio.</summary>
    [JsonIgnore]
    public double DurationSeconds => SampleRate > 0 ? (double)TotalSamples / SampleRate : 0;

    /// <summary>The same samples as PCM at the source's depth (16-bit when unknown): what compression is measured against.</summary>
    [JsonIgnore]
    public long PcmBytes => TotalSamples * Channels * (((BitDepth ?? 16) + 7) / 8);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that makes no sense.</summary>
    public void Validate()
    {
        RecordingId.Validate(Id);
        Check(AudioCodecs.IsDefined(Codec), $"codec {(int)Codec} is not one of {AudioCodecs.NameList}");
        Check(State != RecordingPhase.Unknown, "state must be importing, complete or failed");
        Check(SampleRate is > 0 and <= 1_536_000, $"sample_rate {SampleRate} out of range");
        Check(SourceSampleRate is null or (> 0 and <= 1_536_000), $"source_sample_rate {SourceSampleRate} out of range");
        Check(Channels is > 0 and <= 255, $"channels {Channels} out of range");
        Check(SamplesPerFrame is > 0 and <= 1 << 20, $"samples_per_frame {SamplesPerFrame} out of range");
        Check(PrimingSamples >= 0, $"priming_samples {PrimingSamples} is negative");
        Check(TotalSamples >= 0, $"total_samples {TotalSamples} is negative");
        Check(ShortfallSamples is null or > 0, $"shortfall_samples {ShortfallSamples} must be positive");
        Check(StoredBytes is null or >= 0, $"stored_bytes {StoredBytes} is negative");
        Check(FrameCount is >= 0 and <= int.MaxValue, $"frame_count {FrameCount} out of range");
        Check(Station is null || StationName.IsValid(Station), $"station {StationName.Rule}");
        Check(BitDepth is null or (> 0 and <= 32), $"bit_depth {BitDepth} out of range");
        Check(Bitrate is null or > 0, $"bitrate {Bitrate} out of range");
        Check(AudioSpecificConfig is null || (AudioSpecificConfig.Length % 2 == 0 && AudioSpecificConfig.All(Uri.IsHexDigit)),
            "audio_specific_config must be a hex string");
    }

    private void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"recording {Id}: {message}");
        }
    }
}
