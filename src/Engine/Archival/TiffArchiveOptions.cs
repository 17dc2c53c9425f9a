namespace Hark.Engine.Archival;

/// <summary>How <see cref="TiffArchiver"/> archives: chunk length, FLAC level, workers, the preview, BigTIFF's threshold.</summary>
public sealed record TiffArchiveOptions
{
    public const double DefaultChunkHours = 6;

    public required string OutputDirectory { get; init; }
    public double ChunkSeconds { get; init; } = DefaultChunkHours * 3600;
    public int CompressionLevel { get; init; } = 5;
    public int Jobs { get; init; } = Environment.ProcessorCount;
    public bool Resume { get; init; }

    /// <summary>A TIFF whose size may pass this is written as BigTIFF (classic TIFF's offsets end at 4 GiB).</summary>
    public long BigTiffThresholdBytes { get; init; } = uint.MaxValue;

    /// <summary>Bytes per row of page 2, the embedded FLAC.</summary>
    public int FlacRowWidth { get; init; } = 4096;

    public int PreviewWidth { get; init; } = ChunkPreview.DefaultWidth;
    public int PreviewHeight { get; init; } = ChunkPreview.DefaultHeight;

    /// <summary>The preview's top frequency; null for the source's Nyquist frequency. Lower means more decimation.</summary>
    public double? PreviewMaxHertz { get; init; }

    /// <summary>A PEM file with an ECDSA P-256 private key: the manifest is signed with it (manifest.json.sig).</summary>
    public string? SigningKeyPath { get; init; }

    public void Validate()
    {
        if (!(ChunkSeconds > 0) || double.IsInfinity(ChunkSeconds))
        {
            throw new ArchiveRefusedException($"chunk length {ChunkSeconds} s must be positive");
        }
        if (CompressionLevel is < 0 or > 8)
        {
            throw new ArchiveRefusedException($"FLAC compression level {CompressionLevel} is not 0 to 8");
        }
        if (Jobs < 1)
        {
            throw new ArchiveRefusedException($"--jobs {Jobs} must be at least 1");
        }
        if (PreviewWidth is < 1 or > 65535 || PreviewHeight is < 1 or > 4096 || FlacRowWidth is < 1 or > 1 << 20)
        {
            throw new ArchiveRefusedException("preview or row sizes out of range");
        }
    }
}
