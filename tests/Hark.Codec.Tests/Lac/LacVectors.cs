using Hark.Codec.Lac;

namespace Hark.Codec.Tests.Lac;

/// <summary>One conformance vector: a frame and what a decoder must do with it.</summary>
/// <param name="Kind">"decode" (must decode to <see cref="Samples"/>) or "reject" (must be rejected with <see cref="Rejection"/>).</param>
public sealed record LacVector(string Kind, string Name, byte[] Bytes, int[]? Samples, LacRejection Rejection, string Clause);

/// <summary>
/// Builds the conformance vectors of tests/Hark.Codec.Tests/Lac/vectors from first principles: spec section 10's
/// decode fixtures (encoded by this encoder from the named sample patterns), hand-assembled frames for features an
/// encoder would rarely emit, and at least one minimal frame per rejection class. Deterministic: the committed
/// files must equal what this produces.
/// </summary>
public static class LacVectors
{
    public static IReadOnlyList<LacVector> All()
    {
        var vectors = new List<LacVector>();
        void Encoded(string name, int[] samples, string clause) =>
            vectors.Add(new LacVector("decode", name, Encode(samples), samples, LacRejection.None, clause));
        void Built(string name, byte[] bytes, string clause)
        {
            var (rejection, samples) = ReferenceLacDecoder.Decode(bytes);
            if (rejection != LacRejection.None)
            {
                throw new InvalidOperationException($"decode vector {name} is itself invalid: {rejection}");
            }
            vectors.Add(new LacVector("decode", name, bytes, samples, LacRejection.None, clause));
        }
        void Reject(string name, byte[] bytes, LacRejection rejection, string clause) =>
            vectors.Add(new LacVector("reject", name, bytes, null, rejection, clause));

        // Spec section 10 / 10.1 fixture names, from their described sample patterns.
        Encoded("single_zero", [0], "5.2 single-sample frame, 5.1 all-zero");
        Encoded("single_pos_one", [1], "5.2, 4.2 zigzag of +1");
        Encoded("single_neg_one", [-1], "5.2, 4.2 zigzag of -1");
        Encoded("silence_4", new int[4], "5.1 all-zero frame, partition tie-break");
        Encoded("silence_8", new int[8], "5.1 all-zero frame, partition tie-break");
        Encoded("dc_100_4", [100, 100, 100, 100], "3.6 order-vs-verbatim decision on DC");
        Encoded("alternating_small_4", [3, -3, 3, -3], "3.6 alternating polarity");
        Encoded("single_full_scale_pos", [(1 << 23) - 1], "1 magnitude bound, 4.2 zigzag of the extremum");
        Encoded("single_full_scale_neg", [-((1 << 23) - 1)], "1 magnitude bound, 4.2 zigzag of the extremum");
        Encoded("linear_ramp_8", [0, 10, 20, 30, 40, 50, 60, 70], "7 fixed predictors (polynomial content)");
        Encoded("lfsr_noise_16", Lfsr(16), "3.3/4 partition search on a 16-sample frame");
        Encoded("growing_amplitude_16", Enumerable.Range(0, 16).Select(i => (i % 2 == 0 ? 1 : -1) * i * i * 37).ToArray(), "4.1 per-partition k");
        Encoded("sine_4096_16bit", Enumerable.Range(0, 4096).Select(i => (int)Math.Round(30000 * Math.Sin(i * 0.05))).ToArray(), "3.4-3.6 LPC with shift, 4 Rice partitions");
        Encoded("nyquist_full_scale_64", Enumerable.Range(0, 64).Select(i => i % 2 == 0 ? (1 << 23) - 1 : -((1 << 23) - 1)).ToArray(), "3.4 coefficient near -1, full-scale residuals");

        // Hand-assembled frames: synthesis corner cases (3.6) and Rice corner cases (4).
        Built("round_half_up_negative", Frame(0, 0, 2, [-1], w => { w.K(23); w.Rice(Zig(32769), 23); w.Rice(0, 23); }),
            "3.6 arithmetic shift: sum -32769 -> predict -1 (truncating division would give 0)");
        Built("round_half_tie_positive", Frame(0, 0, 2, [1], w => { w.K(16); w.Rice(Zig(16384), 16); w.Rice(0, 16); }),
            "3.6 bias: +0.5 rounds up to 1");
        Built("round_half_tie_negative", Frame(0, 0, 2, [-1], w => { w.K(16); w.Rice(Zig(16384), 16); w.Rice(0, 16); }),
            "3.6 bias: -0.5 rounds toward +inf to 0");
        Built("warm_up_truncated_terms", Frame(3, 0, 8, [16384, -24576, 16384, -4096], w => { w.K(4); foreach (var r in new[] { 5, 1, -2, 0, 3, 0, 0, -1 }) w.Rice(Zig(r), 4); }),
            "3.6 warm-up: predict[0] = 0, terms = min(i, order)");
        Built("order_exceeds_count", Frame(0, 0, 3, [32767, 32767, 32767, 32767, 32767, 32767], w => { w.K(2); w.Rice(Zig(3), 2); w.Rice(Zig(-2), 2); w.Rice(Zig(1), 2); }),
            "3.6 warm-up covers the whole frame (order 6, 3 samples)");
        var random = new Random(404);
        var wide = Enumerable.Range(0, 32).Select(_ => (short)random.Next(-32768, 32768)).ToArray();
        Built("order_32_shift_5_wide_accumulator", Frame(5, 3, 64, wide, w =>
        {
            for (int p = 0; p < 8; p++) { w.K(23); for (int m = 0; m < 8; m++) w.Rice(Zig(random.Next(-(1 << 23) + 1, 1 << 23)), 23); }
        }), "3.6 i64 accumulator at order 32, Q10 (a 32-bit sum overflows)");
        Built("wrapping_add", Frame(5, 0, 3, [32767], w => { w.K(23); w.Rice(Zig((1 << 23) - 1), 23); w.Rice(Zig((1 << 23) - 1), 23); w.Rice(Zig((1 << 23) - 1), 23); }),
            "3.6 wrapping i32 add, 6.2 out-of-contract output is not rejected");
        Built("partition_order_7_one_sample_each", Frame(0, 7, 128, [], w =>
        {
            for (int p = 0; p < 128; p++) { int k = p % 24; w.K(k); w.Rice(Zig((p - 64) * (1 << Math.Min(k, 16))), k); }
        }), "3.3 128 partitions, 4.1 k = 0..23, 4 bit-contiguous partitions");
        Built("unary_run_at_cap_k23", Frame(0, 0, 1, [], w => { w.K(23); w.Rice(uint.MaxValue, 23); }),
            "4.2 q = 511 = u32::MAX >> 23 is the largest legal run (z = u32::MAX)");
        Built("long_unary_k0", Frame(0, 0, 2, [], w => { w.K(0); w.Rice(1000, 0); w.Rice(1, 0); }),
            "4.2 k = 0: remainder absent, long unary run");
        var padded = Frame(0, 0, 1, [], w => { w.K(0); w.Rice(Zig(2), 0); });
        padded[^1] |= 0x03;
        Built("nonzero_padding_ignored", padded, "4.3 the decoder ignores padding bits");
        Built("trailing_bytes_after_frame", [.. Frame(0, 1, 2, [], w => { w.K(1); w.Rice(1, 1); w.K(2); w.Rice(2, 2); }), 0xFF, 0xEE],
            "4.4 decoding stops after frame_sample_count; what follows is not the frame's");

        // One or more minimal frames per rejection class (section 6).
        Reject("sync_v2", [0x1A, 0xCD, 0, 0, 0, 0, 1, 0x00], LacRejection.SyncWordMismatch, "3.1, 8: a v2 sync word is foreign to v1");
        Reject("sync_foreign", "RIFF\0\0\0\0WAVE"u8.ToArray(), LacRejection.SyncWordMismatch, "3.1");
        Reject("sync_two_bytes", [0xCC, 0x1A], LacRejection.SyncWordMismatch, "3.1, 6.1: sync checked before length");
        Reject("prediction_order_33", [0x1A, 0xCC, 33, 0, 0, 0, 1], LacRejection.PredictionOrderOutOfRange, "3.2");
        Reject("prediction_order_255", [0x1A, 0xCC, 255, 0, 0, 0, 1], LacRejection.PredictionOrderOutOfRange, "3.2");
        Reject("partition_order_8", [0x1A, 0xCC, 0, 8, 0, 1, 0], LacRejection.PartitionOrderOutOfRange, "3.3");
        Reject("coefficient_shift_6", [0x1A, 0xCC, 1, 0, 6, 0, 1, 0x40, 0x00], LacRejection.CoefficientShiftOutOfRange, "3.4");
        Reject("verbatim_with_shift", [0x1A, 0xCC, 0, 0, 1, 0, 1, 0x08], LacRejection.VerbatimWithShift, "3.4");
        Reject("zero_sample_count", [0x1A, 0xCC, 0, 0, 0, 0, 0], LacRejection.ZeroSampleCount, "3.5");
        Reject("count_not_divisible", [0x1A, 0xCC, 0, 1, 0, 0, 3, 0x00], LacRejection.SampleCountNotDivisible, "3.3, 3.5");
        Reject("count_65535_partition_order_1", [0x1A, 0xCC, 0, 1, 0, 0xFF, 0xFF], LacRejection.SampleCountNotDivisible, "3.3, 3.5");
        Reject("truncated_empty", [], LacRejection.Truncated, "6 class 8");
        Reject("truncated_one_byte", [0x1A], LacRejection.Truncated, "6 class 8");
        Reject("truncated_header", [0x1A, 0xCC, 0, 0, 0, 0], LacRejection.Truncated, "6 class 8: header");
        Reject("truncated_coefficients", [0x1A, 0xCC, 2, 0, 0, 0, 1, 0x40, 0x00, 0x20], LacRejection.Truncated, "6 class 8: coefficient array");
        Reject("truncated_missing_k", [0x1A, 0xCC, 0, 0, 0, 0, 1], LacRejection.Truncated, "6 class 8: no k field");
        Reject("truncated_mid_unary", Frame(0, 0, 1, [], w => { w.K(0); w.Zeros(3); }), LacRejection.Truncated, "6 class 8: unary run runs off the end");
        Reject("truncated_mid_remainder", Frame(0, 0, 1, [], w => { w.K(20); w.Bit(1); w.Zeros(2); }), LacRejection.Truncated, "6 class 8: remainder cut");
        Reject("truncated_second_partition", Frame(0, 1, 2, [], w => { w.K(0); w.Rice(0, 0); }), LacRejection.Truncated, "6 class 8: a partition missing");
        Reject("truncated_last_codeword", Frame(0, 0, 16, [], w => { w.K(1); for (int i = 0; i < 15; i++) w.Rice(2, 1); }), LacRejection.Truncated, "4.4, 6 class 8: one codeword short");
        Reject("k_24", Frame(0, 0, 1, [], w => { w.K(24); w.Rice(0, 0); }), LacRejection.RiceParameterOutOfRange, "4.1");
        Reject("k_31", Frame(0, 0, 1, [], w => { w.K(31); }), LacRejection.RiceParameterOutOfRange, "4.1");
        Reject("k_24_second_partition", Frame(0, 1, 2, [], w => { w.K(0); w.Rice(0, 0); w.K(24); w.Rice(0, 0); }), LacRejection.RiceParameterOutOfRange, "4.1 (after a valid partition)");
        Reject("unary_cap_k23", Frame(0, 0, 1, [], w => { w.K(23); w.Zeros(512); w.Bit(1); w.Zeros(23); }), LacRejection.UnaryRunTooLong, "4.2: q = 512 > u32::MAX >> 23");
        Reject("unary_cap_k22", Frame(0, 0, 1, [], w => { w.K(22); w.Zeros(1024); }), LacRejection.UnaryRunTooLong, "4.2: q = 1024 > 1023, rejected before the data ends");
        return vectors;
    }

