using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hark.Codec.Lac;

/// <summary>
/// The encoder's LPC analysis: windowed autocorrelation, Levinson-Durbin to every order at once, and quantisation
/// to the wire's Q(15 - shift) i16 coefficients (spec sections 3.4, 3.6 and 7).
/// </summary>
/// <remarks>
/// The analysis runs in doubles: the wire does not care how coefficients were derived (section 3.6), only that the
/// encoder's residuals come from the quantised values, which <see cref="LacResidual"/> guarantees.
/// </remarks>
internal static class LacLpc
{
    /// <summary>A Tukey window (cosine tapers over <paramref name="taper"/> of the length, flat in between).</summary>
    public static void TukeyWindow(Span<double> window, double taper)
    {
        int n = window.Length;
        window.Fill(1.0);
        if (n < 3 || taper <= 0)
        {
            return;
        }
        int edge = (int)(taper / 2 * n);
        for (int i = 0; i < edge; i++)
        {
            double w = 0.5 - 0.5 * Math.Cos(Math.PI * i / edge);
            window[i] = w;
            window[n - 1 - i] = w;
        }
    }

    /// <summary>Zeros the autocorrelation needs after the signal (it reads up to 1 + 40 values past the end).</summary>
    public const int Padding = 48;

    /// <summary>Lags one pass over the signal computes: five vectors of four, in two chains each (ten accumulators).</summary>
    private const int LagsPerPass = 20;

    /// <summary>
    /// R[lag] = sum x[i] x[i + lag] for lag 0..maxLag (at most 32) over the first <paramref name="n"/> values of
    /// <paramref name="padded"/>, which must be followed by <see cref="Padding"/> zeros.
    /// </summary>
    /// <remarks>
    /// Twenty lags per pass over the signal: each vector lane is one lag, and every lag is summed in two chains, even
    /// and odd i, each in i order with fused multiply-adds, then added. The scalar path sums in exactly that order, so
    /// both give the same bits (the zeros past the end add exact zeros). Two chains of five lag vectors keep the FMA
    /// units busy through their latency; orders up to 19 take one pass, up to 32 two.
    /// </remarks>
    public static void Autocorrelation(ReadOnlySpan<double> padded, int n, Span<double> r, int maxLag)
    {
        if (padded.Length < n + Padding)
        {
            throw new ArgumentException($"The signal needs {Padding} zeros after its {n} values.", nameof(padded));
        }
        if (!LacSimd.Enabled)
        {
            AutocorrelationScalar(padded, n, r, maxLag);
            return;
        }
        Span<double> lags = stackalloc double[40];
        for (int first = 0; first <= maxLag; first += LagsPerPass)
        {
            CorrelateTwenty(padded, n, first, lags);
        }
        lags.Slice(0, maxLag + 1).CopyTo(r);
    }

