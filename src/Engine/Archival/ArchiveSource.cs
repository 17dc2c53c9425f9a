namespace Hark.Engine.Archival;

/// <summary>
/// Something to archive: a file or a stored recording, with the format of its integer samples and a way to read any
/// stretch of them. Each chunk opens its own reader, so workers archive chunks of one source side by side.
/// </summary>
public abstract class ArchiveSource
{
    /// <summary>What the manifest calls it: the file's full path, or "recording:ID".</summary>
    public required string SourceFile { get; init; }

    /// <summary>The stem of its TIFFs' names and what <c>reconstruct --source</c> matches.</summary>
    public required string Name { get; init; }

    public required int SampleRate { get; init; }
    public required int Channels { get; init; }
    public required int BitsPerSample { get; init; }
    public required long TotalFrames { get; init; }

    /// <summary>The source file's size in bytes (the original's, for a recording that knows it).</summary>
    public long? SizeBytes { get; init; }

    /// <summary>The codec whose decoded samples are archived when they are not the source's own integers; null when exact.</summary>
    public string? DecodedFrom { get; init; }

    public string? RecordingId { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    /// <summary>SHA-256 of the source file, computed once (a stored recording gives its source's, if it kept it).</summary>
    public abstract Task<string?> Sha256Async(CancellationToken ct);

    /// <summary>Opens frames [start, end).</summary>
    public abstract Task<IFrameReader> OpenAsync(long start, long end, CancellationToken ct);
}
