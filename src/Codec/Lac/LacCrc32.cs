using System.IO.Hashing;

namespace Hark.Codec.Lac;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected, as zlib and PNG compute it) for the .lac container's header and records, through
/// System.IO.Hashing's carry-less-multiply implementation (many bytes per cycle, where a table does about one).
/// </summary>
public static class LacCrc32
{
    public static uint Compute(ReadOnlySpan<byte> data) => Crc32.HashToUInt32(data);

    /// <summary>The CRC of <paramref name="first"/> followed by <paramref name="second"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var crc = new Crc32();
        crc.Append(first);
        crc.Append(second);
        return crc.GetCurrentHashAsUInt32();
    }
}
