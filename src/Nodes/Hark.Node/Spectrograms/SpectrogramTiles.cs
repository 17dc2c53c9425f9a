using Hark.Engine.Spectrograms;

namespace Hark.Node.Spectrograms;

/// <summary>
/// Renders spectrogram tiles in process from the segment read path (<see cref="IRecordingService"/>, f32), as PNGs
/// with one colour scale for every tile (0 dB is a full-scale sine, 90 dB below it the floor colour) so neighbouring
/// tiles match. A range no longer than the windows the columns need (<see cref="WindowsPerColumn"/> FFTs a column) is read
/// whole; a longer one is sampled, each column's windows read back to back where the column starts, one read per column
/// group, so a tile of a 72-hour recording costs what a tile of a few minutes does.
/// Encoded tiles are kept in a <see cref="TileCache"/>.
/// </summary>
public sealed class SpectrogramTiles(IRecordingService recordings)
{
    /// <summary>Colour floor below a full-scale sine.</summary>
    public const double DynamicRangeDb = 90;

    /// <summary>Bands above this are left out: little of a field recording's interest lies there, and it saves FFT work.</summary>
    public const double TopFrequency = 12_000;

    /// <summary>At most this many segment reads for a sampled tile.</summary>
    public const int MaxReads = 256;

    public const int FftSize = 2048;
    public const int WindowsPerColumn = 2;

    public TileCache Cache { get; } = new(64L << 20);

    /// <summary>The tile's PNG and whether it came from the cache.</summary>
    public async Task<(byte[] Png, bool Cached)> GetAsync(RecordingMetadata recording, SpectrogramTileQuery query, CancellationToken ct)
    {
        var key = query.Key(recording);
        if (Cache.TryGet(key, out var cached))
        {
            return (cached, true);
        }
        var png = await RenderAsync(recording, query, allowSampling: true, ct);
        Cache.Add(key, png);
        return (png, false);
    }

    /// <summary>Renders without the cache; <paramref name="allowSampling"/> false reads every sample of the range (bench/WebUi compares the two).</summary>
    public async Task<byte[]> RenderAsync(RecordingMetadata recording, SpectrogramTileQuery query, bool allowSampling, CancellationToken ct)
    {
        var (first, count) = query.SamplesOf(recording);
        int decimation = MelSpectrogramSettings.DecimationFor(recording.SampleRate, TopFrequency);
        long sampledFrames = (long)query.Width * WindowsPerColumn * FftSize * decimation;
        bool dense = !allowSampling || count <= sampledFrames;
        long framesFed = dense ? count : sampledFrames;
        var settings = new MelSpectrogramSettings(query.Width, query.Height, framesFed, recording.SampleRate)
        {
            FftSize = FftSize,
            WindowsPerColumn = WindowsPerColumn,
            Decimation = decimation,
            MaxFrequency = Math.Min(TopFrequency, recording.SampleRate / (2.0 * decimation)),
            DynamicRangeDb = DynamicRangeDb,
        };
        var spectrogram = new MelSpectrogram(settings, recording.Channels);
        var sink = new SpectrogramSink(spectrogram, recording.Channels);
        if (dense)
        {
            await recordings.WriteSegmentAsync(recording.Id, first, count, SegmentFormat.F32, sink, ct);
        }
        else
        {
            await ReadSampledAsync(recording, first, count, query.Width, framesFed / query.Width, sink, ct);
        }
        using var png = new MemoryStream();
        spectrogram.Finish().Render(ColorMap.Magma, DynamicRangeDb, ceilingDb: 0).WritePng(png);
        return png.ToArray();
    }

    /// <summary>
    /// Each read starts where its first column starts in the recording and holds that group's columns' windows back
    /// to back, so the spectrogram, told it sees exactly that many frames, puts every column's windows on its own read.
    /// </summary>
    private async Task ReadSampledAsync(RecordingMetadata recording, long first, long count, int columns, long framesPerColumn,
        SpectrogramSink sink, CancellationToken ct)
    {
        int reads = Math.Min(columns, MaxReads);
        for (int r = 0; r < reads; r++)
        {
            int fromColumn = (int)((long)r * columns / reads);
            int toColumn = (int)((long)(r + 1) * columns / reads);
            long at = first + (long)((double)fromColumn / columns * count);
            long want = (toColumn - fromColumn) * framesPerColumn;
            long available = Math.Min(want, recording.TotalSamples - at);
            if (available > 0)
            {
                await recordings.WriteSegmentAsync(recording.Id, at, available, SegmentFormat.F32, sink, ct);
            }
            sink.AppendSilence(want - Math.Max(0, available));
        }
    }
}
