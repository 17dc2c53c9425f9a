namespace Hark.Codec.Lac;

/// <summary>
/// Encodes one channel's samples as one LAC frame (spec sections 2-5, search per section 7). An instance keeps its
/// work buffers between frames, so encoding allocates nothing per frame; it is not thread-safe (use one per thread).
/// Every frame is independently decodable.
/// </summary>
public sealed class LacFrameEncoder
{
    /// <summary>The input magnitude contract of spec section 1: |sample| &lt;= 2^23 - 1.</summary>
    public const int MaxSampleMagnitude = (1 << 23) - 1;

    private static readonly int[] Grid = [2, 4, 6, 8, 10, 12, 16, 20, 24, 28, 32];

    /// <summary>Spec section 7's FIXED_PREDICTORS: [1], [2,-1], [3,-3,1], [4,-6,4,-1] at their smallest shifts.</summary>
    private static readonly (short[] Coefficients, int Shift)[] FixedPredictors =
    [
        ([16384], 1),
        ([16384, -8192], 2),
        ([24576, -24576, 8192], 2),
        ([16384, -24576, 16384, -4096], 3),
    ];

    private readonly LacEncoderOptions _options;
    private double[] _signal = [];
    private double[] _windowed = [];
    private double[] _window = [];
    private double[] _sharpWindow = [];
    private int[] _residual = [];
    private int[] _bestResidual = [];
    private uint[] _zigzag = [];
    private uint[] _bestZigzag = [];
    private readonly double[] _autocorrelation = new double[LacFrameHeader.MaxPredictionOrder + 1];
    private readonly double[] _lpc = new double[LacFrameHeader.MaxPredictionOrder * LacFrameHeader.MaxPredictionOrder];
    private readonly double[] _errors = new double[LacFrameHeader.MaxPredictionOrder + 1];
    private readonly ulong[] _sums = new ulong[1 << LacFrameHeader.MaxPartitionOrder];
    private readonly short[] _quantized = new short[LacFrameHeader.MaxPredictionOrder];
    private readonly short[] _bestCoefficients = new short[LacFrameHeader.MaxPredictionOrder];
    private readonly int[] _parameters = new int[1 << LacFrameHeader.MaxPartitionOrder];
    private readonly bool[] _tried = new bool[LacFrameHeader.MaxPredictionOrder + 1];

    private ulong _bestBits;
    private int _bestOrder;
    private int _bestShift;
    private int _bestPartitionOrder;

    public LacFrameEncoder(LacEncoderOptions? options = null)
    {
        _options = options ?? LacEncoderOptions.Default;
        _options.Validate();
    }

    public LacEncoderOptions Options => _options;

    /// <summary>
    /// The most bytes a frame of <paramref name="sampleCount"/> in-contract samples can take: a verbatim frame at
    /// k = 23, where every codeword is at most 1 + 1 + 23 bits. The encoder never emits anything larger.
    /// </summary>
    public static int MaxFrameLength(int sampleCount) =>
        LacFrameHeader.FixedLength + (int)((LacRice.ParameterBits + 25L * sampleCount + 7) / 8);

