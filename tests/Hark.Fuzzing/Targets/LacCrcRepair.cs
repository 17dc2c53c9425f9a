using System.Buffers.Binary;
using Hark.Codec.Lac;

namespace Hark.Fuzzing.Targets;

/// <summary>
/// Recomputes the header CRC and the CRC of every record found by walking the lengths, so a mutation reaches the
/// fields behind the CRCs (block index, length, sample count, frames) instead of being caught at the first check.
/// </summary>
internal static class LacCrcRepair
{
    public static byte[] Repair(byte[] data)
    {
        if (data.Length < LacFileHeader.Length || BinaryPrimitives.ReadUInt32BigEndian(data) != LacFileHeader.Magic)
        {
            return data;
        }
        var result = (byte[])data.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(24), LacCrc32.Compute(result.AsSpan(0, 24)));
        int at = LacFileHeader.Length;
        while (at + LacBlockRecord.Overhead <= result.Length
               && BinaryPrimitives.ReadUInt16BigEndian(result.AsSpan(at)) == LacBlockRecord.Sync)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(result.AsSpan(at + 6));
            if (length > result.Length - at - LacBlockRecord.Overhead)
            {
                break;
            }
            var record = result.AsSpan(at, LacBlockRecord.PrefixLength + (int)length);
            uint crc = LacBlockRecord.ComputeCrc(record, record.Slice(LacBlockRecord.PrefixLength));
            BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(at + record.Length), crc);
            at += record.Length + LacBlockRecord.CrcLength;
        }
        return result;
    }

    /// <summary>The usual mutation, then, every other case, CRCs made to match it again.</summary>
    public static byte[] MutateAndRepair(Random random, IReadOnlyList<byte[]> corpus)
    {
        var mutated = Mutator.Mutate(random, corpus);
        return random.Next(2) == 0 ? Repair(mutated) : mutated;
    }
}