    private static uint Zig(int r) => (uint)((r << 1) ^ (r >> 31));

    private static int[] Lfsr(int n)
    {
        var x = new int[n];
        uint state = 0xACE1;
        for (int i = 0; i < n; i++)
        {
            uint bit = ((state >> 0) ^ (state >> 2) ^ (state >> 3) ^ (state >> 5)) & 1;
            state = (state >> 1) | (bit << 15);
            x[i] = (int)(state & 0xFFF) - 2048;
        }
        return x;
    }

    private static byte[] Encode(int[] samples)
    {
        var buffer = new byte[LacFrameEncoder.MaxFrameLength(samples.Length)];
        int length = new LacFrameEncoder().Encode(samples, buffer);
        return buffer[..length];
    }

    /// <summary>A frame from raw field values (no validation, so invalid headers can be built too).</summary>
    internal static byte[] Frame(int shift, int partitionOrder, int count, short[] coefficients, Action<Bits> rice)
    {
        int order = coefficients.Length;
        var bytes = new List<byte> { 0x1A, 0xCC, (byte)order, (byte)partitionOrder, (byte)shift, (byte)(count >> 8), (byte)count };
        foreach (var c in coefficients)
        {
            bytes.Add((byte)(c >> 8));
            bytes.Add((byte)c);
        }
        var bits = new Bits();
        rice(bits);
        bytes.AddRange(bits.ToBytes());
        return [.. bytes];
    }

    /// <summary>An MSB-first bit list, independent of the codec's own writer.</summary>
    internal sealed class Bits
    {
        private readonly List<int> _bits = [];
        public void Bit(int b) => _bits.Add(b);
        public void Zeros(int n) { for (int i = 0; i < n; i++) _bits.Add(0); }
        public void Value(uint v, int n) { for (int i = n - 1; i >= 0; i--) _bits.Add((int)(v >> i) & 1); }
        public void K(int k) => Value((uint)k, 5);
        public void Rice(uint z, int k) { Zeros((int)(z >> k)); Bit(1); Value(z & (uint)((1L << k) - 1), k); }
        public byte[] ToBytes()
        {
            var bytes = new byte[(_bits.Count + 7) / 8];
            for (int i = 0; i < _bits.Count; i++)
            {
                bytes[i / 8] |= (byte)(_bits[i] << (7 - i % 8));
            }
            return bytes;
        }
    }
}