    /// <summary>
    /// Encodes 1-65535 samples (each |s| &lt;= 2^23 - 1) into <paramref name="destination"/> (at least
    /// <see cref="MaxFrameLength"/> bytes); returns the frame's length.
    /// </summary>
    public int Encode(ReadOnlySpan<int> samples, Span<byte> destination)
    {
        int n = samples.Length;
        if (n is < 1 or > LacFrameHeader.MaxFrameSampleCount)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), $"A frame holds 1-65535 samples, not {n}.");
        }
        if (destination.Length < MaxFrameLength(n))
        {
            throw new ArgumentException($"The destination needs {MaxFrameLength(n)} bytes for {n} samples.", nameof(destination));
        }
        EnsureCapacity(n);
        var signal = _signal.AsSpan(0, n);
        bool silent = true;
        for (int i = 0; i < n; i++)
        {
            int x = samples[i];
            if ((uint)(x + MaxSampleMagnitude) > 2u * MaxSampleMagnitude)
            {
                throw new ArgumentOutOfRangeException(nameof(samples),
                    $"Sample {i} is {x}; LAC carries |sample| <= {MaxSampleMagnitude} (spec section 1).");
            }
            silent &= x == 0;
            signal[i] = x;
        }
        int maxPartitionOrder = LacRice.MaxPartitionOrderFor(n, _options.MaxPartitionOrder);
        _bestBits = ulong.MaxValue;
        Array.Clear(_tried);

        // Spec 5.1: an all-zero frame must be verbatim (Levinson-Durbin is undefined at R[0] = 0).
        Try(samples, [], 0, silent ? 0 : maxPartitionOrder);
        if (!silent)
        {
            if (_options.FixedPredictors)
            {
                foreach (var (coefficients, shift) in FixedPredictors)
                {
                    if (coefficients.Length < n)
                    {
                        Try(samples, coefficients, shift, maxPartitionOrder);
                    }
                }
            }
            int maxOrder = Math.Min(_options.MaxPredictionOrder, n - 1);
            if (maxOrder > 0)
            {
                SearchLpc(samples, maxOrder, maxPartitionOrder, _window);
                if (_options.SecondWindow)
                {
                    SearchLpc(samples, maxOrder, maxPartitionOrder, _sharpWindow);
                }
            }
        }
        return Write(destination, n);
    }

    /// <summary>
    /// Estimated bits to code <paramref name="samples"/> with LPC up to order 12, from Levinson-Durbin's prediction
    /// error alone (no residuals): what the block codec compares to choose a stereo mode.
    /// </summary>
    public double EstimateBits(ReadOnlySpan<int> samples)
    {
        int n = samples.Length;
        EnsureCapacity(n);
        var window = _window.AsSpan(0, n);
        var windowed = _windowed.AsSpan(0, n);
        double windowEnergy = 0;
        for (int i = 0; i < n; i++)
        {
            windowed[i] = samples[i] * window[i];
            windowEnergy += window[i] * window[i];
        }
        int maxOrder = Math.Min(Math.Min(12, _options.MaxPredictionOrder), n - 1);
        if (maxOrder < 1)
        {
            return 0;
        }
        LacLpc.Autocorrelation(windowed, _autocorrelation, maxOrder);
        if (!(_autocorrelation[0] > 0))
        {
            return 0;
        }
        _autocorrelation[0] *= 1.0 + 1e-10;
        int computed = LacLpc.LevinsonDurbin(_autocorrelation, maxOrder, _lpc, _errors);
        if (computed == 0)
        {
            return n * RiceBitsPerSample(_autocorrelation[0] / windowEnergy);
        }
        EstimateOrderBits(computed, n, windowEnergy, out int order);
        return n * RiceBitsPerSample(_errors[order] / windowEnergy) + 16.0 * order;
    }

    /// <summary>
    /// Rice bits per residual of a given mean square: a Laplacian residual of RMS sigma has mean zigzag value about
    /// sqrt(2) sigma, and Rice coding costs about log2(1 + mean) + 1 bits (never below the one stop bit).
    /// </summary>
    private static double RiceBitsPerSample(double meanSquare) => Math.Log2(1 + Math.Sqrt(2 * Math.Max(meanSquare, 0))) + 1;

    private void SearchLpc(ReadOnlySpan<int> samples, int maxOrder, int maxPartitionOrder, double[] windowArray)
    {
        int n = samples.Length;
        var signal = _signal.AsSpan(0, n);
        var window = windowArray.AsSpan(0, n);
        var windowed = _windowed.AsSpan(0, n);
        double windowEnergy = 0;
        for (int i = 0; i < n; i++)
        {
            windowed[i] = signal[i] * window[i];
            windowEnergy += window[i] * window[i];
        }
        LacLpc.Autocorrelation(windowed, _autocorrelation, maxOrder);
        if (!(_autocorrelation[0] > 0))
        {
            return;
        }
        // A tiny lift of R[0] keeps the recursion stable on pure tones and other near-singular input.
        _autocorrelation[0] *= 1.0 + 1e-10;
        int computed = LacLpc.LevinsonDurbin(_autocorrelation, maxOrder, _lpc, _errors);
        if (computed == 0)
        {
            return;
        }
        Array.Clear(_tried);
        switch (_options.OrderSearch)
        {
            case LacOrderSearch.Exhaustive:
                for (int order = 1; order <= computed; order++)
                {
                    TryLpc(samples, order, maxOrder, maxPartitionOrder);
                }
                break;
            case LacOrderSearch.Grid:
                int stale = 0;
                foreach (int order in Grid)
                {
                    if (order > computed)
                    {
                        break;
                    }
                    if (TryLpc(samples, order, maxOrder, maxPartitionOrder))
                    {
                        stale = 0;
                    }
                    else if (++stale == 2)
                    {
                        break;
                    }
                }
                break;
            default:
                int estimate = EstimateOrder(computed, n, windowEnergy);
                int from = Math.Max(1, estimate - _options.EstimatedNeighbours);
                int to = Math.Min(computed, estimate + _options.EstimatedNeighbours);
                for (int order = from; order <= to; order++)
                {
                    TryLpc(samples, order, maxOrder, maxPartitionOrder);
                }
                break;
        }
    }

    /// <summary>
    /// The order whose Levinson-Durbin error promises the fewest bits: about half a bit per halving of the error
    /// per residual, against 16 bits per stored coefficient.
    /// </summary>
    private int EstimateOrder(int computed, int n, double windowEnergy)
    {
        EstimateOrderBits(computed, n, windowEnergy, out int best);
        return best;
    }

    private double EstimateOrderBits(int computed, int n, double windowEnergy, out int best)
    {
        double scale = 0.5 / Math.Max(windowEnergy, 1e-9);
        double bestBits = double.MaxValue;
        best = 1;
        for (int order = 1; order <= computed; order++)
        {
            double perSample = Math.Max(0, 0.5 * Math.Log2(Math.Max(_errors[order] * scale, 1e-30)));
            double bits = perSample * (n - order) + 16.0 * order;
            if (bits < bestBits)
            {
                bestBits = bits;
                best = order;
            }
        }
        return bestBits;
    }

    private bool TryLpc(ReadOnlySpan<int> samples, int order, int maxOrder, int maxPartitionOrder)
    {
        var real = _lpc.AsSpan((order - 1) * maxOrder, order);
        var quantized = _quantized.AsSpan(0, order);
        int shift = LacLpc.Quantize(real, quantized);
        return Try(samples, quantized, shift, maxPartitionOrder);
    }

    /// <summary>Computes one candidate's residuals and estimated size; keeps it when it is the smallest so far.</summary>
    private bool Try(ReadOnlySpan<int> samples, ReadOnlySpan<short> coefficients, int shift, int maxPartitionOrder)
    {
        int n = samples.Length;
        var residual = _residual.AsSpan(0, n);
        LacResidual.Compute(samples, _signal.AsSpan(0, n), coefficients, shift, residual);
        LacRice.ZigzagAndSum(residual, _zigzag.AsSpan(0, n), maxPartitionOrder, _sums);
        ulong bits = LacRice.ChoosePartitionOrder(_sums, n, maxPartitionOrder, out int partitionOrder)
            + 8UL * (ulong)(LacFrameHeader.FixedLength + 2 * coefficients.Length);
        if (bits >= _bestBits)
        {
            return false;
        }
        _bestBits = bits;
        _bestOrder = coefficients.Length;
        _bestShift = shift;
        _bestPartitionOrder = partitionOrder;
        coefficients.CopyTo(_bestCoefficients);
        (_residual, _bestResidual) = (_bestResidual, _residual);
        (_zigzag, _bestZigzag) = (_bestZigzag, _zigzag);
        return true;
    }

    private int Write(Span<byte> destination, int n)
    {
        var z = _bestZigzag.AsSpan(0, n);
        int order = _bestOrder;
        int shift = _bestShift;
        int partitionOrder = _bestPartitionOrder;
        ulong bits = ChooseParameters(z, partitionOrder);
        long length = LacFrameHeader.FixedLength + 2 * order + (long)((bits + 7) / 8);
        if (length > MaxFrameLength(n))
        {
            // Only out-of-contract arithmetic (saturated coefficients) gets here: verbatim always fits.
            for (int i = 0; i < n; i++)
            {
                z[i] = LacResidual.Zigzag((int)_signal[i]);
            }
            order = shift = partitionOrder = 0;
            ChooseParameters(z, 0);
        }
        int headerLength = LacFrameHeader.Write(destination, shift, partitionOrder, n, _bestCoefficients.AsSpan(0, order));
        var writer = new LacBitWriter(destination.Slice(headerLength));
        int partitionLength = n >> partitionOrder;
        for (int p = 0; p < 1 << partitionOrder; p++)
        {
            int k = _parameters[p];
            writer.WriteBits((uint)k, LacRice.ParameterBits);
            foreach (var value in z.Slice(p * partitionLength, partitionLength))
            {
                writer.WriteRice(value, k);
            }
        }
        return headerLength + writer.Flush();
    }

    private ulong ChooseParameters(ReadOnlySpan<uint> z, int partitionOrder)
    {
        int length = z.Length >> partitionOrder;
        ulong total = 0;
        for (int p = 0; p < 1 << partitionOrder; p++)
        {
            _parameters[p] = LacRice.BestParameter(z.Slice(p * length, length), out ulong bits);
            total += bits + LacRice.ParameterBits;
        }
        return total;
    }

    private void EnsureCapacity(int n)
    {
        if (_signal.Length >= n && _window.Length == n)
        {
            return;
        }
        if (_signal.Length < n)
        {
            _signal = new double[n];
            _windowed = new double[n];
            _residual = new int[n];
            _bestResidual = new int[n];
            _zigzag = new uint[n];
            _bestZigzag = new uint[n];
        }
        // Windows depend on the frame length; a stream's frames share it, so this runs once per stream in practice.
        _window = new double[n];
        LacLpc.TukeyWindow(_window, 0.5);
        _sharpWindow = new double[n];
        LacLpc.TukeyWindow(_sharpWindow, 0.1);
    }
}
