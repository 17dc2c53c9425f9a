using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
                var unary = reader.ReadUnary(cap, out uint q);
                if (unary != LacRejection.None)
                {
                    return unary;
                }
                if (!reader.TryReadBits((int)k, out uint remainder))
                {
                    return LacRejection.Truncated;
                }
                uint z = (q << (int)k) | remainder;
                Unsafe.Add(ref output, index) = (int)(z >> 1) ^ -(int)(z & 1);
            }
        }
        return LacRejection.None;
    }

    /// <summary>
    /// The synthesis formula of spec section 3.6, in place over the residuals: an i64 accumulator, round-half-up
    /// bias, arithmetic right shift, and a wrapping i32 add. predict[0] is 0 (warm-up), and samples before the
    /// order use only the predecessors they have.
    /// </summary>
    internal static void Synthesize(Span<int> samples, ReadOnlySpan<long> coefficients, int s)
    {
        int order = coefficients.Length;
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
