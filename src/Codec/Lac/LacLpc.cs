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

    /// <summary>R[lag] = sum x[i] x[i + lag] for lag 0..maxLag over the windowed signal.</summary>
    public static void Autocorrelation(ReadOnlySpan<double> x, Span<double> r, int maxLag)
    {
        int n = x.Length;
        for (int lag = 0; lag <= maxLag; lag++)
        {
            r[lag] = lag < n ? Dot(x.Slice(0, n - lag), x.Slice(lag, n - lag)) : 0;
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length;
        int i = 0;
        double sum = 0;
        ref double pa = ref MemoryMarshal.GetReference(a);
        ref double pb = ref MemoryMarshal.GetReference(b);
        if (Vector256.IsHardwareAccelerated && n >= 16)
        {
            // four independent chains keep both FMA units busy despite the 4-cycle latency.
            var s0 = Vector256<double>.Zero;
            var s1 = Vector256<double>.Zero;
            var s2 = Vector256<double>.Zero;
            var s3 = Vector256<double>.Zero;
            for (; i <= n - 16; i += 16)
            {
                s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i), s0);
                s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)(i + 4)), Vector256.LoadUnsafe(ref pb, (nuint)(i + 4)), s1);
                s2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)(i + 8)), Vector256.LoadUnsafe(ref pb, (nuint)(i + 8)), s2);
                s3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)(i + 12)), Vector256.LoadUnsafe(ref pb, (nuint)(i + 12)), s3);
            }
            sum = Vector256.Sum((s0 + s1) + (s2 + s3));
        }
        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref pa, i) * Unsafe.Add(ref pb, i);
        }
        return sum;
    }

    /// <summary>
    /// Levinson-Durbin in the predictor convention (x^[n] = +sum c[j] x[n-1-j], what the wire stores).
    /// Row p-1 of <paramref name="coefficients"/> (stride <paramref name="maxOrder"/>) holds the order-p predictor and
    /// <paramref name="errors"/>[p] its prediction error. Returns the highest order computed (lower when the
    /// recursion becomes singular).
    /// </summary>
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
