namespace Hark.Engine.Spectrograms;

/// <summary>
/// What a mel spectrogram shows: <see cref="Columns"/> columns by <see cref="MelBands"/> bands over
/// <see cref="Frames"/> frames at <see cref="SampleRate"/>. The same settings draw a 6-hour preview (2048 x 256) and
/// a one-second tile; only the frames per column change.
/// </summary>
/// <param name="Columns">Image width: time columns, each the mean power of <see cref="WindowsPerColumn"/> windows.</param>
/// <param name="MelBands">Image height: mel bands, lowest at the bottom of the image.</param>
/// <param name="Frames">How many frames (samples per channel) the input will have.</param>
/// <param name="SampleRate">The input's rate in Hz.</param>
public sealed record MelSpectrogramSettings(int Columns, int MelBands, long Frames, int SampleRate)
{
    /// <summary>Samples per STFT window (a power of two), of the decimated signal.</summary>
    public int FftSize { get; init; } = 2048;

    /// <summary>Hann windows averaged into one column, spread evenly over the column's stretch of time.</summary>
    public int WindowsPerColumn { get; init; } = 4;

    /// <summary>Keep one in this many samples after a box filter of the same length (1: no decimation).</summary>
    public int Decimation { get; init; } = 1;

    public double MinFrequency { get; init; }

    /// <summary>The top band's upper edge; null for the decimated signal's Nyquist frequency.</summary>
    public double? MaxFrequency { get; init; }

    /// <summary>Levels more than this many dB below the loudest cell are drawn as the floor colour.</summary>
    public double DynamicRangeDb { get; init; } = 80;

    public double DecimatedRate => (double)SampleRate / Decimation;

    public double TopFrequency => MaxFrequency ?? DecimatedRate / 2;

    /// <summary>The decimation that keeps <paramref name="maxFrequency"/> below the decimated Nyquist frequency.</summary>
    public static int DecimationFor(int sampleRate, double maxFrequency) =>
        Math.Max(1, (int)Math.Floor(sampleRate / (2 * maxFrequency)));

    public void Validate()
    {
        if (Columns < 1 || MelBands < 1 || Frames < 0 || SampleRate < 1 || Decimation < 1 || WindowsPerColumn < 1)
        {
            throw new ArgumentException($"a {Columns}x{MelBands} spectrogram of {Frames} frames at {SampleRate} Hz (decimation {Decimation}) cannot be drawn");
        }
        if (FftSize < 16 || (FftSize & (FftSize - 1)) != 0)
        {
            throw new ArgumentException($"FFT size {FftSize} is not a power of two of at least 16");
        }
        if (MinFrequency < 0 || TopFrequency <= MinFrequency || TopFrequency > DecimatedRate / 2 + 1e-9)
        {
            throw new ArgumentException($"bands {MinFrequency}-{TopFrequency} Hz do not fit a {DecimatedRate} Hz signal");
        }
    }
}
