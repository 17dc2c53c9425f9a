namespace Hark.Engine.Import;

/// <summary>
/// How one import is cut into chunks. Written once, to the import's staging, as JSON: every node's workers and the
/// committer read it from there (messages carry only the id, the token and a chunk number), and a resumed import
/// carries on from it.
/// </summary>
public sealed record ImportPlan
{
    public required string Id { get; init; }
    /// <summary>The import's identity (see the archive's ImportToken): its staging lives under it.</summary>
    public required string Token { get; init; }
    public required string SourcePath { get; init; }
    public required string SourceName { get; init; }
    public required long SourceSize { get; init; }
    public required DateTimeOffset SourceModified { get; init; }
    public required AudioCodec Codec { get; init; }
    /// <summary>The source's packets are stored as they are (no decode, no encode): staging copies them straight into
    /// the encoded chunks.</summary>
    public bool Passthrough { get; init; }
    /// <summary>Which audio stream of the source, counted from 0 among its audio streams.</summary>
    public int AudioStream { get; init; }
    public string? Station { get; init; }
    /// <summary>Passthrough: decoded samples before the first played one, as the source's container says.</summary>
    public int PrimingSamples { get; init; }
    /// <summary>Passthrough Opus: decoded samples of the last packet that are padding, as the container marks them.</summary>
    public long EndPaddingSamples { get; init; }
    /// <summary>Passthrough AAC: the source's AudioSpecificConfig as hex, known once staged.</summary>
    public string? AudioSpecificConfig { get; init; }
    /// <summary>Passthrough: who encoded the source (its "encoder" tag), for the recording's encoder field.</summary>
    public string? SourceEncoder { get; init; }
    /// <summary>The rate stored (and staged): the source's, or 48 kHz for Opus.</summary>
    public required int SampleRate { get; init; }
    /// <summary>The source's rate when staging resamples it to <see cref="SampleRate"/>; null otherwise.</summary>
    public int? SourceSampleRate { get; init; }
    public required int Channels { get; init; }
    /// <summary>Integer bit depth of the staged PCM (and of LAC output).</summary>
    public required int BitDepth { get; init; }
    public int? BitRate { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    /// <summary>Samples per channel per chunk; a multiple of the codec's frame length.</summary>
    public required long ChunkSamples { get; init; }
    /// <summary>Exact source length when the probe knows it; the staging pass fixes it otherwise.</summary>
    public long? TotalSamples { get; init; }
    public required int ChunkCount { get; init; }

    /// <summary>The length the source's header states (ffprobe's exact count), kept to tell a source that ends early.</summary>
    public long? DeclaredSamples { get; init; }

    /// <summary>
    /// The length an MP4 edit list gives a lossy source: the decode is cut there (ffmpeg drops the edit's start but
    /// decodes the last frame whole, padding and all). Null when the container does not say.
    /// </summary>
    public long? PlayedSamples { get; init; }

    /// <summary>Staging stops with an error past this many samples: a source may not decode longer than it can justify.</summary>
    public long? StagingLimitSamples { get; init; }

    /// <summary>Samples the source held fewer than <see cref="DeclaredSamples"/> (set once staged; null when none).</summary>
    public long? ShortfallSamples { get; init; }
    /// <summary>AAC lead-in of each chunk's encoder, in frames.</summary>
    public int LeadInFrames { get; init; } = ImportRequest.DefaultLeadInFrames;
    public bool Replace { get; init; }
    /// <summary>True once the whole source is staged: <see cref="TotalSamples"/> and <see cref="ChunkCount"/> are final.</summary>
    public bool Staged { get; init; }
    public string? SourceSha256 { get; init; }
    /// <summary>Where <see cref="StartTime"/> came from: bext, creation_time, audiomoth, guano, file_name, user; null when unknown.</summary>
    public string? StartTimeSource { get; init; }
    /// <summary>The source stores floating point samples (staged as 24-bit integers).</summary>
    public bool SourceIsFloat { get; init; }
    /// <summary>
    /// Byte offset of the first sample when the source is plain little-endian integer PCM at <see cref="BitDepth"/>
    /// (a WAV file): chunk encoders then read their samples from the source in place and nothing is staged. Null
    /// when the source is decoded into staging.
    /// </summary>
    public long? SourcePcmOffset { get; init; }
    public required DateTimeOffset Created { get; init; }

    /// <summary>Seconds of source audio as planned (final once staged).</summary>
    public double SourceSeconds => (double)(TotalSamples ?? ChunkSamples * ChunkCount) / SampleRate;
}
