namespace Hark.Engine.Spectrograms;

/// <summary>
/// An in-place radix-2 complex FFT of one power-of-two size, used on real input: tables of twiddles and bit
/// reversals are made once, so a spectrogram's thousands of windows cost no allocation.
/// </summary>
internal sealed class RealFft
{
    private readonly int _size;
    private readonly int[] _reversed;
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly double[] _re;
    private readonly double[] _im;

    public RealFft(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"FFT size {size} is not a power of two");
        }
        _size = size;
        _reversed = new int[size];
        int bits = System.Numerics.BitOperations.Log2((uint)size);
        for (int i = 0; i < size; i++)
        {
            _reversed[i] = (int)(ReverseBits((uint)i) >> (32 - bits));
        }
        _cos = new double[size / 2];
        _sin = new double[size / 2];
        for (int i = 0; i < size / 2; i++)
        {
            _cos[i] = Math.Cos(2 * Math.PI * i / size);
            _sin[i] = -Math.Sin(2 * Math.PI * i / size);
        }
        _re = new double[size];
        _im = new double[size];
    }

    public int Size => _size;

    /// <summary>Writes |X[k]|² for k = 0..size/2 of the real signal <paramref name="input"/> (size samples).</summary>
    public void PowerSpectrum(ReadOnlySpan<double> input, Span<double> power)
    {
        for (int i = 0; i < _size; i++)
        {
            _re[_reversed[i]] = input[i];
            _im[i] = 0;
        }
        for (int length = 2; length <= _size; length <<= 1)
        {
            int half = length / 2;
            int step = _size / length;
            for (int start = 0; start < _size; start += length)
            {
                for (int k = 0; k < half; k++)
                {
                    double wr = _cos[k * step], wi = _sin[k * step];
                    int a = start + k, b = a + half;
                    double tr = _re[b] * wr - _im[b] * wi;
                    double ti = _re[b] * wi + _im[b] * wr;
                    _re[b] = _re[a] - tr;
                    _im[b] = _im[a] - ti;
                    _re[a] += tr;
                    _im[a] += ti;
                }
            }
        }
        for (int k = 0; k <= _size / 2; k++)
        {
            power[k] = _re[k] * _re[k] + _im[k] * _im[k];
        }
    }

    private static uint ReverseBits(uint value)
    {
        value = ((value >> 1) & 0x55555555u) | ((value & 0x55555555u) << 1);
        value = ((value >> 2) & 0x33333333u) | ((value & 0x33333333u) << 2);
        value = ((value >> 4) & 0x0F0F0F0Fu) | ((value & 0x0F0F0F0Fu) << 4);
        value = ((value >> 8) & 0x00FF00FFu) | ((value & 0x00FF00FFu) << 8);
        return (value >> 16) | (value << 16);
    }
}
