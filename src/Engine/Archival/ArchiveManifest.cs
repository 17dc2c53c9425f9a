namespace Hark.Engine.Archival;

/// <summary>
/// DIR/manifest.json: every source archived and each of its chunks' TIFF, with the SHA-256 of the FLAC embedded in
/// it. Nothing in it depends on when or how fast the archive was made, so an interrupted run resumed writes the
/// same manifest as an uninterrupted one.
/// </summary>
public sealed record ArchiveManifest
{
    public const string CurrentFormat = "hark-tiff-archive/1";
    public const string FileName = "manifest.json";
    public const string SignatureFileName = "manifest.json.sig";

    public string Format { get; init; } = CurrentFormat;
    public required string HarkVersion { get; init; }
    public required string FlacEncoder { get; init; }
    public required string InputDir { get; init; }
    public required double ChunkSeconds { get; init; }
    public required IReadOnlyList<ManifestFile> Files { get; init; }
}

/// <summary>One source in the manifest: what it was, its samples' format and length, and its chunks in order.</summary>
public sealed record ManifestFile
{
    public required string SourceFile { get; init; }
    public required string SourceName { get; init; }
    public long? SourceSizeBytes { get; init; }
    public string? SourceSha256 { get; init; }
    public string? RecordingId { get; init; }
    public required int SampleRate { get; init; }
    public required int Channels { get; init; }
    public required int BitsPerSample { get; init; }
    public required long TotalSamples { get; init; }

    /// <summary>True when the archived samples are a decode of a lossy (or float) source, not its own integers.</summary>
    public bool LossySource { get; init; }
    public string? DecodedFrom { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public required IReadOnlyList<ManifestChunk> Chunks { get; init; }
}

/// <summary>One chunk: its TIFF (a name inside DIR), where its samples lie in the source, its embedded FLAC's size and hash.</summary>
public sealed record ManifestChunk
{
    public required string ChunkId { get; init; }
    public required int ChunkIndex { get; init; }
    public required string TiffPath { get; init; }
    public required string FlacSha256 { get; init; }
    public required double StartTimeSeconds { get; init; }
    public required long StartSample { get; init; }
    public required long SampleCount { get; init; }

    /// <summary>Bytes of the embedded FLAC (page 2 holds this many, then zero padding to a whole row).</summary>
    public required long SizeBytes { get; init; }
    public required long TiffSizeBytes { get; init; }
    public required bool BigTiff { get; init; }

    public static ManifestChunk For(ArchiveSource source, ChunkPlan chunk, string flacSha256, long flacBytes, long tiffBytes, bool bigTiff) => new()
    {
        ChunkId = chunk.ChunkId,
        ChunkIndex = chunk.Index,
        TiffPath = chunk.TiffName,
        FlacSha256 = flacSha256,
        StartTimeSeconds = (double)chunk.StartSample / source.SampleRate,
        StartSample = chunk.StartSample,
        SampleCount = chunk.SampleCount,
        SizeBytes = flacBytes,
        TiffSizeBytes = tiffBytes,
        BigTiff = bigTiff,
    };
}
