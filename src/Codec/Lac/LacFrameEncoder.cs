using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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


    /// <summary>Order of the quick fit that ranks stereo modes: higher orders rarely change the ranking.</summary>
    private const int StereoEstimateOrder = 12;

    private readonly LacEncoderOptions _options;
    private double[] _signal = [];
    private double[] _windowed = [];
    private double[] _window = [];
    private double[] _firstHalfWindow = [];
    private double[] _secondHalfWindow = [];
    private int _partialLength;
    private double _windowEnergy;
    private double _partialWindowEnergy;
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        // Spec 5.1: an all-zero frame must be verbatim (Levinson-Durbin is undefined at R[0] = 0).
        Try(samples, [], 0, silent ? 0 : maxPartitionOrder);
        if (!silent)
        {
            if (_options.FixedPredictors)
            {
                // Estimated search: one cheap pass ranks the four integer predictors by mean |residual| and only the
                // best is coded. Grid and exhaustive search try all four, as the spec's reference post-pass does.
                int only = _options.OrderSearch == LacOrderSearch.Estimated ? BestFixedOrder(samples) : 0;
                for (int order = 1; order <= FixedPredictors.Length; order++)
                {
                    var (coefficients, shift) = FixedPredictors[order - 1];
                    if ((only == 0 || only == order) && coefficients.Length < n)
                    {
                        Try(samples, coefficients, shift, maxPartitionOrder);
                    }
                }
            }
            int maxOrder = Math.Min(_options.MaxPredictionOrder, n - 1);
            if (maxOrder > 0)
            {
                SearchLpc(samples, maxOrder, maxPartitionOrder, _window, _options.EstimatedNeighbours);
                if (_options.PartialWindows)
                {
                    SearchLpc(samples, maxOrder, maxPartitionOrder, _firstHalfWindow, 0);
                    SearchLpc(samples, maxOrder, maxPartitionOrder, _secondHalfWindow, 0);
                }
            }
        }
        return Write(destination, n);
    }

    /// <summary>
    /// Estimated bits to code <paramref name="samples"/> with LPC up to order 12, from Levinson-Durbin's prediction
    /// error alone (no residuals): what the block codec compares to choose a stereo mode.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double EstimateBits(ReadOnlySpan<int> samples)
    {
        int n = samples.Length;
        EnsureCapacity(n);
        double windowEnergy = _windowEnergy;
        int maxOrder = Math.Min(Math.Min(StereoEstimateOrder, _options.MaxPredictionOrder), n - 1);
        if (maxOrder < 1)
        {
            return 0;
        }
        LacLpc.Autocorrelation(Windowed(samples, _window), n, _autocorrelation, maxOrder);
        if (!(_autocorrelation[0] > 0))
        {
            return 0;
        }
        _autocorrelation[0] *= 1.0 + 1e-10;
        int computed = LacLpc.LevinsonDurbin(_autocorrelation, maxOrder, _lpc, _errors);
        double lpc = n * RiceBitsPerSample(_autocorrelation[0] / windowEnergy);
        if (computed > 0)
        {
            EstimateOrderBits(computed, n, windowEnergy, maxOrder, out int order);
            lpc = n * RiceBitsPerSample(_errors[order] / windowEnergy) + 16.0 * order;
        }
        return Math.Min(lpc, FixedPredictorBits(samples));
    }

    /// <summary>
    /// Estimated bits with the best of the first three integer predictors, from their mean |residual| (a Laplacian
    /// residual of mean absolute value m costs about log2(1 + 2m) + 1 bits). Signals that the windowed LPC fits
    /// poorly (onsets, steps) are often cheaper this way, and the encoder will try these predictors too.
    /// </summary>
    private static double FixedPredictorBits(ReadOnlySpan<int> x)
    {
        Span<long> sums = stackalloc long[4];
        FixedPredictorSums(x, sums);
        long best = Math.Min(Math.Min(sums[0], sums[1]), Math.Min(sums[2], sums[3]));
        double mean = (double)best / Math.Max(1, x.Length - 4);
        return x.Length * (Math.Log2(1 + 2 * mean) + 1);
    }

    /// <summary>The FLAC-style predictor order (1-4) with the smallest sum of |residual|.</summary>
    private static int BestFixedOrder(ReadOnlySpan<int> x)
    {
        Span<long> sums = stackalloc long[4];
        FixedPredictorSums(x, sums);
        int best = 0;
        for (int order = 1; order < 4; order++)
        {
            if (sums[order] < sums[best])
            {
                best = order;
            }
        }
        return best + 1;
    }

    /// <summary>Sums of |first..fourth difference| from sample 4 on (the fixed predictors' steady-state residuals).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FixedPredictorSums(ReadOnlySpan<int> x, Span<long> sums)
    {
        int n = x.Length;
        long sum1 = 0, sum2 = 0, sum3 = 0, sum4 = 0;
        int i = 4;
        if (LacSimd.Enabled && n >= 16)
        {
            // |x| <= 2^23, so fourth differences (|d4| <= 2^27) fit i32 lanes; sums widen to i64.
            ref int p = ref MemoryMarshal.GetReference(x);
            var acc1 = Vector256<long>.Zero;
            var acc2 = Vector256<long>.Zero;
            var acc3 = Vector256<long>.Zero;
            var acc4 = Vector256<long>.Zero;
            for (; i <= n - 8; i += 8)
            {
                var a = Vector256.LoadUnsafe(ref p, (nuint)i);
                var b = Vector256.LoadUnsafe(ref p, (nuint)(i - 1));
                var c = Vector256.LoadUnsafe(ref p, (nuint)(i - 2));
                var d = Vector256.LoadUnsafe(ref p, (nuint)(i - 3));
                var e = Vector256.LoadUnsafe(ref p, (nuint)(i - 4));
                var ab = a - b;
                var bc = b - c;
                var cd = c - d;
                var de = d - e;
                var d2 = ab - bc;
                var d2b = bc - cd;
                var d3 = d2 - d2b;
                var d4 = d3 - (d2b - (cd - de));
                Accumulate(ref acc1, ab);
                Accumulate(ref acc2, d2);
                Accumulate(ref acc3, d3);
                Accumulate(ref acc4, d4);
            }
            sum1 = Vector256.Sum(acc1);
            sum2 = Vector256.Sum(acc2);
            sum3 = Vector256.Sum(acc3);
            sum4 = Vector256.Sum(acc4);
        }
        for (; i < n; i++)
        {
            long d1 = (long)x[i] - x[i - 1];
            long d1b = (long)x[i - 1] - x[i - 2];
            long d1c = (long)x[i - 2] - x[i - 3];
            long d1d = (long)x[i - 3] - x[i - 4];
            long d2 = d1 - d1b, d2b = d1b - d1c, d2c = d1c - d1d;
            long d3 = d2 - d2b, d3b = d2b - d2c;
            sum1 += Math.Abs(d1);
            sum2 += Math.Abs(d2);
            sum3 += Math.Abs(d3);
            sum4 += Math.Abs(d3 - d3b);
        }
        sums[0] = sum1;
        sums[1] = sum2;
        sums[2] = sum3;
        sums[3] = sum4;
    }

    private static void Accumulate(ref Vector256<long> accumulator, Vector256<int> values)
    {
        var (lower, upper) = Vector256.Widen(Vector256.Abs(values));
        accumulator += lower + upper;
    }

    /// <summary>
    /// Rice bits per residual of a given mean square: a Laplacian residual of RMS sigma has mean zigzag value about
    /// sqrt(2) sigma, and Rice coding costs about log2(1 + mean) + 1 bits (never below the one stop bit).
    /// </summary>
    private static double RiceBitsPerSample(double meanSquare) => Math.Log2(1 + Math.Sqrt(2 * Math.Max(meanSquare, 0))) + 1;

    /// <summary>The samples times the window in the work buffer, followed by the zeros the autocorrelation needs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<double> Windowed(ReadOnlySpan<int> samples, ReadOnlySpan<double> window)
    {
        int n = samples.Length;
        var windowed = _windowed.AsSpan(0, n + LacLpc.Padding);
        int i = 0;
        if (LacSimd.Enabled && Avx.IsSupported)
        {
            // the same products as the scalar loop: int-to-double is exact and a multiply rounds the same either way.
            ref int x = ref MemoryMarshal.GetReference(samples);
            ref double w = ref MemoryMarshal.GetReference(window);
            ref double output = ref MemoryMarshal.GetReference(windowed);
            for (; i <= n - 4; i += 4)
            {
                var values = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref x, (nuint)i));
                (values * Vector256.LoadUnsafe(ref w, (nuint)i)).StoreUnsafe(ref output, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            windowed[i] = samples[i] * window[i];
        }
        windowed.Slice(n).Clear();
        return windowed;
    }

    private static double Energy(ReadOnlySpan<double> window)
    {
        double energy = 0;
        foreach (var w in window)
        {
            energy += w * w;
        }
        return energy;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SearchLpc(ReadOnlySpan<int> samples, int maxOrder, int maxPartitionOrder, double[] windowArray, int neighbours)
    {
        int n = samples.Length;
        // a partial window is zero outside its span: correlate only the span.
        var (start, length) = windowArray == _firstHalfWindow ? (0, _partialLength)
            : windowArray == _secondHalfWindow ? (n - _partialLength, _partialLength) : (0, n);
        double windowEnergy = windowArray == _window ? _windowEnergy : _partialWindowEnergy;
        LacLpc.Autocorrelation(Windowed(samples.Slice(start, length), windowArray.AsSpan(start, length)), length,
            _autocorrelation, maxOrder);
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
                int estimate = EstimateOrder(computed, n, windowEnergy, maxOrder);
                int from = Math.Max(1, estimate - neighbours);
                int to = Math.Min(computed, estimate + neighbours);
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
    private int EstimateOrder(int computed, int n, double windowEnergy, int stride)
    {
        EstimateOrderBits(computed, n, windowEnergy, stride, out int best);
        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Saturates(int order, int stride)
    {
        const double limit = 1 << LacFrameHeader.MaxCoefficientShift;
        foreach (var c in _lpc.AsSpan((order - 1) * stride, order))
        {
            if (!(Math.Abs(c) < limit - 0.001))
            {
                return true;
            }
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double EstimateOrderBits(int computed, int n, double windowEnergy, int stride, out int best)
    {
        double bestBits = double.MaxValue;
        best = 1;
        for (int order = 1; order <= computed; order++)
        {
            if (order > 1 && Saturates(order, stride))
            {
                // past Q10's +-32 the coefficients would be clipped (spec 3.4) and the filter would no longer be the
                // one whose error we are reading: strongly oversampled tonal content hits this at high orders.
                continue;
            }
            double perSample = RiceBitsPerSample(_errors[order] / Math.Max(windowEnergy, 1e-9));
            double bits = perSample * (n - order) + 16.0 * order;
            if (bits < bestBits)
            {
                bestBits = bits;
                best = order;
            }
        }
        return bestBits;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryLpc(ReadOnlySpan<int> samples, int order, int maxOrder, int maxPartitionOrder)
    {
        var real = _lpc.AsSpan((order - 1) * maxOrder, order);
        var quantized = _quantized.AsSpan(0, order);
        int shift = LacLpc.Quantize(real, quantized);
        return Try(samples, quantized, shift, maxPartitionOrder);
    }

    /// <summary>Computes one candidate's residuals and estimated size; keeps it when it is the smallest so far.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            _windowed = new double[n + LacLpc.Padding];
            _residual = new int[n];
            _bestResidual = new int[n];
            _zigzag = new uint[n];
            _bestZigzag = new uint[n];
        }
        // Windows depend on the frame length; a stream's frames share it, so this runs once per stream in practice.
        _window = new double[n];
        LacLpc.TukeyWindow(_window, 0.5);
        // partial windows (FLAC's partial_tukey(2)): a frame whose halves differ, say a note starting mid-frame,
        // is often predicted better by the filter of one half than by one fitted to the whole.
        _firstHalfWindow = new double[n];
        _secondHalfWindow = new double[n];
        int half = n / 2, overlap = n / 8;
        _partialLength = Math.Min(n, half + overlap);
        LacLpc.TukeyWindow(_firstHalfWindow.AsSpan(0, _partialLength), 0.5);
        LacLpc.TukeyWindow(_secondHalfWindow.AsSpan(n - _partialLength), 0.5);
        _windowEnergy = Energy(_window);
        _partialWindowEnergy = Energy(_firstHalfWindow.AsSpan(0, _partialLength));
    }
}
