using System.Buffers;
using Hark.Engine.Spectrograms;

namespace Hark.Engine.Archival;

/// <summary>
/// The mel preview of a stretch of a source, as the archive draws it on each TIFF's first page: one definition of its
/// settings, so the node's preview of a chunk is the picture the chunk's TIFF holds.
/// </summary>
public static class ChunkPreview
{
    public const int DefaultWidth = 2048;
    public const int DefaultHeight = 256;
    private const int FramesPerRead = 8192;

    /// <summary>
    /// Full band up to the Nyquist frequency, or up to <paramref name="maxHertz"/> on a signal decimated to suit it;
    /// eight windows per column.
    /// </summary>
    public static MelSpectrogramSettings Settings(int sampleRate, long frames, int width, int height, double? maxHertz)
    {
        double nyquist = sampleRate / 2.0;
        double top = Math.Min(maxHertz ?? nyquist, nyquist);
        int decimation = maxHertz is null ? 1 : MelSpectrogramSettings.DecimationFor(sampleRate, top);
        return new MelSpectrogramSettings(width, height, frames, sampleRate)
        {
            Decimation = decimation,
            MaxFrequency = Math.Min(top, nyquist / decimation),
            WindowsPerColumn = 8,
        };
    }

    public static RgbImage Render(SpectrogramLevels levels, MelSpectrogramSettings settings) =>
        levels.Render(ColorMap.Magma, settings.DynamicRangeDb);

    /// <summary>Reads frames [start, start + count) of <paramref name="source"/> once and draws them.</summary>
    public static async Task<RgbImage> DrawAsync(ArchiveSource source, long start, long count, int width, int height, double? maxHertz, CancellationToken ct)
    {
        var settings = Settings(source.SampleRate, count, width, height, maxHertz);
        var spectrogram = new MelSpectrogram(settings, source.Channels);
        int channels = source.Channels;
        var buffer = ArrayPool<int>.Shared.Rent(FramesPerRead * channels);
        try
        {
            await using var reader = await source.OpenAsync(start, start + count, ct);
            int frames;
            while ((frames = await reader.ReadAsync(buffer.AsMemory(0, FramesPerRead * channels), ct)) > 0)
            {
                spectrogram.Append(buffer.AsSpan(0, frames * channels), source.BitsPerSample);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
        return Render(spectrogram.Finish(), settings);
    }
}