    private static void AutocorrelationScalar(ReadOnlySpan<double> x, int n, Span<double> r, int maxLag)
    {
        for (int lag = 0; lag <= maxLag; lag++)
        {
            double even = 0, odd = 0;
            for (int i = 0; i < n; i += 2)
            {
                even = Math.FusedMultiplyAdd(x[i], x[i + lag], even);
                odd = Math.FusedMultiplyAdd(x[i + 1], x[i + 1 + lag], odd);
            }
            r[lag] = even + odd;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CorrelateTwenty(ReadOnlySpan<double> x, int n, int lag, Span<double> r)
    {
        ref double p = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), lag);
        ref double q = ref MemoryMarshal.GetReference(x);
        Vector256<double> e0 = default, e1 = default, e2 = default, e3 = default, e4 = default;
        Vector256<double> o0 = default, o1 = default, o2 = default, o3 = default, o4 = default;
        for (int i = 0; i < n; i += 2)
        {
            var a = Vector256.Create(Unsafe.Add(ref q, i));
            ref double at = ref Unsafe.Add(ref p, i);
            e0 = Vector256.FusedMultiplyAdd(a, Vector256.LoadUnsafe(ref at), e0);
            e1 = Vector256.FusedMultiplyAdd(a, Vector256.LoadUnsafe(ref at, 4), e1);
            e2 = Vector256.FusedMultiplyAdd(a, Vector256.LoadUnsafe(ref at, 8), e2);
            e3 = Vector256.FusedMultiplyAdd(a, Vector256.LoadUnsafe(ref at, 12), e3);
            e4 = Vector256.FusedMultiplyAdd(a, Vector256.LoadUnsafe(ref at, 16), e4);
            var b = Vector256.Create(Unsafe.Add(ref q, i + 1));
            o0 = Vector256.FusedMultiplyAdd(b, Vector256.LoadUnsafe(ref at, 1), o0);
            o1 = Vector256.FusedMultiplyAdd(b, Vector256.LoadUnsafe(ref at, 5), o1);
            o2 = Vector256.FusedMultiplyAdd(b, Vector256.LoadUnsafe(ref at, 9), o2);
            o3 = Vector256.FusedMultiplyAdd(b, Vector256.LoadUnsafe(ref at, 13), o3);
            o4 = Vector256.FusedMultiplyAdd(b, Vector256.LoadUnsafe(ref at, 17), o4);
        }
        ref double output = ref Unsafe.Add(ref MemoryMarshal.GetReference(r), lag);
        (e0 + o0).StoreUnsafe(ref output);
        (e1 + o1).StoreUnsafe(ref output, 4);
        (e2 + o2).StoreUnsafe(ref output, 8);
        (e3 + o3).StoreUnsafe(ref output, 12);
        (e4 + o4).StoreUnsafe(ref output, 16);
    }

    /// <summary>
    /// Levinson-Durbin in the predictor convention (x^[n] = +sum c[j] x[n-1-j], what the wire stores).
    /// Row p-1 of <paramref name="coefficients"/> (stride <paramref name="maxOrder"/>) holds the order-p predictor and
    /// <paramref name="errors"/>[p] its prediction error. Returns the highest order computed (lower when the
    /// recursion becomes singular).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int LevinsonDurbin(ReadOnlySpan<double> r, int maxOrder, Span<double> coefficients, Span<double> errors)
    {
        Span<double> a = stackalloc double[maxOrder + 1];
        Span<double> previous = stackalloc double[maxOrder + 1];
        a.Clear();
        double error = r[0];
        errors[0] = error;
        if (error <= 0)
        {
            return 0;
        }
        for (int i = 1; i <= maxOrder; i++)
        {
            double acc = r[i];
            for (int j = 1; j < i; j++)
            {
                acc -= a[j] * r[i - j];
            }
            double k = acc / error;
            a.CopyTo(previous);
            a[i] = k;
            for (int j = 1; j < i; j++)
            {
                a[j] = previous[j] - k * previous[i - j];
            }
            error *= 1 - k * k;
            if (!(error > 0) || double.IsNaN(k))
            {
                return i - 1;
            }
            errors[i] = error;
            var row = coefficients.Slice((i - 1) * maxOrder, i);
            for (int j = 0; j < i; j++)
            {
                row[j] = a[j + 1];
            }
        }
        return maxOrder;
    }

    /// <summary>
    /// Quantises real coefficients to Q(15 - shift) i16 with the smallest shift at which every |c| &lt; 2^shift
    /// (spec section 3.4); past shift 5 each value saturates to the i16 range. Rounding carries its error into the
    /// next coefficient, which keeps the quantised filter closer to the real one than independent rounding.
    /// Returns the shift.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Quantize(ReadOnlySpan<double> real, Span<short> quantized)
    {
        double peak = 0;
        foreach (var c in real)
        {
            peak = Math.Max(peak, Math.Abs(c));
        }
        int shift = 0;
        while (shift < LacFrameHeader.MaxCoefficientShift && !(peak < (1 << shift)))
        {
            shift++;
        }
        double scale = 1 << (15 - shift);
        double carried = 0;
        for (int j = 0; j < real.Length; j++)
        {
            double wanted = real[j] * scale + carried;
            double rounded = Math.Floor(wanted + 0.5);
            rounded = Math.Clamp(rounded, short.MinValue, short.MaxValue);
            quantized[j] = (short)rounded;
            carried = Math.Clamp(wanted - rounded, -1.0, 1.0);
        }
        return shift;
    }
}
