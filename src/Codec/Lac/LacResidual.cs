using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hark.Codec.Lac;

/// <summary>
/// The encoder's side of the synthesis formula (spec section 3.6): residual[i] = sample[i] - predict[i], with
/// predict computed exactly as the decoder will, so the decoder's wrapping add gives the sample back.
/// </summary>
/// <remarks>
/// The main loop runs in doubles, four or eight samples at a time. That is exact, not approximate: every product
/// (|c| &lt; 2^15, |x| &lt; 2^23) and every partial sum (&lt; 2^44 over 32 terms) is an integer below 2^53, so each
/// multiply-add, the bias add, the power-of-two scale and the floor are all without rounding, and floor((sum +
/// bias) / 2^s) equals the spec's arithmetic shift of the i64 accumulator. Warm-up samples and the tail use i64.
/// </remarks>
internal static class LacResidual
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(ReadOnlySpan<int> x, ReadOnlySpan<double> xd, ReadOnlySpan<short> coefficients, int shift,
        Span<int> residuals)
    {
        int n = x.Length;
        int order = coefficients.Length;
        if (order == 0)
        {
            x.CopyTo(residuals);
            return;
        }
        int s = 15 - shift;
        long bias = 1L << (s - 1);
        residuals[0] = x[0];
        int warmUp = Math.Min(order, n);
        for (int i = 1; i < warmUp; i++)
        {
            long sum = 0;
            for (int j = 0; j < i; j++)
            {
                sum += coefficients[j] * (long)x[i - j - 1];
            }
            residuals[i] = unchecked((int)(x[i] - ((sum + bias) >> s)));
        }
        int start = order;
        if (LacSimd.Enabled && n - order >= 8)
        {
            start = ComputeVectorized(xd, coefficients, s, residuals, order);
        }
        for (int i = start; i < n; i++)
        {
            long sum = 0;
            for (int j = 0; j < order; j++)
            {
                sum += coefficients[j] * (long)x[i - j - 1];
            }
            residuals[i] = unchecked((int)(x[i] - ((sum + bias) >> s)));
        }
    }

    /// <summary>Fills residuals from <paramref name="order"/> on, eight at a time; returns the first index not done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ComputeVectorized(ReadOnlySpan<double> xd, ReadOnlySpan<short> coefficients, int s, Span<int> residuals, int order)
    {
        int n = xd.Length;
        Span<double> c = stackalloc double[order];
        for (int j = 0; j < order; j++)
        {
            c[j] = coefficients[j];
        }
        var bias = Vector256.Create((double)(1L << (s - 1)));
        var scale = Vector256.Create(1.0 / (1L << s));
        ref double px = ref MemoryMarshal.GetReference(xd);
        ref double pc = ref MemoryMarshal.GetReference(c);
        ref int pr = ref MemoryMarshal.GetReference(residuals);
        int i = order;
        for (; i <= n - 16; i += 16)
        {
            // four independent multiply-add chains (16 samples) keep both FMA units busy.
            var a0 = Vector256<double>.Zero;
            var a1 = Vector256<double>.Zero;
            var a2 = Vector256<double>.Zero;
            var a3 = Vector256<double>.Zero;
            ref double window = ref Unsafe.Add(ref px, i - 1);
            for (int j = 0; j < order; j++)
            {
                var cj = Vector256.Create(Unsafe.Add(ref pc, j));
                ref double at = ref Unsafe.Subtract(ref window, j);
                a0 = Vector256.FusedMultiplyAdd(cj, Vector256.LoadUnsafe(ref at), a0);
                a1 = Vector256.FusedMultiplyAdd(cj, Vector256.LoadUnsafe(ref at, 4), a1);
                a2 = Vector256.FusedMultiplyAdd(cj, Vector256.LoadUnsafe(ref at, 8), a2);
                a3 = Vector256.FusedMultiplyAdd(cj, Vector256.LoadUnsafe(ref at, 12), a3);
            }
            Store(ref px, ref pr, i, a0, a1, bias, scale);
            Store(ref px, ref pr, i + 8, a2, a3, bias, scale);
        }
        for (; i <= n - 8; i += 8)
        {
            var a0 = Vector256<double>.Zero;
            var a1 = Vector256<double>.Zero;
            ref double window = ref Unsafe.Add(ref px, i - 1);
            for (int j = 0; j < order; j++)
            {
                var cj = Vector256.Create(Unsafe.Add(ref pc, j));
                ref double at = ref Unsafe.Subtract(ref window, j);
                a0 = Vector256.FusedMultiplyAdd(cj, Vector256.LoadUnsafe(ref at), a0);
                a1 = Vector256.FusedMultiplyAdd(cj, Vector256.LoadUnsafe(ref at, 4), a1);
            }
            Store(ref px, ref pr, i, a0, a1, bias, scale);
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref double px, ref int pr, int i, Vector256<double> a0, Vector256<double> a1,
        Vector256<double> bias, Vector256<double> scale)
    {
        var r0 = Vector256.LoadUnsafe(ref px, (nuint)i) - Vector256.Floor((a0 + bias) * scale);
        var r1 = Vector256.LoadUnsafe(ref px, (nuint)(i + 4)) - Vector256.Floor((a1 + bias) * scale);
        // Exact integers below 2^45 in magnitude. Adding 1.5 * 2^52 (exact: the sum stays in [2^52, 2^53), where the
        // spacing is 1) leaves the integer's two's complement in the low mantissa bits, so the low 32 bits of the
        // pattern are the spec's wrapping i32 residual; AVX2 has no double-to-i64 conversion to do it otherwise.
        var magic = Vector256.Create(RoundingMagic);
        Vector256.Narrow((r0 + magic).AsInt64(), (r1 + magic).AsInt64()).StoreUnsafe(ref pr, (nuint)i);
    }

    private const double RoundingMagic = 6755399441055744.0; // 1.5 * 2^52

    /// <summary>Zigzag (spec section 4.2): z = (r &lt;&lt; 1) ^ (r &gt;&gt; 31) as u32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Zigzag(int r) => (uint)((r << 1) ^ (r >> 31));
}
