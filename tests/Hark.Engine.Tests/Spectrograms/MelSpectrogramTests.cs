using Hark.Engine.Spectrograms;

namespace Hark.Engine.Tests.Spectrograms;

/// <summary>
/// The mel spectrogram against signals whose spectrum is known: a sine's energy sits in the band that contains its
/// frequency, at about 0 dB for full scale; a chirp's peak climbs; chunking of the input changes nothing.
/// </summary>
public sealed class MelSpectrogramTests
{
    private static float[] Sine(double hertz, int rate, long frames, int channels = 1, double amplitude = 1)
    {
        var samples = new float[frames * channels];
        for (long i = 0; i < frames; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                samples[i * channels + c] = (float)(amplitude * Math.Sin(2 * Math.PI * hertz * i / rate));
            }
        }
        return samples;
    }

    private static int PeakBand(SpectrogramLevels levels, int column) =>
        Enumerable.Range(0, levels.Bands).MaxBy(band => levels[column, band]);

    private static void AssertBandHolds(double[] edges, int band, double hertz) =>
        Assert.InRange(hertz, edges[band], edges[band + 2]);

    [Theory]
    [InlineData(8000, 1000.0, 1)]
    [InlineData(44100, 5000.0, 2)]
    [InlineData(384000, 40000.0, 1)]
    public void ASineLandsInItsBandAtFullScale(int rate, double hertz, int channels)
    {
        var settings = new MelSpectrogramSettings(64, 64, rate * 2L, rate);
        var spectrogram = new MelSpectrogram(settings, channels);
        spectrogram.Append(Sine(hertz, rate, settings.Frames, channels));
        var levels = spectrogram.Finish();
        for (int column = 0; column < levels.Columns; column += 9)
        {
            int band = PeakBand(levels, column);
            AssertBandHolds(spectrogram.BandEdges, band, hertz);
            Assert.InRange(levels[column, band], -6f, 3f);
        }
    }

    [Fact]
    public void AChirpsPeakClimbsColumnByColumn()
    {
        const int rate = 16000;
        long frames = rate * 4L;
        var samples = new float[frames];
        double phase = 0;
        for (long i = 0; i < frames; i++)
        {
            double hertz = 200 + 7000.0 * i / frames;
            phase += 2 * Math.PI * hertz / rate;
            samples[i] = (float)(0.5 * Math.Sin(phase));
        }
        var spectrogram = new MelSpectrogram(new MelSpectrogramSettings(40, 80, frames, rate) { FftSize = 1024 }, 1);
        spectrogram.Append(samples);
        var levels = spectrogram.Finish();
        var peaks = Enumerable.Range(0, levels.Columns).Select(c => PeakBand(levels, c)).ToArray();
        for (int c = 1; c < peaks.Length; c++)
        {
            Assert.True(peaks[c] >= peaks[c - 1], $"column {c}: band {peaks[c]} after {peaks[c - 1]}");
        }
        Assert.True(peaks[^1] - peaks[0] > 40);
    }

    [Fact]
    public void HowTheInputIsChunkedChangesNoLevel()
    {
        const int rate = 22050;
        var samples = Sine(3000, rate, 30011, channels: 2, amplitude: 0.3);
        var settings = new MelSpectrogramSettings(256, 32, 30011, rate) { FftSize = 512 };
        SpectrogramLevels Run(int chunk)
        {
            var spectrogram = new MelSpectrogram(settings, 2);
            for (int i = 0; i < samples.Length; i += chunk)
            {
                spectrogram.Append(samples.AsSpan(i, Math.Min(chunk, samples.Length - i)));
            }
            return spectrogram.Finish();
        }
        var whole = Run(samples.Length);
        foreach (var chunk in new[] { 2, 14, 4096 })
        {
            var pieces = Run(chunk);
            for (int c = 0; c < whole.Columns; c++)
            {
                for (int b = 0; b < whole.Bands; b++)
                {
                    Assert.Equal(whole[c, b], pieces[c, b]);
                }
            }
        }
    }

    [Fact]
    public void IntegerSamplesAreScaledByTheirBitDepth()
    {
        const int rate = 8000;
        var floats = Sine(700, rate, 8000, amplitude: 0.5);
        var ints = floats.Select(s => (int)Math.Round(s * (1 << 23))).ToArray();
        var settings = new MelSpectrogramSettings(16, 40, 8000, rate) { FftSize = 256 };
        var fromFloats = new MelSpectrogram(settings, 1);
        fromFloats.Append(floats);
        var fromInts = new MelSpectrogram(settings, 1);
        fromInts.Append(ints, 24);
        var a = fromFloats.Finish();
        var b = fromInts.Finish();
        Assert.Equal(a[5, PeakBand(a, 5)], b[5, PeakBand(b, 5)], 2);
    }

    [Fact]
    public void DecimationKeepsWhatIsBelowTheNewNyquistFrequency()
    {
        const int rate = 96000;
        int decimation = MelSpectrogramSettings.DecimationFor(rate, 8000);
        Assert.Equal(6, decimation);
        var settings = new MelSpectrogramSettings(32, 48, rate, rate) { Decimation = decimation, FftSize = 512 };
        var spectrogram = new MelSpectrogram(settings, 1);
        spectrogram.Append(Sine(2500, rate, rate));
        var levels = spectrogram.Finish();
        Assert.Equal(8000, settings.TopFrequency);
        AssertBandHolds(spectrogram.BandEdges, PeakBand(levels, 10), 2500);
    }

    [Fact]
    public void AnInputShorterThanOneWindowStillFillsEveryColumn()
    {
        var spectrogram = new MelSpectrogram(new MelSpectrogramSettings(8, 16, 100, 8000), 1);
        spectrogram.Append(Sine(1000, 8000, 100));
        var levels = spectrogram.Finish();
        for (int c = 0; c < 8; c++)
        {
            Assert.True(levels[c, PeakBand(levels, c)] > -60);
        }
    }

    [Fact]
    public void TheRenderedImageHasLowFrequenciesAtTheBottom()
    {
        const int rate = 16000;
        var spectrogram = new MelSpectrogram(new MelSpectrogramSettings(20, 64, rate, rate) { FftSize = 1024 }, 1);
        spectrogram.Append(Sine(150, rate, rate));
        var image = spectrogram.Finish().Render(ColorMap.Magma, 80);
        Assert.Equal((20, 64), (image.Width, image.Height));
        static int Brightness(RgbImage image, int y) => image.Row(y)[30] + image.Row(y)[31] + image.Row(y)[32];
        int brightest = Enumerable.Range(0, image.Height).MaxBy(y => Brightness(image, y));
        Assert.True(brightest > image.Height * 3 / 4, $"brightest row {brightest} of {image.Height}");
        Assert.True(Brightness(image, 0) < Brightness(image, brightest));
    }

    [Fact]
    public void BadSettingsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new MelSpectrogram(new MelSpectrogramSettings(0, 10, 100, 8000), 1));
        Assert.Throws<ArgumentException>(() => new MelSpectrogram(new MelSpectrogramSettings(10, 10, 100, 8000) { FftSize = 1000 }, 1));
        Assert.Throws<ArgumentException>(() => new MelSpectrogram(new MelSpectrogramSettings(10, 10, 100, 8000) { MaxFrequency = 6000 }, 1));
    }
}
