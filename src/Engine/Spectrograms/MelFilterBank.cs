namespace Hark.Engine.Spectrograms;

/// <summary>
/// Triangular filters evenly spaced on the mel scale (HTK: mel = 2595 log10(1 + f / 700)) over the bins of one FFT
/// size, each peaking at 1 (HTK's unnormalised filters: a sine reads its own power in its band, whatever the band's
/// width). A filter narrower than a bin (low bands of a small FFT) takes the power at its centre frequency by linear
/// interpolation instead, so no band is empty.
/// </summary>
public sealed class MelFilterBank
{
    private readonly (int First, double[] Weights)[] _filters;

    public MelFilterBank(int bands, int fftSize, double sampleRate, double minFrequency, double maxFrequency)
    {
        if (bands < 1 || minFrequency < 0 || maxFrequency <= minFrequency)
        {
            throw new ArgumentOutOfRangeException(nameof(bands), $"{bands} mel bands over {minFrequency}-{maxFrequency} Hz");
        }
        Bands = bands;
        double binHz = sampleRate / fftSize;
        int bins = fftSize / 2 + 1;
        double melLow = ToMel(minFrequency), melHigh = ToMel(maxFrequency);
        Edges = new double[bands + 2];
        for (int i = 0; i < Edges.Length; i++)
        {
            Edges[i] = ToHertz(melLow + (melHigh - melLow) * i / (bands + 1));
        }
        _filters = new (int, double[])[bands];
        for (int band = 0; band < bands; band++)
        {
            double left = Edges[band], centre = Edges[band + 1], right = Edges[band + 2];
            int first = Math.Max(0, (int)Math.Ceiling(left / binHz));
            int last = Math.Min(bins - 1, (int)Math.Floor(right / binHz));
            var weights = new List<double>();
            for (int bin = first; bin <= last; bin++)
            {
                double f = bin * binHz;
                weights.Add(f <= centre ? (f - left) / (centre - left) : (right - f) / (right - centre));
            }
            if (weights.Sum() <= 0)
            {
                // Narrower than a bin: interpolate between the two bins around the centre.
                double position = Math.Min(centre / binHz, bins - 1);
                first = Math.Min((int)position, bins - 2);
                double fraction = position - first;
                _filters[band] = (first, [1 - fraction, fraction]);
            }
            else
            {
                _filters[band] = (first, weights.ToArray());
            }
        }
    }

    public int Bands { get; }

    /// <summary>The bands' edges in Hz: band b spans Edges[b]..Edges[b + 2] and peaks at Edges[b + 1].</summary>
    public double[] Edges { get; }

    public static double ToMel(double hertz) => 2595 * Math.Log10(1 + hertz / 700);

    public static double ToHertz(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);

    /// <summary>Adds each band's weighted power of <paramref name="power"/> (fftSize / 2 + 1 bins) to <paramref name="bands"/>.</summary>
    public void Accumulate(ReadOnlySpan<double> power, Span<double> bands)
    {
        for (int band = 0; band < _filters.Length; band++)
        {
            var (first, weights) = _filters[band];
            double sum = 0;
            for (int i = 0; i < weights.Length; i++)
            {
                sum += weights[i] * power[first + i];
            }
            bands[band] += sum;
        }
    }
}
