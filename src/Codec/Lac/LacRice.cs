using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hark.Codec.Lac;

/// <summary>
/// Rice coding of the residuals (spec section 4): partition-order choice, the per-partition parameter k, and the
/// bitstream writer. Costs include the 5-bit k field of every partition.
/// </summary>
internal static class LacRice
{
    public const int MaxParameter = 23;
    public const int ParameterBits = 5;

    /// <summary>The largest partition order legal for a frame of <paramref name="count"/> samples (spec 3.3).</summary>
    public static int MaxPartitionOrderFor(int count, int limit) =>
        Math.Min(limit, Math.Min(LacFrameHeader.MaxPartitionOrder, BitOperations.TrailingZeroCount(count)));

    /// <summary>Zigzags the residuals into <paramref name="z"/> and sums them per partition at <paramref name="partitionOrder"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ZigzagAndSum(ReadOnlySpan<int> residuals, Span<uint> z, int partitionOrder, Span<ulong> sums)
    {
        int partitions = 1 << partitionOrder;
        int length = residuals.Length >> partitionOrder;
        int index = 0;
        bool vectorized = LacSimd.Enabled && (length & 7) == 0;
        ref int r = ref MemoryMarshal.GetReference(residuals);
        ref uint pz = ref MemoryMarshal.GetReference(z);
        for (int p = 0; p < partitions; p++)
        {
            ulong sum = 0;
            int end = index + length;
            if (vectorized)
            {
                var acc = Vector256<ulong>.Zero;
                for (; index < end; index += 8)
                {
                    var value = Vector256.LoadUnsafe(ref r, (nuint)index);
                    var zig = ((value << 1) ^ Vector256.ShiftRightArithmetic(value, 31)).AsUInt32();
                    zig.StoreUnsafe(ref pz, (nuint)index);
                    var (lower, upper) = Vector256.Widen(zig);
                    acc += lower + upper;
                }
                sum = Vector256.Sum(acc);
            }
            else
            {
                for (; index < end; index++)
                {
                    uint value = LacResidual.Zigzag(Unsafe.Add(ref r, index));
                    Unsafe.Add(ref pz, index) = value;
                    sum += value;
                }
            }
            sums[p] = sum;
        }
    }

    /// <summary>
    /// Estimated bits of one partition of <paramref name="n"/> values summing to <paramref name="sum"/> at its best k:
    /// n(1 + k) + sum(z &gt;&gt; k), with sum(z &gt;&gt; k) taken as sum / 2^k - n / 2 (the dropped low bits average half).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong EstimatePartitionBits(ulong sum, int n)
    {
        if (sum <= (ulong)n)
        {
            return (ulong)n + sum + ParameterBits; // k = 0 is exact and best here
        }
        // floor(log2(mean)) without a 64-bit division: within one of it, and k - 1..k + 1 are tried anyway.
        int k = Math.Clamp(BitOperations.Log2(sum) - BitOperations.Log2((uint)n), 0, MaxParameter);
        ulong best = ulong.MaxValue;
        for (int candidate = Math.Max(0, k - 1); candidate <= Math.Min(MaxParameter, k + 1); candidate++)
        {
            ulong bits = (ulong)n * (ulong)(1 + candidate) + EstimateQuotients(sum, n, candidate);
            best = Math.Min(best, bits);
        }
        return best + ParameterBits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EstimateQuotients(ulong sum, int n, int k)
    {
        if (k == 0)
        {
            return sum;
        }
        ulong shifted = sum >> k;
        ulong half = (ulong)n >> 1;
        return shifted > half ? shifted - half : 0;
    }

    /// <summary>
    /// Picks the partition order with the fewest estimated bits, given the sums at the finest order
    /// <paramref name="finestOrder"/> (destroyed: merged in place). Returns the estimated bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong ChoosePartitionOrder(Span<ulong> sums, int count, int finestOrder, out int bestOrder)
    {
        ulong bestBits = ulong.MaxValue;
        bestOrder = 0;
        for (int order = finestOrder; order >= 0; order--)
        {
            int partitions = 1 << order;
            int length = count >> order;
            ulong bits = 0;
            for (int p = 0; p < partitions; p++)
            {
                bits += EstimatePartitionBits(sums[p], length);
            }
            // "<=" prefers the coarser order on a tie: fewer k fields to go wrong, same size.
            if (bits <= bestBits)
            {
                bestBits = bits;
                bestOrder = order;
            }
            if (order > 0)
            {
                for (int p = 0; p < partitions / 2; p++)
                {
                    sums[p] = sums[2 * p] + sums[2 * p + 1];
                }
            }
        }
        return bestBits;
    }

    /// <summary>Exact bits of a partition's codewords at parameter k: n(1 + k) + sum(z &gt;&gt; k).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong ExactBits(ReadOnlySpan<uint> z, int k)
    {
        ulong bits = (ulong)z.Length * (ulong)(1 + k);
        int i = 0;
        if (LacSimd.Enabled && z.Length >= 8)
        {
            ref uint pz = ref MemoryMarshal.GetReference(z);
            var acc = Vector256<ulong>.Zero;
            for (; i <= z.Length - 8; i += 8)
            {
                var (lower, upper) = Vector256.Widen(Vector256.ShiftRightLogical(Vector256.LoadUnsafe(ref pz, (nuint)i), k));
                acc += lower + upper;
            }
            bits += Vector256.Sum(acc);
        }
        for (; i < z.Length; i++)
        {
            bits += z[i] >> k;
        }
        return bits;
    }

    /// <summary>
    /// The exact best k of a partition by convex descent from the mean's log2, the spec's reference tie-breaks
    /// (section 7): toward smaller k on equal cost. Returns k and its exact bits (without the k field).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int BestParameter(ReadOnlySpan<uint> z, out ulong bits)
    {
        ulong sum = 0;
        foreach (var value in z)
        {
            sum += value;
        }
        int k = sum == 0 ? 0 : Math.Min(MaxParameter, BitOperations.Log2(Math.Max(1, sum / (ulong)z.Length)));
        bits = ExactBits(z, k);
        while (k > 0)
        {
            ulong lower = ExactBits(z, k - 1);
            if (lower > bits)
            {
                break;
            }
            bits = lower;
            k--;
        }
        while (k < MaxParameter)
        {
            ulong higher = ExactBits(z, k + 1);
            if (higher >= bits)
            {
                break;
            }
            bits = higher;
            k++;
        }
        return k;
    }

    /// <summary>Exact bits of the whole Rice bitstream (k fields included) at a partition order, each k at its best.</summary>
    public static ulong ExactStreamBits(ReadOnlySpan<uint> z, int partitionOrder)
    {
        int length = z.Length >> partitionOrder;
        ulong total = 0;
        for (int p = 0; p < 1 << partitionOrder; p++)
        {
            BestParameter(z.Slice(p * length, length), out ulong bits);
            total += bits + ParameterBits;
        }
        return total;
    }

    /// <summary>Writes the Rice bitstream: per partition its best k, then the codewords (spec 4.1-4.2).</summary>
    public static void Write(ref LacBitWriter writer, ReadOnlySpan<uint> z, int partitionOrder)
    {
        int length = z.Length >> partitionOrder;
        for (int p = 0; p < 1 << partitionOrder; p++)
        {
            var partition = z.Slice(p * length, length);
            int k = BestParameter(partition, out _);
            writer.WriteBits((uint)k, ParameterBits);
            foreach (var value in partition)
            {
                writer.WriteRice(value, k);
            }
        }
    }
}
