using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hark.Codec.Lac;

/// <summary>
/// Decodes one LAC frame (one channel). Every check of spec section 6 is made; a rejected frame writes no samples
/// (the part of the output already filled with residuals is cleared) and leaves no state behind: the decoder is
/// stateless, so the next frame decodes on its own (section 6).
/// </summary>
/// <remarks>
/// Work is bounded by the input: the unary scan stops at the buffer end or at the spec's run cap, and the only
/// memory touched is the caller's output span, so no input can make the decoder hang or allocate.
/// </remarks>
public static class LacFrameDecoder
{
    /// <summary>
    /// Decodes the frame at the start of <paramref name="frame"/> into <paramref name="samples"/>, which must hold the
    /// frame's frame_sample_count (65535 always suffices). Returns the rejection class, or None with the sample count
    /// and the frame's byte length (header + Rice bitstream with its padding).
    /// </summary>
    public static LacRejection TryDecode(ReadOnlySpan<byte> frame, Span<int> samples, out int sampleCount, out int bytesConsumed)
    {
        sampleCount = 0;
        bytesConsumed = 0;
        var rejection = LacFrameHeader.ReadFixedFields(frame, out int order, out int partitionOrder, out int shift, out int count);
        if (rejection != LacRejection.None)
        {
            return rejection;
        }
        if (samples.Length < count)
        {
            throw new ArgumentException($"The output holds {samples.Length} samples; this frame has {count}.", nameof(samples));
        }
        var output = samples.Slice(0, count);
        int headerLength = LacFrameHeader.FixedLength + 2 * order;
        var reader = new LacBitReader(frame.Slice(headerLength));
        rejection = ReadResiduals(ref reader, output, partitionOrder);
        if (rejection != LacRejection.None)
        {
            output.Clear();
            return rejection;
        }
        if (order > 0)
        {
            Span<long> coefficients = stackalloc long[order];
            for (int j = 0; j < order; j++)
            {
                coefficients[j] = BinaryPrimitives.ReadInt16BigEndian(frame.Slice(LacFrameHeader.FixedLength + 2 * j));
            }
            Synthesize(output, coefficients, 15 - shift);
        }
        sampleCount = count;
        bytesConsumed = headerLength + reader.BytesConsumed;
        return LacRejection.None;
    }

    /// <summary>Decodes one frame; throws <see cref="LacFormatException"/> on any rejection. Returns the sample count.</summary>
    public static int Decode(ReadOnlySpan<byte> frame, Span<int> samples, out int bytesConsumed)
    {
        var rejection = TryDecode(frame, samples, out int count, out bytesConsumed);
        return rejection == LacRejection.None ? count : throw new LacFormatException(rejection);
    }

    public static int Decode(ReadOnlySpan<byte> frame, Span<int> samples) => Decode(frame, samples, out _);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static LacRejection ReadResiduals(ref LacBitReader reader, Span<int> residuals, int partitionOrder)
    {
        int partitionLength = residuals.Length >> partitionOrder;
        int partitions = 1 << partitionOrder;
        ref int output = ref MemoryMarshal.GetReference(residuals);
        int index = 0;
        for (int p = 0; p < partitions; p++)
        {
            if (!reader.TryReadBits(5, out uint k))
            {
                return LacRejection.Truncated;
            }
            if (k > 23)
            {
                return LacRejection.RiceParameterOutOfRange;
            }
            uint cap = uint.MaxValue >> (int)k;
            int end = index + partitionLength;
            for (; index < end; index++)
            {
                var rice = reader.ReadRice((int)k, cap, out uint z);
                if (rice != LacRejection.None)
                {
                    return rice;
                }
                Unsafe.Add(ref output, index) = (int)(z >> 1) ^ -(int)(z & 1);
            }
        }
        return LacRejection.None;
    }

    private const int WideOrder = 12;
    private const int RecentTaps = 4;

