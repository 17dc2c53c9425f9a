namespace Hark.Engine.Spectrograms;

/// <summary>
/// A mel spectrogram computed as the samples stream by: channels mixed to mono, optionally decimated (box filter,
/// then one sample in <see cref="MelSpectrogramSettings.Decimation"/>), Hann-windowed FFTs at
/// <see cref="MelSpectrogramSettings.WindowsPerColumn"/> evenly spread positions per column, their power summed in
/// mel bands and averaged per column. Memory is the columns x bands grid plus one FFT window, whatever the input's
/// length: a 6-hour chunk and a one-second tile differ only in how far apart the windows are.
/// </summary>
public sealed class MelSpectrogram
{
    private readonly MelSpectrogramSettings _settings;
    private readonly int _channels;
    private readonly RealFft _fft;
    private readonly MelFilterBank _bank;
    private readonly double[] _hann;
    private readonly double[] _ring;
    private readonly double[] _window;
    private readonly double[] _power;
    private readonly double[] _cells;
    private readonly long _decimatedFrames;
    private readonly long _lead;
    private readonly long _windowCount;
    private readonly double _powerScale;
    private double _boxSum;
    private int _boxCount;
    private long _position;
    private long _nextWindow;
    private long _nextStart;

    public MelSpectrogram(MelSpectrogramSettings settings, int channels)
    {
        settings.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        _settings = settings;
        _channels = channels;
        int size = settings.FftSize;
        _fft = new RealFft(size);
        _bank = new MelFilterBank(settings.MelBands, size, settings.DecimatedRate, settings.MinFrequency, settings.TopFrequency);
        _hann = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++)
        {
            _hann[i] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / size);
            sum += _hann[i];
        }
        // A full-scale sine then peaks at 0 dB: |X| = amplitude x sum(w) / 2 at its bin.
        _powerScale = 1 / (sum / 2 * (sum / 2));
        _ring = new double[size];
        _window = new double[size];
        _power = new double[size / 2 + 1];
        _cells = new double[(long)settings.Columns * settings.MelBands];
        _decimatedFrames = (settings.Frames + settings.Decimation - 1) / settings.Decimation;
        _windowCount = (long)settings.Columns * settings.WindowsPerColumn;
        // An input shorter than one window sits in the middle of it, zeros either side: the Hann window's edges
        // would otherwise all but hide it. The ring starts as those leading zeros.
        _lead = Math.Max(0, (size - _decimatedFrames + 1) / 2);
        _position = _lead;
        _nextStart = WindowStart(0);
    }

    public MelSpectrogramSettings Settings => _settings;

    /// <summary>The mel bands' edges in Hz (see <see cref="MelFilterBank.Edges"/>).</summary>
    public double[] BandEdges => _bank.Edges;

    /// <summary>Adds interleaved samples, full scale ±1, in whole frames.</summary>
    public void Append(ReadOnlySpan<float> interleaved)
    {
        for (int i = 0; i + _channels <= interleaved.Length; i += _channels)
        {
            double mono = 0;
            for (int c = 0; c < _channels; c++)
            {
                mono += interleaved[i + c];
            }
            AddFrame(mono / _channels);
        }
    }

    /// <summary>Adds interleaved integer samples of <paramref name="bitsPerSample"/> bits, in whole frames.</summary>
    public void Append(ReadOnlySpan<int> interleaved, int bitsPerSample)
    {
        double scale = 1.0 / (1L << (bitsPerSample - 1)) / _channels;
        for (int i = 0; i + _channels <= interleaved.Length; i += _channels)
        {
            long mono = 0;
            for (int c = 0; c < _channels; c++)
            {
                mono += interleaved[i + c];
            }
            AddFrame(mono * scale);
        }
    }

    /// <summary>
    /// The levels once every frame is in: windows past the end of a short input are zero-padded. Each cell is the mean
    /// power of its column's windows in its band, in dB relative to a full-scale sine.
    /// </summary>
    public SpectrogramLevels Finish()
    {
        if (_boxCount > 0)
        {
            Push(_boxSum / _boxCount);
            _boxSum = 0;
            _boxCount = 0;
        }
        while (_nextWindow < _windowCount)
        {
            Push(0);
        }
        var levels = new float[_cells.Length];
        for (int i = 0; i < levels.Length; i++)
        {
            levels[i] = (float)(10 * Math.Log10(_cells[i] * _powerScale / _settings.WindowsPerColumn + 1e-20));
        }
        return new SpectrogramLevels(_settings.Columns, _settings.MelBands, levels);
    }

    private void AddFrame(double mono)
    {
        if (_settings.Decimation == 1)
        {
            Push(mono);
            return;
        }
        _boxSum += mono;
        if (++_boxCount == _settings.Decimation)
        {
            Push(_boxSum / _boxCount);
            _boxSum = 0;
            _boxCount = 0;
        }
    }

    private void Push(double sample)
    {
        if (_nextWindow >= _windowCount)
        {
            return;
        }
        int size = _ring.Length;
        _ring[(int)(_position % size)] = sample;
        _position++;
        // Window starts never decrease, and a window is taken the moment its last sample arrives, so the ring
        // still holds all of it; several windows may share a start when the input is shorter than the grid.
        while (_nextWindow < _windowCount && _position == _nextStart + size)
        {
            TakeWindow(_nextStart);
            _nextWindow++;
            _nextStart = _nextWindow < _windowCount ? WindowStart(_nextWindow) : long.MaxValue;
        }
    }

    private long WindowStart(long window)
    {
        int perColumn = _settings.WindowsPerColumn;
        long column = window / perColumn;
        double centre = _lead + (column + (window % perColumn + 0.5) / perColumn) * _decimatedFrames / _settings.Columns;
        long start = (long)Math.Round(centre - _ring.Length / 2.0);
        return Math.Clamp(start, 0, Math.Max(0, _decimatedFrames + 2 * _lead - _ring.Length));
    }

    private void TakeWindow(long start)
    {
        int size = _ring.Length;
        for (int i = 0; i < size; i++)
        {
            _window[i] = _ring[(int)((start + i) % size)] * _hann[i];
        }
        _fft.PowerSpectrum(_window, _power);
        long column = _nextWindow / _settings.WindowsPerColumn;
        _bank.Accumulate(_power, _cells.AsSpan((int)(column * _settings.MelBands), _settings.MelBands));
    }
}
