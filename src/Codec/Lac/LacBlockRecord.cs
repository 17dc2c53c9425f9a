using System.Buffers.Binary;

namespace Hark.Codec.Lac;

/// <summary>
/// The 12-byte prefix of each block in a .lac file, followed by the block and a 4-byte CRC-32 of
/// bytes 2.. of the prefix plus the block (docs/lac-container.md):
/// <code>
/// 0  2  sync 0xB10C
/// 2  4  block index u32 BE (0, 1, 2, ...: a gap after resync tells how many blocks were lost)
/// 6  4  block length u32 BE
/// 10 2  samples per channel u16 BE
/// </code>
/// </summary>
public readonly record struct LacBlockRecord(uint Index, int BlockLength, int Samples)
{
    public const ushort Sync = 0xB10C;
    public const int PrefixLength = 12;
    public const int CrcLength = 4;
    public const int Overhead = PrefixLength + CrcLength;

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, Sync);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(2), Index);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(6), (uint)BlockLength);
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(10), (ushort)Samples);
    }

    /// <summary>Reads a prefix; false when the sync is wrong or a field is impossible for this file.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, in LacFileHeader file, out LacBlockRecord record)
    {
        record = default;
        if (source.Length < PrefixLength || BinaryPrimitives.ReadUInt16BigEndian(source) != Sync)
        {
            return false;
        }
        uint length = BinaryPrimitives.ReadUInt32BigEndian(source.Slice(6));
        int samples = BinaryPrimitives.ReadUInt16BigEndian(source.Slice(10));
        if (samples == 0 || samples > file.BlockSize || length < LacBlockCodec.HeaderLength(file.Channels)
            || length > (uint)LacBlockCodec.MaxBlockLength(file.BlockSize, file.Channels))
        {
            return false;
        }
        record = new LacBlockRecord(BinaryPrimitives.ReadUInt32BigEndian(source.Slice(2)), (int)length, samples);
        return true;
    }

    /// <summary>The CRC stored after a block: over the prefix from byte 2 (index, length, samples) and the block.</summary>
    public static uint ComputeCrc(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> block) =>
        LacCrc32.Compute(prefix.Slice(2, PrefixLength - 2), block);
}