    /// <summary>
    /// The same synthesis for high orders: the four newest taps in i64 as above, the older ones four at a time in
    /// doubles kept beside the output. That is exact, not approximate: every product is below 2^46 (|c| &lt;= 2^15,
    /// |sample| &lt;= 2^31, whatever the input) and a sum of at most 28 of them below 2^51, integers a double holds
    /// exactly; the combined i64 sum is then rounded, shifted and wrapped as the spec says. The newest taps stay
    /// scalar so no vector load reads a value stored in the last few iterations (a store-forwarding stall).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SynthesizeWide(Span<int> samples, ReadOnlySpan<long> coefficients, int s)
    {
        int n = samples.Length;
        int order = coefficients.Length;
        long bias = 1L << (s - 1);
        int tail = order - RecentTaps;
        int padded = (tail + 3) & ~3;
        int start = RecentTaps + padded;
        // cv holds the tail taps oldest first: lane m multiplies sample[i - start + m], tap j = start - 1 - m.
        Span<double> cv = stackalloc double[padded];
        for (int m = 0; m < padded; m++)
        {
            int j = start - 1 - m;
            cv[m] = j < order ? coefficients[j] : 0;
        }
        var history = System.Buffers.ArrayPool<double>.Shared.Rent(n);
        try
        {
            // the first samples (warm-up and those without a full vector window) go through the plain loop.
            Synthesize(samples.Slice(0, start), coefficients, s, allowWide: false);
            for (int i = 0; i < start; i++)
            {
                history[i] = samples[i];
            }
            ref int x = ref MemoryMarshal.GetReference(samples);
            ref double h = ref MemoryArrayReference(history);
            ref double c = ref MemoryMarshal.GetReference(cv);
            long c0 = coefficients[0], c1 = coefficients[1], c2 = coefficients[2], c3 = coefficients[3];
            int vectors = padded / 4;
            for (int i = start; i < n; i++)
            {
                long near = c0 * Unsafe.Add(ref x, i - 1) + c1 * Unsafe.Add(ref x, i - 2)
                    + c2 * Unsafe.Add(ref x, i - 3) + c3 * Unsafe.Add(ref x, i - 4);
                ref double window = ref Unsafe.Add(ref h, i - start);
                var a0 = Vector256<double>.Zero;
                var a1 = Vector256<double>.Zero;
                int v = 0;
                for (; v + 1 < vectors; v += 2)
                {
                    a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, (nuint)(4 * v)), Vector256.LoadUnsafe(ref window, (nuint)(4 * v)), a0);
                    a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, (nuint)(4 * v + 4)), Vector256.LoadUnsafe(ref window, (nuint)(4 * v + 4)), a1);
                }
                if (v < vectors)
                {
                    a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref c, (nuint)(4 * v)), Vector256.LoadUnsafe(ref window, (nuint)(4 * v)), a0);
                }
                long sum = near + (long)Vector256.Sum(a0 + a1);
                int value = unchecked(Unsafe.Add(ref x, i) + (int)((sum + bias) >> s));
                Unsafe.Add(ref x, i) = value;
                Unsafe.Add(ref h, i) = value;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(history);
        }
    }

    private static ref double MemoryArrayReference(double[] array) => ref MemoryMarshal.GetArrayDataReference(array);

    /// <summary>
    /// The synthesis formula of spec section 3.6, in place over the residuals: an i64 accumulator, round-half-up
    /// bias, arithmetic right shift, and a wrapping i32 add. predict[0] is 0 (warm-up), and samples before the
    /// order use only the predecessors they have.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Synthesize(Span<int> samples, ReadOnlySpan<long> coefficients, int s, bool allowWide = true)
    {
        int order = coefficients.Length;
        if (allowWide && order >= WideOrder && LacSimd.Enabled && samples.Length > 2 * order)
        {
            SynthesizeWide(samples, coefficients, s);
            return;
        }
        long bias = 1L << (s - 1);
        int warmUp = Math.Min(order, samples.Length);
        for (int i = 1; i < warmUp; i++)
        {
            long sum = 0;
            for (int j = 0; j < i; j++)
            {
                sum += coefficients[j] * samples[i - j - 1];
            }
            samples[i] = unchecked(samples[i] + (int)((sum + bias) >> s));
        }
        ref int x = ref MemoryMarshal.GetReference(samples);
        ref long c = ref MemoryMarshal.GetReference(coefficients);
        int blocked = order & ~3;
        for (int i = order; i < samples.Length; i++)
        {
            // previous = sample[i - 1]; sample[i - j - 1] is previous[-j].
            ref int previous = ref Unsafe.Add(ref x, i - 1);
            long s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int j = 0;
            for (; j < blocked; j += 4)
            {
                s0 += Unsafe.Add(ref c, j) * Unsafe.Subtract(ref previous, j);
                s1 += Unsafe.Add(ref c, j + 1) * Unsafe.Subtract(ref previous, j + 1);
                s2 += Unsafe.Add(ref c, j + 2) * Unsafe.Subtract(ref previous, j + 2);
                s3 += Unsafe.Add(ref c, j + 3) * Unsafe.Subtract(ref previous, j + 3);
            }
            for (; j < order; j++)
            {
                s0 += Unsafe.Add(ref c, j) * Unsafe.Subtract(ref previous, j);
            }
            long sum = s0 + s1 + s2 + s3;
            Unsafe.Add(ref x, i) = unchecked(Unsafe.Add(ref x, i) + (int)((sum + bias) >> s));
        }
    }
}
