using System.Buffers;
using System.Security.Cryptography;
using Hark.Codec.Tiff;
using Hark.Engine.Spectrograms;
using Hark.Media.Flac;

namespace Hark.Engine.Archival;

/// <summary>
/// Writes one chunk's TIFF in one pass over its samples: the FLAC goes straight into page 2's strips as libFLAC
/// produces it (the file is laid out data first, directory last), the preview is computed from the same samples, and
/// the SHA-256 is taken from the written bytes once libFLAC has rewritten STREAMINFO. The file is written as NAME.partial
/// and renamed when complete, so a TIFF under its own name is never half written.
/// </summary>
internal static class ChunkTiffWriter
{
    private const int FramesPerRead = 8192;
    private const int FlacRowsPerStrip = 256;
    private const int PreviewRowsPerStrip = 16;

    public static async Task<ManifestChunk> WriteAsync(ArchiveSource source, ChunkPlan chunk, TiffArchiveOptions options, CancellationToken ct)
    {
        var path = Path.Combine(options.OutputDirectory, chunk.TiffName);
        var partial = path + ".partial";
        long pcmBytes = chunk.SampleCount * source.Channels * ((source.BitsPerSample + 7) / 8);
        long previewBytes = (long)options.PreviewWidth * options.PreviewHeight * 3;
        // FLAC never grows PCM by more than its frame headers (verbatim subframes): a 1/64 margin bounds it.
        long bound = TiffHeader.BigLength + pcmBytes + pcmBytes / 64 + (1 << 20) + options.FlacRowWidth + previewBytes;
        bool big = bound > options.BigTiffThresholdBytes;
        var settings = ChunkPreview.Settings(source.SampleRate, chunk.SampleCount, options.PreviewWidth, options.PreviewHeight, options.PreviewMaxHertz);
        var spectrogram = new MelSpectrogram(settings, source.Channels);
        long flacLength;
        string sha256;
        ManifestChunk result;
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20))
        {
            TiffIfdWriter.WriteHeader(file, big);
            long flacStart = file.Position;
            using (var encoder = new FlacEncoder(file, source.SampleRate, source.Channels, source.BitsPerSample, chunk.SampleCount, options.CompressionLevel))
            {
                await EncodeAsync(source, chunk, encoder, spectrogram, ct);
                flacLength = encoder.Finish();
            }
            long rows = Math.Max(1, (flacLength + options.FlacRowWidth - 1) / options.FlacRowWidth);
            long padding = rows * options.FlacRowWidth - flacLength;
            file.Position = flacStart + flacLength;
            file.Write(new byte[padding]);
            sha256 = await HashAsync(file, flacStart, flacLength, ct);
            long previewStart = file.Position + (file.Position & 1);
            file.Position = previewStart;
            var levels = spectrogram.Finish();
            var image = ChunkPreview.Render(levels, settings);
            file.Write(image.Pixels);
            var description = Describe(source, chunk, flacLength, sha256);
            var preview = description with
            {
                Page = ChunkDescription.PreviewPage,
                Preview = new PreviewDescription(image.Width, image.Height,
                    (double)chunk.StartSample / source.SampleRate, (double)(chunk.StartSample + chunk.SampleCount) / source.SampleRate,
                    settings.MinFrequency, settings.TopFrequency, "mel (HTK)", settings.FftSize, settings.WindowsPerColumn,
                    settings.Decimation, "hann", settings.DynamicRangeDb, Math.Round(levels.Peak, 2), "magma"),
            };
            var embedded = description with
            {
                Page = ChunkDescription.FlacPage,
                Embedded = new EmbeddedDescription("audio/flac", options.FlacRowWidth, rows, flacLength, padding),
            };
            var (previewOffsets, previewCounts) = TiffPage.ContiguousStrips(previewStart, image.RowLength, image.Height, PreviewRowsPerStrip);
            var (flacOffsets, flacCounts) = TiffPage.ContiguousStrips(flacStart, options.FlacRowWidth, rows, FlacRowsPerStrip);
            string software = $"Hark {HarkVersion.Text} ({FlacEncoder.Version})";
            TiffIfdWriter.WritePages(file, 0, big,
            [
                new TiffPage(image.Width, image.Height, 3, TiffPhotometric.Rgb, PreviewRowsPerStrip, previewOffsets, previewCounts,
                    System.Text.Json.JsonSerializer.Serialize(preview, ArchiveJson.Compact)) { Software = software },
                new TiffPage(options.FlacRowWidth, rows, 1, TiffPhotometric.BlackIsZero, FlacRowsPerStrip, flacOffsets, flacCounts,
                    System.Text.Json.JsonSerializer.Serialize(embedded, ArchiveJson.Compact)) { Software = software },
            ]);
            file.Flush(flushToDisk: true);
            result = ManifestChunk.For(source, chunk, sha256, flacLength, file.Length, big);
        }
        File.Move(partial, path, overwrite: true);
        return result;
    }

    /// <summary>The description both pages share; each page adds its own part.</summary>
    internal static ChunkDescription Describe(ArchiveSource source, ChunkPlan chunk, long flacLength, string sha256) => new()
    {
        Page = "",
        Source = source.Name,
        SourceFile = source.SourceFile,
        ChunkIndex = chunk.Index,
        StartSample = chunk.StartSample,
        SampleCount = chunk.SampleCount,
        StartTimeSeconds = (double)chunk.StartSample / source.SampleRate,
        StartTime = source.StartTime?.AddTicks((long)Math.Round(chunk.StartSample * (double)TimeSpan.TicksPerSecond / source.SampleRate)),
        SampleRate = source.SampleRate,
        Channels = source.Channels,
        BitsPerSample = source.BitsPerSample,
        DecodedFrom = source.DecodedFrom,
        FlacSizeBytes = flacLength,
        FlacSha256 = sha256,
    };

    private static async Task EncodeAsync(ArchiveSource source, ChunkPlan chunk, FlacEncoder encoder, MelSpectrogram spectrogram, CancellationToken ct)
    {
        int channels = source.Channels;
        var buffer = ArrayPool<int>.Shared.Rent(FramesPerRead * channels);
        try
        {
            await using var reader = await source.OpenAsync(chunk.StartSample, chunk.StartSample + chunk.SampleCount, ct);
            long left = chunk.SampleCount;
            while (left > 0)
            {
                int frames = await reader.ReadAsync(buffer.AsMemory(0, (int)Math.Min(FramesPerRead, left) * channels), ct);
                if (frames == 0)
                {
                    throw new ArchiveRefusedException($"{source.Name} ended {left} frames before chunk {chunk.Index}'s end; did it change?");
                }
                var samples = buffer.AsSpan(0, frames * channels);
                encoder.Write(samples);
                spectrogram.Append(samples, source.BitsPerSample);
                left -= frames;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
    }

    private static async Task<string> HashAsync(FileStream file, long start, long length, CancellationToken ct)
    {
        long end = file.Position;
        file.Position = start;
        var sha = await FileSha256.OfAsync(new BoundedReadStream(file, length), ct);
        file.Position = end;
        return sha;
    }
}
