namespace Hark.Engine.Archival;

/// <summary>
/// The JSON in each page's ImageDescription: what the chunk is (source, index, samples, format, the embedded FLAC's
/// size and hash), so a TIFF found alone says what it holds; page 1 adds the preview's axes, page 2 its layout.
/// </summary>
public sealed record ChunkDescription
{
    public string Archive { get; init; } = ArchiveManifest.CurrentFormat;
    public required string Page { get; init; }
    public required string Source { get; init; }
    public required string SourceFile { get; init; }
    public required int ChunkIndex { get; init; }
    public required long StartSample { get; init; }
    public required long SampleCount { get; init; }
    public required double StartTimeSeconds { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public required int SampleRate { get; init; }
    public required int Channels { get; init; }
    public required int BitsPerSample { get; init; }
    public string? DecodedFrom { get; init; }
    public required long FlacSizeBytes { get; init; }
    public required string FlacSha256 { get; init; }
    public PreviewDescription? Preview { get; init; }
    public EmbeddedDescription? Embedded { get; init; }

    public const string PreviewPage = "mel_spectrogram_preview";
    public const string FlacPage = "embedded_flac";
}

/// <summary>The preview's axes and how it was computed.</summary>
public sealed record PreviewDescription(
    int Width,
    int Height,
    double FromSeconds,
    double ToSeconds,
    double BottomHz,
    double TopHz,
    string FrequencyScale,
    int FftSize,
    int WindowsPerColumn,
    int Decimation,
    string Window,
    double DynamicRangeDb,
    double PeakDb,
    string ColorMap);

/// <summary>How page 2 holds the FLAC: rows of <see cref="RowWidth"/> bytes, the last padded with zeros.</summary>
public sealed record EmbeddedDescription(string MediaType, int RowWidth, long Rows, long SizeBytes, long PaddingBytes);
