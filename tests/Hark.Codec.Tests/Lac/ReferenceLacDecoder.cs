using System.Numerics;
using Hark.Codec.Lac;

namespace Hark.Codec.Tests.Lac;

/// <summary>
/// A deliberately naive LAC decoder written straight from the spec's text: one bit at a time, BigInteger sums,
/// floor division spelled out, wrap spelled out. Slow and obviously right; the tests hold the real decoder to it.
/// </summary>
internal static class ReferenceLacDecoder
{
    public static (LacRejection Rejection, int[] Samples) Decode(byte[] data)
    {
        int Byte(int i) => i < data.Length ? data[i] : -1;
        if (data.Length < 2) return (LacRejection.Truncated, []);
        if (data[0] != 0x1A || data[1] != 0xCC) return (LacRejection.SyncWordMismatch, []);
        if (Byte(2) < 0) return (LacRejection.Truncated, []);
        int order = data[2];
        if (order > 32) return (LacRejection.PredictionOrderOutOfRange, []);
        if (Byte(3) < 0) return (LacRejection.Truncated, []);
        int partitionOrder = data[3];
        if (partitionOrder > 7) return (LacRejection.PartitionOrderOutOfRange, []);
        if (Byte(4) < 0) return (LacRejection.Truncated, []);
        int shift = data[4];
        if (shift > 5) return (LacRejection.CoefficientShiftOutOfRange, []);
        if (order == 0 && shift != 0) return (LacRejection.VerbatimWithShift, []);
        if (data.Length < 7) return (LacRejection.Truncated, []);
        int count = data[5] << 8 | data[6];
        if (count == 0) return (LacRejection.ZeroSampleCount, []);
        int partitions = 1 << partitionOrder;
        if (count % partitions != 0) return (LacRejection.SampleCountNotDivisible, []);
        if (data.Length < 7 + 2 * order) return (LacRejection.Truncated, []);
        var coefficients = new BigInteger[order];
        for (int j = 0; j < order; j++)
        {
            coefficients[j] = (short)(data[7 + 2 * j] << 8 | data[8 + 2 * j]);
        }
        long bit = (7L + 2 * order) * 8;
        long totalBits = data.Length * 8L;
        int? ReadBit()
        {
            if (bit >= totalBits) return null;
            int value = (data[bit / 8] >> (7 - (int)(bit % 8))) & 1;
            bit++;
            return value;
        }
        var residuals = new int[count];
        int perPartition = count / partitions;
        for (int p = 0; p < partitions; p++)
        {
            uint k = 0;
            for (int b = 0; b < 5; b++)
            {
                var v = ReadBit();
                if (v is null) return (LacRejection.Truncated, []);
                k = k << 1 | (uint)v.Value;
            }
            if (k > 23) return (LacRejection.RiceParameterOutOfRange, []);
            ulong cap = uint.MaxValue >> (int)k;
            for (int m = 0; m < perPartition; m++)
            {
                ulong q = 0;
                while (true)
                {
                    var v = ReadBit();
                    if (v is null) return (LacRejection.Truncated, []);
                    if (v == 1) break;
                    q++;
                    if (q > cap) return (LacRejection.UnaryRunTooLong, []);
                }
                ulong remainder = 0;
                for (int b = 0; b < k; b++)
                {
                    var v = ReadBit();
                    if (v is null) return (LacRejection.Truncated, []);
                    remainder = remainder << 1 | (uint)v.Value;
                }
                uint z = (uint)((q << (int)k) | remainder);
                residuals[p * perPartition + m] = (int)(z >> 1) ^ -(int)(z & 1);
            }
        }
        var samples = new int[count];
        int s = 15 - shift;
        BigInteger divisor = BigInteger.One << s;
        for (int i = 0; i < count; i++)
        {
            int terms = Math.Min(i, order);
            BigInteger predict = 0;
            if (terms > 0)
            {
                BigInteger sum = 0;
                for (int j = 0; j < terms; j++)
                {
                    sum += coefficients[j] * samples[i - j - 1];
                }
                predict = FloorDivide(sum + (BigInteger.One << (s - 1)), divisor);
            }
            BigInteger total = residuals[i] + predict;
            long wrapped = (long)(total & 0xFFFFFFFF);
            samples[i] = wrapped >= 1L << 31 ? (int)(wrapped - (1L << 32)) : (int)wrapped;
        }
        return (LacRejection.None, samples);
    }

    private static BigInteger FloorDivide(BigInteger a, BigInteger b)
    {
        var quotient = BigInteger.DivRem(a, b, out var remainder);
        return remainder.Sign < 0 ? quotient - 1 : quotient;
    }
}
